"""The blackboard newsletter (黑板报): one A3 landscape sheet per issue, composing the issue's
books, its month's activities, its awards and the assistant roster, set as large as fills the
sheet (board_fit)."""
from __future__ import annotations

from typing import Any, Iterator, Sequence, TypeVar

from generator.config import Config
from generator.content.newsletters import Newsletter
from generator.model import Site
from generator.i18n import Translations
from generator.outputs.fit import FITS, Cut, clipped, set_title
from generator.outputs.printables.board_fit import (BoardText, book_title, fit_board, heading_size, panel_height,
                                                    split_columns)
from generator.outputs.printables.sheet import Printable

T = TypeVar("T")


class _Cuts:
    """What the sheet shortened, each against the file to shorten: the issue's file, or for the
    issue made without one, the file the items come from. A list is cut to what FITS allows,
    then perhaps shorter to what the sheet holds at its smallest size: one warning says both."""

    def __init__(self, issue: Newsletter, config: Config):
        self.issue, self.config = issue, config
        self.found: list[tuple[str, Cut]] = []
        self.lists: dict[str, tuple[int, str]] = {}  # field -> (how many there are, file)

    def file(self, file: str | None) -> str:
        return file or self.config.file

    def first(self, items: Sequence[T], field: str, default_file: str | None) -> list[T]:
        """The first items, as many as FITS allows; a list shown by the board's fit (`shown`)
        is told once it is known."""
        limit = FITS["blackboard"][field]
        file = self.file(self.issue.source or default_file)
        if field in ("books", "activities", "classes"):
            self.lists[field] = (len(items), file)
        elif len(items) > limit:
            self.found.append((file, Cut(field, len(items), limit)))
        return list(items[:limit])

    def shown(self, field: str, count: int) -> None:
        total, file = self.lists.get(field, (0, ""))
        if count < total:
            self.found.append((file, Cut(field, total, count)))

    def text(self, text: str, field: str, file: str | None) -> str:
        """A title shortened to its column (reported against the file the title is in)."""
        found: list[Cut] = []
        result = clipped(text, FITS["blackboard"][field], "title", found)
        self.found.extend((self.file(file), c) for c in found)
        return result


def _activities(issue: Newsletter, site: Site, cuts: _Cuts) -> tuple[Any, list, int]:
    """The semester of the issue's month, its activities as (kind, activity, shown title), and how many there are."""
    semester = next((s for s in site.semesters if any(m.first_day == issue.month for m in s.months)), None)
    if semester is None:
        return None, [], 0
    month = next(m for m in semester.months if m.first_day == issue.month)
    every = [("dated", a) for a in month.dated] + [("month", a) for a in month.month_only]
    shown = cuts.first(every, "activities", semester.source)
    return semester, [(kind, a, cuts.text(a.title, "activity_title", semester.source)) for kind, a in shown], len(every)


def _awards(issue: Newsletter, cuts: _Cuts) -> list:
    """(award, [(level, winners shown)], winners left off) for each award shown."""
    awards = []
    for award in cuts.first(issue.awards, "awards", None):
        winners = cuts.first(award.winners, "winners", award.source)
        levels = [(level, [w for w in ws if w in winners]) for level, ws in award.levels]
        awards.append((award, [(level, ws) for level, ws in levels if ws], len(award.winners) - len(winners)))
    return awards


def _classes(issue: Newsletter, site: Site, cuts: _Cuts) -> tuple[Any, list, int]:
    """The roster (None when the issue shows none), its classes as (grade, the class's name
    without its grade, the class) (the board runs them on grade by grade), and how many there are."""
    roster = site.roster if issue.roster else None
    if roster is None:
        return None, [], 0
    every = [(g.name, c.name.removeprefix(g.name) or c.name, c) for g in roster.grades for c in g.classes]
    return roster, cuts.first(every, "classes", roster.source), len(every)


