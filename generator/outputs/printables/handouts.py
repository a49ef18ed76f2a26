"""Handouts sent to every class (发至各班): the assistant roster (A4) and the borrowing rotation
(A4 landscape, to hang on a classroom door), each set as large as its one sheet holds."""
from __future__ import annotations

from generator.i18n import Translations
from generator.content.rosters import Roster
from generator.outputs.fit import FITS, POINT
from generator.outputs.printables.sheet import Printable
from generator.outputs.typeset import ems


def roster_handout(roster: Roster) -> Printable:
    """The roster's table (a row a class) at the size its rows fill the sheet with, and no larger
    than its longest row holds on one line; a school too big for one column gets two."""
    fits = FITS["roster"]
    rows = sum(len(g.classes) for g in roster.grades)
    widest = max((fits["class_column"] + sum(ems(a.name) + 1.2 + (0.8 * (ems(a.role) + 2) if a.role else 0)
                                               for a in c.assistants) for g in roster.grades for c in g.classes), default=1)
    columns, size = 1, 0.0
    for columns in (1, 2):
        down = (fits["room"] / (-(-rows // columns) + 1) - fits["row_padding"]) / (fits["leading"] * POINT)
        across = ((fits["width"] + fits["gap"]) / columns - fits["gap"]) / (widest * POINT)
        size = min(down, across)
        if size >= fits["least"]:
            break
    return Printable("print/roster.html", "print/roster.html", "roster", roster.semester,
                     {"roster": roster, "size": round(max(fits["least"], min(fits["most"], size)), 1), "columns": columns},
                     frozenset({roster.source}))


def _short(name: str, t: Translations) -> str:
    """A class as a school writes it on a door: 六(1)班 for 六年级(1)班 (the word the theme's
    translation names is dropped)."""
    word = t("rotation.grade_word") if t.has("rotation.grade_word") else ""
    return name.replace(word, "", 1) if word and word in name and name != word else name


def _size(cells: list[list[list[str]]], width: float, height: float) -> float:
    """The size (points) at which each row of `cells` (lists of class names) holds its names
    side by side across its cells' `width` (mm), or one under another in its `height`."""
    fits = FITS["rotation"]
    best = 0.0
    columns = max((len(row) for row in cells), default=1)
    across = width / max(columns, 1) - fits["cell_padding"]
    down = height / max(len(cells), 1) - fits["cell_padding"]
    widest = max((sum(ems(c) + 0.6 for c in cell) for row in cells for cell in row), default=1)
    longest = max((ems(c) for row in cells for cell in row for c in cell), default=1)
    fullest = max((len(cell) for row in cells for cell in row), default=1)
    for line_ems, lines in ((widest, 1), (longest, fullest)):  # side by side, or one under another
        best = max(best, min(across / (line_ems * POINT), down / (lines * fits["leading"] * POINT)))
    return best


def rotation_handout(roster: Roster, t: Translations) -> Printable:
    """The rotation, days down the side and times across, or the other way when that sets the
    class names larger (a school with many times a day), at the largest size the cells hold."""
    fits = FITS["rotation"]
    grid = [[[_short(c, t) for c in cell] for cell in row] for row in roster.rotation_grid]  # [time][day]
    by_day = [list(cells) for cells in zip(*grid)] if grid else []  # [day][time]
    height = fits["room"] - fits["head_row"]
    heads = {"days_down": roster.rotation_days, "times_down": roster.rotation_times}
    # The column of headings down the side is as wide as its longest heading, set at head_size.
    head_column = {layout: max(fits["head_column"], max(map(ems, names), default=1) * fits["head_size"] * POINT + 8)
                   for layout, names in heads.items()}
    sizes = {"days_down": _size(by_day, fits["width"] - head_column["days_down"], height),
             "times_down": _size(grid, fits["width"] - head_column["times_down"], height)}
    layout = max(sizes, key=sizes.get)
    rows = by_day if layout == "days_down" else grid
    return Printable("print/rotation.html", "print/rotation.html", "rotation", roster.semester,
                     {"roster": roster, "layout": layout, "rows": rows, "row_heads": heads[layout],
                      "column_heads": heads["times_down" if layout == "days_down" else "days_down"],
                      "head_column": round(head_column[layout], 1), "row_height": round(height / max(len(rows), 1), 1),
                      "size": round(max(fits["least"], min(fits["most"], sizes[layout])), 1)},
                     frozenset({roster.source}))
