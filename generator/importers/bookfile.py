"""A new book file's name and text, laid out as `bulletin new book` lays it out (the registry's
scaffold): every field of the book schema in order, each with its Chinese explanation, the ones
not known left empty.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from generator.ordering import pinyin_slug
from generator.registry import content_type
from generator.scaffold import scaffold_text

MAX_SLUG = 60  # the build refuses names over 80 characters; -2, -3 … and .md must fit too


def book_text(values: dict[str, Any], body: str) -> str:
    """The whole text of a book file: front matter from `values` (schema field names), then `body`."""
    known = {name: value for name, value in values.items() if value not in (None, "", [], ())}
    return scaffold_text(content_type("books"), known.get("title", ""), values.get("shelved") or dt.date.today(),
                         values=known, body=body)


def slug_for(title: str, taken: set[str]) -> str:
    """The file name (without .md) for a new book: the title's pinyin, -2, -3 … when taken.

    taken: file names already in the folder, in lower case.
    """
    base = pinyin_slug(title)[:MAX_SLUG].rstrip("-") or "book"
    slug, number = base, 1
    while f"{slug}.md" in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
