"""One book's raw values, however they were read (CNMARC subfields, a spreadsheet's row),
cleaned into an ImportedBook, with a problem for each value that had to be left out."""
from __future__ import annotations

from typing import Any

from generator.importers import ImportedBook, values
from generator.problems import Problems
from generator.content.books import BOOK


def make_book(raw: dict[str, Any], file: str, line: int | str, problems: Problems) -> ImportedBook | None:
    """raw: title, author, publisher, year, isbn, call_numbers (best first), tags (a list), summary.

    None (and an error) when there is no title or no author: a book file needs both, and a
    file the build refuses is worse than a record left for the librarian to type.
    """
    title, author = values.text(raw.get("title")), values.text(raw.get("author"))
    missing = [name for name, value in (("title", title), ("author", author)) if not value]
    if missing:
        named = "、".join(f"{name}（{BOOK.field(name).help.split()[0]}）" for name in missing)  # title（书名）
        problems.error("import_record_incomplete", file, line, fields=named, title=title or "?")
        return None
    found: dict[str, Any] = {"title": title, "author": author}
    publisher = values.text(raw.get("publisher"))
    if publisher:
        found["publisher"] = publisher
    year = values.year(raw.get("year"))
    if year:
        found["year"] = year
    isbn, wrong = values.isbn(raw.get("isbn"))
    if isbn:
        found["isbn"] = isbn
    elif wrong:
        problems.warn("import_bad_isbn", file, line, value=values.text(raw.get("isbn")), title=title)
    call_number = _call_number(raw.get("call_numbers") or [], file, line, title, problems)
    if call_number:
        found["call_number"] = call_number
    tags = values.tags(raw.get("tags") or [])
    if tags:
        found["tags"] = tags
    return ImportedBook(found, values.paragraphs(raw.get("summary")), file, line)


def _call_number(candidates: list[Any], file: str, line: int | str, title: str, problems: Problems) -> str | None:
    """The first candidate the book schema accepts (a call number, else the bare CLC class)."""
    refused = []
    for candidate in candidates:
        number, wrong = values.call_number(candidate)
        if number:
            return number
        if wrong:
            refused.append(values.text(candidate))
    if refused:
        problems.warn("import_bad_call_number", file, line, value=refused[0], title=title)
    return None