def _text(title: tuple[float, list[str]], masthead: str, books: list, activities: list, awards: list,
          classes: list) -> BoardText:
    """What board_fit measures."""
    def when(kind: str, activity: Any) -> float:
        return (11 if activity.is_range else 5) + (6.5 if activity.time else 0) if kind == "dated" else 4

    return BoardText(
        title[1], title[0], masthead, [(t_, b.author, bool(b.call_number)) for b, t_ in books],
        [(when(kind, a), shown, a.place or "") for kind, a, shown in activities],
        [(award.name, [[(w.name or w.class_name or "", w.class_name or "" if w.name else "") for w in ws]
                       for _, ws in levels]) for award, levels, _ in awards],
        [(grade, short, [a.name for a in c.assistants]) for grade, short, c in classes])


Block = tuple[str, str, Any, float]  # (section, what it is, what it shows, height in lines)
MORE = 1.2  # lines of an "and N more" line
GRADE_LINES = 3  # a grade's classes go in blocks of about this many lines


def _award_blocks(awards: list, heights: Iterator[float]) -> list[Block]:
    """Each award's name, its prizes' lines of winners, and how many were left off."""
    blocks: list[Block] = []
    for award, levels, left_off in awards:
        blocks.append(("awards", "award", award, next(heights)))
        blocks += [("awards", "level", (award, level, winners), next(heights)) for level, winners in levels]
        if left_off:
            blocks.append(("awards", "more", left_off, MORE))
    return blocks


def _grade_blocks(grades: list, heights: Iterator[float]) -> list[Block]:
    """The roster, grade by grade; a big grade runs on over blocks of a few lines each, so that a
    column can end inside it (its label shows on the first)."""
    blocks: list[Block] = []
    for grade, shown in grades:
        chunk: list = []
        for cls in shown:
            chunk.append((cls, next(heights)))
            if sum(h for _, h in chunk) >= GRADE_LINES or cls is shown[-1]:
                label = grade if not any(b[2][0] == grade for b in blocks) else None
                # Each block ends its last line where its last class ends: a third of a line, on average.
                blocks.append(("roster", "grade", (label, [c for c, _ in chunk], cls is shown[-1]),
                               sum(h for _, h in chunk) + 0.3))
                chunk = []
    return blocks


def _blocks(parts: dict[str, list[float]], size: float, books: list, activities: list, awards: list,
            grades: list | None, more: dict[str, int]) -> list[Block]:
    """The board in reading order as blocks it does not break, each with its estimated height:
    the masthead, then each section's heading, items and "and N more"."""
    panel = panel_height(size)
    blocks: list[Block] = [("masthead", "masthead", None, parts["masthead"][0])]
    if books:
        blocks.append(("books", "heading", "print.board_books", panel))
        blocks += [("books", "book", book, h) for book, h in zip(books, parts["books"][1:])]
    blocks.append(("activities", "heading", "print.board_activities", panel))
    blocks += [("activities", "activity", a, h) for a, h in zip(activities, parts.get("activities", [0])[1:])] \
        or [("activities", "none", None, MORE)]
    if awards:
        blocks.append(("awards", "heading", "print.board_awards", panel))
        blocks += _award_blocks(awards, iter(parts["awards"][1:]))
    if grades is not None:
        blocks.append(("roster", "heading", "roster.title", panel))
        blocks += _grade_blocks(grades, iter(parts.get("classes", [0])[1:]))
    for section, count in more.items():
        if count > 0:
            last = max(i for i, block in enumerate(blocks) if block[0] == section)
            blocks.insert(last + 1, (section, "more", count, MORE))
    return blocks


