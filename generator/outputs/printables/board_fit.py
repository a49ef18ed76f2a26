"""How large the blackboard newsletter is set, so that its four columns fill the A3 sheet: each
part's height is estimated in lines of the body (1.3 em) from its text, at each size of
FITS["blackboard"]; the largest size whose whole content fits is taken, and at the smallest,
the longest lists are shortened until it fits. The parts are then dealt into four columns as
evenly as they go (split_columns: WeasyPrint's own column balancing lays the board out again
and again, and took twice as long), and the lines spread to fill the tallest; a board that
spills all the same is reported by the build."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from generator.outputs.fit import FITS, POINT, set_title
from generator.outputs.typeset import ems

LINE = 1.3  # the board's line height, in ems (at least: lines left over spread it)
SPREAD = 0.97  # of a column that the spread lines fill
MARGIN = 1.06  # a column may be this much taller than estimated: its lines spread no further
TRIMMED = ("books", "activities", "classes")  # what is shortened when even the smallest size is too large
FLOOR = {"books": 2, "activities": 3, "classes": 6}  # ...never below these


@dataclass
class BoardText:
    """What the board shows, as far as its height goes: titles and names, before fitting."""
    title: list[str]  # its lines
    title_size: float  # points
    masthead: str
    books: list[tuple[str, str, bool]] = field(default_factory=list)  # (title in its brackets, author, has a call number)
    activities: list[tuple[float, str, str]] = field(default_factory=list)  # (ems of the date and time, title, place)
    awards: list[tuple[str, list[list[tuple[str, str]]]]] = field(default_factory=list)  # (name, levels of (name, class))
    classes: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (grade, class, assistants)


def _lines(width: float, room: float) -> int:
    return max(1, math.ceil(width / room - 0.02))


def _mm(millimetres: float, size: float) -> float:
    """Millimetres in lines of the body at `size` points."""
    return millimetres / (size * POINT * LINE)


def _parts(text: BoardText, size: float) -> dict[str, list[float]]:
    """The height of each item, in lines of 1.3 em, at `size`: the masthead, and books, activities,
    awards and classes, each list with its panel's heading first."""
    room = FITS["blackboard"]["panel"] / (size * POINT)  # ems a line of a panel holds
    head_room = FITS["blackboard"]["masthead"] / (size * POINT)
    panel = panel_height(size)  # the heading is on one line: heading_size

    masthead = (1.9 + len(text.title) * text.title_size * 1.15 / (size * LINE)
                + _lines(ems(text.masthead) * 0.8, head_room) * 0.8 + _mm(14.8, size))
    books = []
    for title, _, has_call in text.books:
        points, lines = book_title(title, size)
        books.append(max(4.8 / LINE, len(lines) * points / size + 0.85 * (1 + has_call)) + _mm(2.5, size) + 0.45)
    # A title runs on into its place, in brackets, a little smaller; a line ends short where a
    # word in brackets or a kept date does not fit.
    activities = [_lines(when, room) + _lines(ems(title) + 0.85 * (ems(place) + 2), room - 0.5) + 0.3
                  for when, title, place in text.activities]
    awards: list[float] = []
    for name, levels in text.awards:
        awards.append(_lines(ems(name), room) + 0.45)
        awards.extend(_lines(2.6 + sum(ems(n) + 0.7 * ems(c) + 0.6 for n, c in level), room - 1.5) + 0.3 for level in levels)
    # The roster runs on by grade: each class a fraction of a line (a line ends about two and a
    # half ems short, where a name does not fit), each grade its label and half a line it leaves
    # unfilled. Winners run on the same way.
    classes, grade = [], None
    for in_grade, name, names in text.classes:
        first = in_grade != grade
        grade = in_grade
        classes.append((0.85 * ems(name) + 0.6 + sum(ems(a) + 0.45 for a in names)) / (room - 2)
                       + ((ems(in_grade) + 0.5) / room + 0.6 if first else 0))
    return {"masthead": [masthead],
            **{key: [panel, *items] for key, items in (("books", books), ("activities", activities),
                                                          ("awards", awards), ("classes", classes)) if items}}


