"""The books already in content/books/, to know an imported record's book when it is there.

Same book: the same ISBN (ISBN-10 and -13 are one), else the same title and author as a
librarian and a catalogue write them (width, spaces, punctuation, “[法]” and “著” aside).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.importers import ImportedBook, values
from generator.load import content_files, read_text, split_front_matter
from generator.problems import Problems


@dataclass(frozen=True)
class Match:
    path: Path
    reason: str  # "isbn" or "title"


@dataclass
class Shelf:
    """Index of the book files: by ISBN, by title (with each file's author), and the names taken."""

    by_isbn: dict[str, Path] = field(default_factory=dict)
    by_title: dict[str, list[tuple[str, Path]]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # file names in lower case (Windows cannot tell XiYouJi.md from xiyouji.md)

    def add(self, path: Path, data: dict[str, Any]) -> None:
        self.names.add(path.name.casefold())
        key = values.isbn_key(data.get("isbn"))
        if key:
            self.by_isbn.setdefault(key, path)
        title = values.comparable(data.get("title"))
        if title:
            self.by_title.setdefault(title, []).append((values.comparable_author(data.get("author")), path))

    def find(self, book: ImportedBook) -> Match | None:
        key = values.isbn_key(book.values.get("isbn"))
        if key and key in self.by_isbn:
            return Match(self.by_isbn[key], "isbn")
        author = values.comparable_author(book.values.get("author"))
        for known, path in self.by_title.get(values.comparable(book.values.get("title")), []):
            # One catalogue writes the translator after the author, the librarian may not.
            if known and author and (known.startswith(author) or author.startswith(known)):
                return Match(path, "title")
        return None


def front_matter(path: Path) -> dict[str, Any]:
    """A book file's fields as plain values; {} when the file cannot be read (the build says why).

    The build's loader keeps every field's line for its messages; matching needs none of that,
    and reading 5,000 books is three times faster without it.
    """
    text = read_text(path, path.name, Problems())
    front = split_front_matter(text)[0] if text is not None else None
    try:
        data = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if front else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_shelf(content_dir: Path) -> Shelf:
    shelf = Shelf()
    folder = content_dir / "books"
    for path in content_files(content_dir, "books"):
        shelf.add(path, front_matter(path))  # a file the build cannot read still takes its name
    if folder.is_dir():
        shelf.names.update(p.name.casefold() for p in folder.iterdir())
    return shelf