def _columns(blocks: list[Block], size: float) -> tuple[list[list[dict[str, Any]]], list[float], bool]:
    """The blocks dealt into the four columns (a heading, or an award's name, goes with the block
    after it), each column as its panels: {section, heading: shown in it, blocks}; each column's
    line height, which spreads it to the foot of the sheet; False when one is taller than it."""
    units: list[list[Block]] = []
    for block in blocks:
        if units and units[-1][-1][1] in ("heading", "award"):
            units[-1].append(block)
        else:
            units.append([block])
    placed, leading, fits = split_columns([sum(b[3] for b in unit) for unit in units], size)
    columns: list[list[dict[str, Any]]] = [[] for _ in leading]
    for unit, column in zip(units, placed):
        for section, kind, item, _ in unit:
            panels = columns[column]
            if not panels or panels[-1]["section"] != section:
                panels.append({"section": section, "heading": kind == "heading", "blocks": []})
            if kind != "heading":
                panels[-1]["blocks"].append((kind, item))
            else:
                panels[-1]["title"] = item
    return columns, leading, fits


def _layout(text: BoardText, books: list, activities: list, awards: list, classes: list | None,
            every: dict[str, int]) -> dict[str, Any]:
    """The board's size, what it shows and its columns: fitted (fit_board), then dealt into
    columns; where the tallest column is taller than the sheet (its blocks do not deal evenly
    enough), fitted again with a quarter of a line less room a column, until it is not."""
    for step in range(16):
        size, parts, counts = fit_board(text, step / 4)
        shown_books = [(b, book_title(title, size)) for b, title in books[:counts["books"]]]
        shown_activities, shown_classes = activities[:counts["activities"]], (classes or [])[:counts["classes"]]
        grades = [(grade, [(short, c) for g, short, c in shown_classes if g == grade])
                  for grade in dict.fromkeys(g for g, _, _ in shown_classes)] if classes is not None else None
        more = {"books": every["books"] - len(shown_books), "activities": every["activities"] - len(shown_activities),
                "roster": every["roster"] - len(shown_classes)}
        columns, leading, fits = _columns(_blocks(parts, size, shown_books, shown_activities, awards, grades, more), size)
        if fits:
            break
    return {"size": size, "books": shown_books, "activities": shown_activities, "classes": shown_classes,
            "columns": columns, "leading": leading}


def blackboard(issue: Newsletter, site: Site, config: Config, t: Translations) -> Printable:
    """One newsletter issue's A3 sheet: its books, its month's activities, its awards, the roster,
    as large as fills the sheet, and as many as it holds."""
    cuts = _Cuts(issue, config)
    title = cuts.text(issue.title, "title", issue.source) if issue.title else None
    books = [(b, t("print.book_title", title=cuts.text(b.title, "book_title", b.source)))
             for b in cuts.first(issue.books, "books", None)]
    semester, activities, every_activity = _activities(issue, site, cuts)
    awards = _awards(issue, cuts)
    roster, classes, every_class = _classes(issue, site, cuts)

    fits = FITS["blackboard"]
    heading = set_title(title or t("print.blackboard_title", month=t.date(issue.month, "month")), fits["masthead"],
                        fits["title_sizes"], fits["one_line_least"])
    masthead = f"{config.site.get('school', '')}{config.site.get('library', '')} {issue.number or ''} {issue.date}"
    board = _layout(_text(heading, masthead, books, activities, awards, classes), books, activities, awards,
                    classes if roster else None, {"books": len(issue.books), "activities": every_activity,
                                                  "roster": every_class})
    size, books = board["size"], board["books"]
    for field, shown in (("books", books), ("activities", board["activities"]), ("classes", board["classes"])):
        cuts.shown(field, len(shown))
    headings = {key: (t(key), heading_size(t(key), size))
                for key in ("print.board_books", "print.board_activities", "print.board_awards", "roster.title")}
    columns, leading = board["columns"], board["leading"]

    inputs = frozenset(b.source for b, _ in books) | frozenset(a.source for a, _, _ in awards) \
        | frozenset(x.source for x in (semester, roster, issue) if x is not None and x.source)
    return Printable(f"print/blackboard/{issue.slug}.html", "print/blackboard.html", "blackboard", issue.slug,
                     {"issue": issue, "title": title, "heading": heading, "headings": headings, "size": size,
                      "leading": leading, "month": issue.month, "columns": columns},
                     inputs, tuple(cuts.found), owner=issue.source or config.file)
