"""Recommended reading lists (推荐书目): items point at books by slug or ISBN, or stand alone."""
from __future__ import annotations

from generator.load import SourceFile
from generator.model import Book, ListItem, ReadingList
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import READING_LIST


def build_lists(sources: list[SourceFile], books: list[Book], problems: Problems) -> list[ReadingList]:
    by_key: dict[str, Book] = {b.slug: b for b in books}
    by_key.update({b.isbn: b for b in books if b.isbn})
    lists = []
    for source in sources:
        clean = validate(source.data, READING_LIST, source.name, problems)
        if clean is None:
            continue
        items = []
        for entry in clean["items"]:
            line = entry["_line"]
            book = None
            if entry["book"]:
                key = entry["book"].removesuffix(".md")
                book = by_key.get(key) or by_key.get(key.replace("-", ""))
                if book is None:
                    problems.error("unknown_book", source.name, line, value=entry["book"])
                    continue
            elif not entry["title"]:
                problems.error("list_item_needs_title", source.name, line)
                continue
            items.append(ListItem(
                book=book,
                title=entry["title"] or book.title,
                author=entry["author"] or (book.author if book else None),
                publisher=entry["publisher"] or (book.publisher if book else None),
                isbn=entry["isbn"] or (book.isbn if book else None),
                note=entry["note"],
            ))
        lists.append(ReadingList(
            slug=source.slug, title=clean["title"], grade_bands=tuple(clean["grade_bands"]),
            audience=clean["audience"], subject=clean["subject"], description=clean["description"],
            items=tuple(items), source=source.name, url=f"lists/{source.slug}/",
        ))
    lists.sort(key=lambda r: (r.audience != "pupils", r.slug))
    return lists
