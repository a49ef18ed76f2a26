"""`bulletin import books`: catalogue records and book lists -> one book file per new book.

A book already on the shelf is never written over: it is reported, and with --update only
the fields its file leaves empty are filled in. A record that cannot be read is reported with
its number; the others are imported.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.importers import ImportedBook, Tally
from generator.importers.bookfile import book_text, slug_for
from generator.importers.booklist import read_book_rows
from generator.importers.covers import CoverFolder, read_covers
from generator.importers.existing import Shelf, read_shelf
from generator.importers.marc import looks_like_marc, read_marc
from generator.importers.tables import TableError, read_table
from generator.problems import Problems, relative_name
from generator.roundtrip import EditConflict, NotEditable, create_file, quoted, read_document

FILLABLE = ("publisher", "year", "isbn", "call_number", "tags")  # what a catalogue knows; the rest is the librarian's
PLACEHOLDER = "在这里写正文（Markdown）。Write the text here."  # the body `bulletin new book` leaves


@dataclass(frozen=True)
class BookOptions:
    shelved: dt.date
    covers: Path | None = None
    update: bool = False
    dry_run: bool = False
    featured: bool = False


def read_books(path: Path, name: str, problems: Problems, tally: Tally) -> list[ImportedBook]:
    """The books of one file (CNMARC or a spreadsheet, told by its first bytes), noted in the tally."""
    raw = path.read_bytes()
    if looks_like_marc(raw):
        found = read_marc(raw, name, problems)
        encodings = [(enc, how, count) for (enc, how), count in sorted(found.encodings.items())]
        tally.notes.append(("summary_import_read_marc", {"file": name, "records": found.records, "encodings": encodings}))
        tally.skipped += found.records - len(found.books)
        return found.books
    try:
        table = read_table(raw, path.suffix)
    except TableError as exc:
        problems.error(exc.args[0], name, None, detail=exc.args[1])
        return []
    books, rows = read_book_rows(table, name, problems)
    tally.notes.append(("summary_import_read_table", {"file": name, "kind": table.kind, "records": rows,
                                                      "encoding": table.encoding or ""}))
    tally.skipped += rows - len(books)
    return books


class BookImport:
    """One run of `bulletin import books`: the shelf as it was, plus what this run adds."""

    def __init__(self, config: Config, options: BookOptions, problems: Problems):
        self.config, self.options, self.problems = config, options, problems
        self.folder = config.content_dir / "books"
        self.shelf: Shelf = read_shelf(config.content_dir)
        self.covers: CoverFolder | None = read_covers(options.covers) if options.covers else None
        self.tally = Tally()

    def run(self, files: list[tuple[Path, str]]) -> Tally:
        for path, name in files:
            for book in read_books(path, name, self.problems, self.tally):
                self.take(book)
        return self.tally

    def take(self, book: ImportedBook) -> None:
        match = self.shelf.find(book)
        entry = {"source": book.file, "line": book.line, "title": book.values["title"]}
        if match is None:
            self.create(book, entry)
        elif self.options.update:
            self.fill(book, match.path, {**entry, "reason": match.reason})
        else:
            self.tally.existing.append({**entry, "file": self._name(match.path), "reason": match.reason})

    def _name(self, path: Path) -> str:
        return relative_name(path, self.config.root)

    def create(self, book: ImportedBook, entry: dict[str, Any]) -> None:
        values = {**book.values, "shelved": self.options.shelved}
        if self.options.featured:
            values["featured"] = True
        slug = slug_for(values["title"], self.shelf.names)
        cover = self.cover_for(book, slug, entry)
        if cover:
            values["cover"] = cover
        while True:
            path = self.folder / f"{slug}.md"
            try:
                if not self.options.dry_run:
                    create_file(path, book_text(values, book.summary))
                break
            except FileExistsError:  # made meanwhile (an editor, another import): take the next name
                self.shelf.names.add(path.name.casefold())
                slug = slug_for(values["title"], self.shelf.names)
        self.shelf.add(path, values)
        self.tally.new.append({**entry, "file": self._name(path)})

    def cover_for(self, book: ImportedBook, slug: str, entry: dict[str, Any]) -> str | None:
        """The name of the cover copied into content/images/ for this book, or None."""
        if self.covers is None:
            return None
        found = self.covers.find(book.values.get("isbn"), book.values["title"])
        if found is None:
            return None
        from generator.content.books import cover_problem  # Pillow: only when there are covers
        wrong = cover_problem(found)
        if wrong is not None:
            self.problems.warn("import_cover_unusable", book.file, book.line, value=found.name, title=entry["title"])
            return None
        images = self.config.content_dir / "images"
        suffix = found.suffix.lower()
        name, number = f"{slug}{suffix}", 1
        while (images / name).exists():
            number += 1
            name = f"{slug}-{number}{suffix}"
        if not self.options.dry_run:
            create_file(images / name, found.read_bytes())
        return name

    def fill(self, book: ImportedBook, path: Path, entry: dict[str, Any]) -> None:
        """--update: set the fields the book's file leaves empty; touch nothing else."""
        entry = {**entry, "file": self._name(path)}
        try:
            document = read_document(path)
        except NotEditable as exc:
            self.problems.error("import_not_editable", entry["file"], None, detail=str(exc))
            self.tally.skipped += 1
            return
        filled = []
        for field in FILLABLE:
            value = book.values.get(field)
            if value and document.is_empty(field):
                document.set(field, quoted(value) if field == "isbn" else value)
                filled.append(field)
        if document.is_empty("cover"):
            cover = self.cover_for(book, path.stem, entry)
            if cover:
                document.set("cover", cover)
                filled.append("cover")
        if book.summary and document.body is not None and document.body.strip() in ("", PLACEHOLDER):
            document.body = f"\n{book.summary}\n"
            filled.append("introduction")
        if not filled:
            self.tally.existing.append(entry)
            return
        try:
            if not self.options.dry_run:
                document.write()
        except EditConflict:
            self.problems.error("import_file_changed", entry["file"], None)
            self.tally.skipped += 1
            return
        self.tally.filled.append({**entry, "fields": "、".join(filled)})


def import_books(config: Config, files: list[tuple[Path, str]], options: BookOptions, problems: Problems) -> Tally:
    """files: (path, the name the librarian gave it). The tally says what was (or would be) done."""
    return BookImport(config, options, problems).run(files)
