"""What fits on each printed sheet, as data, and the shortening of text and lists that do not.

The limits are counted at the type sizes of the theme's printables.css (A4 poster 18pt text,
A3 newsletter 14-17pt) with Noto CJK, where one Chinese character is one em wide; they leave a
margin, as a Latin letter is narrower and a cover may be taller. Anything cut gets an ellipsis
on the sheet and a warning naming the file it came from: never clipped silently.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence, TypeVar

from generator.markup import plain_text

FITS: dict[str, dict[str, int]] = {
    # A4 portrait: the cover (78 mm wide) beside title and facts, then the introduction, then the QR code.
    # intro_lines includes the "recommended by" line when there is one; a line holds 28 characters
    # (182 mm at 18pt); a line that may not begin with a comma breaks a character early, which the
    # last line's slack absorbs (the build reports a sheet that spills all the same).
    # Title (3 lines at most at 28pt) and author (2 lines) are kept short enough that the facts
    # beside the cover are never taller than it (104 mm), so the introduction's room is fixed.
    "poster": {"title": 18, "author": 24, "intro_lines": 8, "line_chars": 28},
    # A3 landscape, four columns of about 95 mm, 245 mm tall below the masthead. A book with its
    # cover (26 mm wide, 35 mm tall) takes 39 mm: five, the column's heading and the "and N more"
    # line leave 2-3 cm to spare. The board cannot break across sheets: when it is taller than the
    # sheet, WeasyPrint moves all of it to the next one, the masthead left alone on the first.
    "blackboard": {"title": 30, "books": 5, "book_title": 16, "activities": 9, "activity_title": 40,
                   "awards": 3, "winners": 12, "classes": 27},
}

ELLIPSIS = "……"  # the Chinese ellipsis, two characters wide
_PARAGRAPH = re.compile(r"<(p|li|h[1-6])\b[^>]*>(.*?)</\1>", re.S)
_SENTENCE_END = "。！？；…"

T = TypeVar("T")


@dataclass(frozen=True)
class Cut:
    """One shortening: which field, how much there was, how much the sheet shows."""
    field: str
    total: int
    shown: int


def shorten(text: str, limit: int) -> str:
    """`text` within `limit` characters, ending in an ellipsis when cut; a sentence end close to
    the limit is preferred to the middle of a word."""
    if len(text) <= limit:
        return text
    room = text[:max(limit - len(ELLIPSIS), 1)]
    end = max(room.rfind(mark) for mark in _SENTENCE_END)
    if end >= len(room) * 0.7:
        room = room[:end]  # drop the full stop itself: "……" follows
    return room.rstrip("，、,;；：: ") + ELLIPSIS


def text_paragraphs(body_html: str) -> list[str]:
    """The plain text of each paragraph of rendered Markdown (a poster shows no links or markup)."""
    return [text for text in (plain_text(m.group(2)) for m in _PARAGRAPH.finditer(body_html)) if text]


def fit_paragraphs(paragraphs: list[str], lines: int, line_chars: int) -> tuple[list[str], bool]:
    """As many paragraphs as fill `lines` lines of `line_chars` characters (each paragraph starts
    on a new, indented line); the last one shortened to what is left. True when anything was cut."""
    shown: list[str] = []
    left = lines
    for number, paragraph in enumerate(paragraphs):
        needed = math.ceil((len(paragraph) + 2) / line_chars)  # + 2: the first-line indent
        if needed <= left:
            shown.append(paragraph)
            left -= needed
            continue
        room = left * line_chars - 2
        if room >= line_chars // 2 or not shown:  # half a line or more: worth a shortened paragraph
            shown.append(shorten(paragraph, max(room, len(ELLIPSIS) + 1)))
        elif shown:
            shown[-1] = shown[-1].rstrip("。！？；") + ELLIPSIS  # no room: mark the cut where the text stops
        return shown, True
    return shown, False


def first(items: Sequence[T], limit: int, field: str, cuts: list[Cut]) -> list[T]:
    """The first `limit` items; records a Cut when there are more."""
    if len(items) > limit:
        cuts.append(Cut(field, len(items), limit))
    return list(items[:limit])


def clipped(text: str | None, limit: int, field: str, cuts: list[Cut]) -> str | None:
    """`text` shortened to `limit` characters; records a Cut when it was."""
    if text is None or len(text) <= limit:
        return text
    cuts.append(Cut(field, len(text), limit))
    return shorten(text, limit)