def book_title(title: str, size: float) -> tuple[float, list[str]]:
    """A book's title (in its brackets) beside its cover: its size (points), smaller than the
    body's down to three quarters so that it is whole on one line, else its two lines broken
    where a word ends."""
    room = FITS["blackboard"]["panel"] - 3.6 * size * POINT - 3  # mm beside the cover
    return set_title(title, room, [round(size * f, 1) for f in (1, 0.9, 0.8, 0.75)])


def heading_size(heading: str, size: float) -> float:
    """A panel's heading size, in ems of the body: 1.25, or less where that would not hold it on one line."""
    return round(min(1.25, (FITS["blackboard"]["panel"] - 1) / (size * POINT) / max(ems(heading) * 1.1, 1)), 2)  # 1.1: its letter-spacing


def _needed(parts: dict[str, list[float]], counts: dict[str, int]) -> float:
    total = 0.0
    for key, items in parts.items():
        shown = counts.get(key, len(items) - 1)
        total += items[0] + sum(items[1:shown + 1]) if key != "masthead" else items[0]
        if key in counts and shown < len(items) - 1:
            total += 1.2  # the "and N more" line
    return total


def _capacity(size: float, waste: float = 0) -> float:
    """Lines the sheet holds at `size`, less what each column loses at its foot (an item that
    does not fit there goes whole to the next column) and in the panel it continues, and
    `waste` lines more a column."""
    fits = FITS["blackboard"]
    return fits["columns"] * (_mm(fits["height"], size) - 2.0 - waste - _mm(5, size))


def fit_board(text: BoardText, waste: float = 0) -> tuple[float, dict[str, list[float]], dict[str, int]]:
    """The body's size (points), the height of each part at that size (as _parts), and how many
    books, activities and classes the board shows."""
    sizes = FITS["blackboard"]["sizes"]
    counts = {"books": len(text.books), "activities": len(text.activities), "classes": len(text.classes)}
    for size in sizes:
        parts = _parts(text, size)
        if _needed(parts, counts) <= _capacity(size, waste):
            break
    else:
        longest: Callable[[str], Any] = lambda key: sum(parts[key][1:counts[key] + 1])
        while _needed(parts, counts) > _capacity(size, waste):
            shorter = [key for key in TRIMMED if key in parts and counts[key] > FLOOR[key]]
            if not shorter:
                break  # the build reports the sheet if it spills
            counts[max(shorter, key=longest)] -= 1
    return size, parts, counts


def panel_height(size: float) -> float:
    """A panel's heading, its lace, its border, padding and the gap below it, in lines."""
    return 1.25 + 0.45 + _mm(8.2, size)


def split_columns(units: list[float], size: float) -> tuple[list[int], list[float], bool]:
    """The column of each unit (a block the board does not break: an item, a heading with the
    item after it), in order, so that the tallest column is as short as it can be (the linear
    partition: at most 4 columns of a few dozen units); each column's line height, which spreads
    it to the sheet's foot (up to 1.6); and whether the tallest fits on the sheet."""
    fits = FITS["blackboard"]
    count, columns = len(units), fits["columns"]
    before = [0.0]
    for height in units:
        before.append(before[-1] + height)
    # best[k][i]: the tallest column when the first i units fill k columns; cut[k][i]: where the last begins.
    best = [[0.0] + [float("inf")] * count] + [[float("inf")] * (count + 1) for _ in range(columns)]
    cut = [[0] * (count + 1) for _ in range(columns + 1)]
    for k in range(1, columns + 1):
        for i in range(count + 1):
            for j in range(i + 1):
                tallest = max(best[k - 1][j], before[i] - before[j])
                if tallest < best[k][i]:
                    best[k][i], cut[k][i] = tallest, j
    placed, end = [0] * count, count
    for k in range(columns, 0, -1):
        for i in range(cut[k][end], end):
            placed[i] = k - 1
        end = cut[k][end]
    room = _mm(fits["height"], size) - 0.5
    heights = [sum(h for h, c in zip(units, placed) if c == n) or room for n in range(columns)]
    return (placed, [round(LINE * min(max(room * SPREAD / (height * MARGIN), 1.0), 1.6 / LINE), 2) for height in heights],
            max(heights) <= room)
