"""Covers from a folder (`--covers`): a picture named by the book's ISBN or its title.

Scanned or supplied covers are named 9787020008735.jpg, 978-7-02-000873-5.png or 西游记.jpg;
the one found is copied into content/images/ under the book's own file name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.importers import values

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


@dataclass
class CoverFolder:
    by_isbn: dict[str, Path] = field(default_factory=dict)
    by_title: dict[str, Path] = field(default_factory=dict)

    def find(self, isbn: str | None, title: str) -> Path | None:
        key = values.isbn_key(isbn) if isbn else None
        if key and key in self.by_isbn:
            return self.by_isbn[key]
        return self.by_title.get(values.comparable(title))


def read_covers(folder: Path) -> CoverFolder:
    covers = CoverFolder()
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file() or path.name.startswith("."):
            continue
        key = values.isbn_key(path.stem)
        if key:
            covers.by_isbn.setdefault(key, path)
        else:
            covers.by_title.setdefault(values.comparable(path.stem), path)
    return covers
