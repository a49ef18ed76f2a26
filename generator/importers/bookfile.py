"""A new book file's name and text, laid out as `bulletin new book` lays it out: every field of
the book schema in order, each with its Chinese explanation, the ones not known left empty.

`book_text` is the one place that turns values into a file; it follows schemas.BOOK (its
fields, their order and help text), so it is where the content-type registry's scaffold
takes over.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from generator.importers.values import yaml_scalar
from generator.ordering import pinyin_slug
from generator.schemas import BOOK

MAX_SLUG = 60  # the build refuses names over 80 characters; -2, -3 … and .md must fit too


def book_text(values: dict[str, Any], body: str) -> str:
    """The whole text of a book file: front matter from `values` (schema field names), then `body`."""
    lines = [f"# {BOOK.help}"]
    for field in BOOK.fields:
        required = "必填 required" if field.required else "选填 optional"
        line = f"{field.name}: {_written(field.kind, values.get(field.name))}".rstrip()
        lines.append(f"{line}  # {field.help}（{required}）")
    front = "\n".join(lines)
    return f"---\n{front}\n---\n\n{body}\n" if body else f"---\n{front}\n---\n"


def _written(kind: str, value: Any) -> str:
    if value is None or value == "" or value == [] or value == ():
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind == "isbn":
        return f'"{value}"'  # digits only would be read as a number
    return yaml_scalar(value)


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
