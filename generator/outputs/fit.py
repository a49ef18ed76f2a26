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
from typing import Any, Sequence, TypeVar

from generator.markup import plain_text
from generator.outputs.typeset import ems

FITS: dict[str, dict[str, Any]] = {
    # A4 portrait, 186 x 239 mm inside the margins: the band, the cover (82 x 109 mm) beside title
    # and facts, the introduction, and the footer with the QR code in the page's bottom margin (46 mm).
    # The title is set on one line at the largest size that holds it (title_sizes, in points, in
    # a column title_width mm wide), else on two lines broken where a word ends (set_title). The
    # introduction (intro_room mm tall, intro_width wide, lines 1.65 of the size apart) is set at
    # the largest of intro_sizes that holds all of it, the "recommended by" line included; at the
    # smallest it is shortened (fit_intro). A line holds a character less than its width: one that
    # may not begin with a comma breaks a character early (the build reports a sheet that spills
    # all the same). Room a short introduction leaves goes to the cover, up to cover_growth mm
    # taller (and a quarter less wider, as a 3:4 cover is), the title's column narrower by as much.
    # Title and author are kept short enough that the facts beside the cover are never taller
    # than it, so the introduction's room is fixed.
    "poster": {"title": 18, "author": 24, "title_width": 94, "title_sizes": (40, 36, 32, 28, 26, 24),
               "intro_room": 88, "intro_width": 186, "intro_sizes": (22, 21, 20, 19, 18),
               "cover": (82, 109), "cover_growth": 30},
    # A3 landscape (404 x 281 mm inside 8 mm margins): four columns of 96 mm (88.8 mm
    # inside a panel), the masthead heading the first. The most the board shows of each kind
    # (books, activities, awards, winners of an award, classes of the roster) and the longest
    # titles; then printables/board_fit.py sets it at the largest of sizes (points, the body;
    # 20 at least, to read from two metres) at which all of it fills the sheet, and at the
    # smallest, shows fewer books, activities and classes until it fits.
    "blackboard": {"title": 30, "books": 5, "book_title": 16, "activities": 9, "activity_title": 40,
                   "awards": 3, "winners": 12, "classes": 27,
                   "sizes": (36, 33, 30, 28, 26, 25, 24, 23, 22, 21, 20), "height": 281, "columns": 4, "column": 96, "panel": 88.8,
                   "title_sizes": (60, 56, 52, 48, 44, 40, 36, 32, 28), "masthead": 82, "one_line_least": 44},
    # The roster handout, A4 (186 x 273 mm inside 12 mm margins): its rows (a class each, and the
    # heading) share the room below the title, at a size between least and most points; when
    # least is too large for one column, in two (gap mm apart). A row is 1.5 lines and 3 mm of
    # padding and rules, and no wider than the column (width mm) at its size: the class column
    # (class_column ems and padding) and each name (with its gap, and its role, smaller).
    "roster": {"room": 236, "width": 186, "gap": 8, "row_padding": 3, "leading": 1.5, "least": 11, "most": 18,
               "class_column": 8.5},
    # The rotation, A4 landscape (273 x 186 mm): below the title and above the places (room mm),
    # a head_row of headings, then a row a day (or a time) beside a column of headings at
    # head_size points (head_column mm at least); class names side by side or 1.3 lines apart,
    # at a size between least and most points.
    "rotation": {"width": 273, "room": 140, "head_row": 14, "head_column": 34, "head_size": 22, "cell_padding": 8,
                 "leading": 1.3, "least": 14, "most": 36},
    # A certificate's sentence (and its closing line) in the text_width x text_room mm above the
    # issuer and the date, at the largest of sizes (points) that holds it, 1.9 lines apart; a
    # title in it is kept whole up to kept ems (a longer part breaks: a line stretched around it
    # would gape).
    "certificate": {"text_width": 205, "text_room": 60, "sizes": (26, 24, 22, 20), "leading": 1.9, "kept": 11},
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


POINT = 25.4 / 72  # millimetres
LEADING = 1.65  # line height of a printed paragraph, in ems
_BREAK_AFTER = "的之与和及是届期季、：:·—-）) "  # a title breaks best after these: where a word ends
_NO_BREAK_AFTER = "《（〈「“‘(["
_NO_BREAK_BEFORE = "》）〉」”’)]，。、：；！？·—…"


def _breaks(title: str) -> tuple[list[int], list[int]]:
    """Where a title may break (not after an opening bracket, before a closing one, inside a
    Latin word), and of those, where a word ends."""
    places = [i for i in range(1, len(title)) if title[i - 1] not in _NO_BREAK_AFTER
              and title[i] not in _NO_BREAK_BEFORE and not (title[i - 1] + title[i]).isascii()]
    return places, [i for i in places if title[i - 1] in _BREAK_AFTER and min(i, len(title) - i) >= 2]


def set_title(title: str, width: float, sizes: Sequence[float], one_line_least: float = 0) -> tuple[float, list[str]]:
    """The size (points) and lines of a title in a column `width` mm wide: one line at the
    largest size that holds it (and not below `one_line_least`, if two lines broken after a
    word are larger), else two, broken after a word (的, 之, 届, a colon...) or else where the two
    lines are most even, never after an opening bracket or before a closing one."""
    one_line = next((size for size in sizes if ems(title) * size * POINT <= width), None)
    if one_line is not None and one_line >= one_line_least:
        return one_line, [title]
    places, at_words = _breaks(title)
    lines: list[str] = [title]
    for choices in (at_words, places) if one_line is None else (at_words,):
        if not choices:
            continue
        split = min(choices, key=lambda i: max(ems(title[:i]), ems(title[i:])))
        lines = [title[:split].rstrip(), title[split:].lstrip()]
        size = next((s for s in sizes if max(map(ems, lines)) * s * POINT <= width), None)
        if size is not None and (one_line is None or size > one_line):
            return size, lines
    if one_line is not None:
        return one_line, [title]
    return sizes[-1], lines  # longer than two lines hold: the sheet breaks it where it must


def fit_intro(paragraphs: list[str], room: float, width: float, sizes: Sequence[float],
              extra_lines: int) -> tuple[float, list[str], float, bool]:
    """The introduction's size (points) and paragraphs: the largest size at which all of it fits
    in `room` x `width` mm, `extra_lines` (the "recommended by" line) counted, else the smallest,
    shortened (True); and the height it takes (mm), with a line to spare in case a comma pushes
    a character down."""
    for size in sizes:
        lines = math.floor(room / (size * POINT * LEADING))
        line_chars = math.floor(width / (size * POINT)) - 1
        shown, cut = fit_paragraphs(paragraphs, lines - extra_lines, line_chars)
        if not cut:
            break
    used = sum(math.ceil((len(p) + 2) / (line_chars + 1)) for p in shown) + extra_lines + 1
    return size, shown, min(used, lines) * size * POINT * LEADING, cut
