"""Import what the library already has: catalogue records and book lists (`bulletin import books`),
loan reports (`import loans`) and class lists (`import roster`) into content files.

Readers turn a file into plain records and problems; nothing here prints (see command.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportedBook:
    """One book as read from a catalogue record or a list's row, before it is matched or written.

    values: the book schema's field names (title, author, publisher, year, isbn, call_number,
    tags), only those found; summary: the first draft of the introduction.
    """

    values: dict[str, Any]
    summary: str
    file: str  # as the librarian named it on the command line
    line: int | str  # record number (CNMARC) or sheet!row (spreadsheets)


@dataclass
class Tally:
    """What an import did (or would do, with --dry-run): each entry is one line of the report."""

    new: list[dict[str, Any]] = field(default_factory=list)
    existing: list[dict[str, Any]] = field(default_factory=list)
    filled: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (message code, params)
