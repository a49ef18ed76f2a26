"""Values as catalogues and spreadsheets hold them -> values as a book file wants them.

Each cleaner returns the value, or None when there is nothing usable; those that can find a
value wrong (an ISBN with a bad check digit) say why, so the reader can report it.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any

from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

from generator.kinds import CALL_NUMBER, CONTROL_CHARACTERS

YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")  # the first plausible year in 2007.09, 2007年9月, c2007
SPACES = re.compile(r"\s+")
TAG_SEPARATORS = re.compile(r"[;；,，、/|]+")


def text(value: Any) -> str:
    """A cell or subfield as one line of text: control characters out, runs of spaces as one."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a spreadsheet: 2007.0 is 2007
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return SPACES.sub(" ", CONTROL_CHARACTERS.sub("", str(value))).strip()


def paragraphs(value: Any) -> str:
    """A summary as Markdown paragraphs: each line of the source its own paragraph."""
    if value is None:
        return ""
    lines = CONTROL_CHARACTERS.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "\n\n".join(t for t in (SPACES.sub(" ", line).strip() for line in lines) if t)


def year(value: Any) -> int | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    match = YEAR.search(text(value))
    return int(match.group(1)) if match else None


def isbn(value: Any) -> tuple[str | None, bool]:
    """(the ISBN as a book file writes it, or None; whether something was there but wrong).

    Kept as the catalogue wrote it (hyphens or not) once its check digit is right.
    """
    raw = text(value)
    # Catalogues add a binding or a price after the number: "7-02-000873-X (精装)".
    raw = re.split(r"[\s(（:：]", raw, maxsplit=1)[0] if raw else ""
    if not raw:
        return None, False
    try:
        stdnum_isbn.validate(raw)
    except ValidationError:
        return None, True
    return raw.upper(), False


def isbn_key(value: Any) -> str | None:
    """The one form two ISBNs of the same book share (ISBN-10 and -13 alike), or None."""
    return _isbn_key(text(value))


@lru_cache(maxsize=65536)  # each ISBN is asked for when it is read, matched and added to the shelf
def _isbn_key(written: str) -> str | None:
    try:
        return stdnum_isbn.to_isbn13(stdnum_isbn.validate(written)).replace("-", "")
    except (ValidationError, ValueError):
        return None


def call_number(value: Any) -> tuple[str | None, bool]:
    """(a call number the book schema accepts, or None; whether something was there but unusable)."""
    raw = text(value).upper().replace(" ", "")
    if not raw:
        return None, False
    return (raw, False) if CALL_NUMBER.match(raw) else (None, True)


def tags(values: list[Any]) -> list[str]:
    """Subject headings or a keywords cell -> distinct tags, in order."""
    found: list[str] = []
    for value in values:
        for part in TAG_SEPARATORS.split(text(value)):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    return found


def comparable(value: Any) -> str:
    """Text as two spellings of one title compare: width, case, spaces and punctuation ignored."""
    folded = unicodedata.normalize("NFKC", text(value)).casefold()
    return "".join(c for c in folded if c.isalnum())


# What catalogues write after a name to say what the person did: 著, 编著, 译, 绘 …
ROLE_WORDS = re.compile(r"(主编|编著|编写|编译|改编|原著|著|编|译|绘|等)+$")
NATIONALITY = re.compile(r"[\[［(（〔【][^\]］)）〕】]{1,6}[\]］)）〕】]")


def comparable_author(value: Any) -> str:
    """An author as two catalogues of one book compare: [法]圣埃克苏佩里著 -> 圣埃克苏佩里."""
    names = re.split(r"[;；,，、\s]+", NATIONALITY.sub("", text(value)))
    return "".join(comparable(ROLE_WORDS.sub("", name)) for name in names if name)


