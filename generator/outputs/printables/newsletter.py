"""The blackboard newsletter (黑板报): one A3 landscape sheet per issue, composing the issue's
books, its month's activities, its awards and the assistant roster."""
from __future__ import annotations

from typing import Any, Sequence, TypeVar

from generator.config import Config
from generator.model import Newsletter, Site
from generator.outputs.fit import FITS, Cut, clipped, first
from generator.outputs.printables.sheet import Printable

T = TypeVar("T")


class _Cuts:
    """What the sheet shortened, each against the file to shorten: the issue's file, or for the
    issue made without one, the file the items come from."""

    def __init__(self, issue: Newsletter, config: Config):
        self.issue, self.config = issue, config
        self.found: list[tuple[str, Cut]] = []

    def _keep(self, file: str | None, found: list[Cut]) -> None:
        self.found.extend((file or self.config.file, c) for c in found)

    def first(self, items: Sequence[T], field: str, default_file: str | None) -> list[T]:
        found: list[Cut] = []
        result = first(items, FITS["blackboard"][field], field, found)
        self._keep(self.issue.source or default_file, found)
        return result

    def text(self, text: str, field: str, file: str | None) -> str:
        """A title shortened to its column (reported against the file the title is in)."""
        found: list[Cut] = []
        result = clipped(text, FITS["blackboard"][field], "title", found)
        self._keep(file, found)
        return result


def _activities(issue: Newsletter, site: Site, cuts: _Cuts) -> tuple[Any, list, int]:
    """The semester of the issue's month, its activities as (kind, activity, shown title), and how many were left off."""
    semester = next((s for s in site.semesters if any(m.first_day == issue.month for m in s.months)), None)
    if semester is None:
        return None, [], 0
    month = next(m for m in semester.months if m.first_day == issue.month)
    every = [("dated", a) for a in month.dated] + [("month", a) for a in month.month_only]
    shown = cuts.first(every, "activities", semester.source)
    return semester, [(kind, a, cuts.text(a.title, "activity_title", semester.source)) for kind, a in shown], \
        len(every) - len(shown)


def _awards(issue: Newsletter, cuts: _Cuts) -> list:
    """(award, [(level, winners shown)], winners left off) for each award shown."""
    awards = []
    for award in cuts.first(issue.awards, "awards", None):
        winners = cuts.first(award.winners, "winners", award.source)
        levels = [(level, [w for w in ws if w in winners]) for level, ws in award.levels]
        awards.append((award, [(level, ws) for level, ws in levels if ws], len(award.winners) - len(winners)))
    return awards


def blackboard(issue: Newsletter, site: Site, config: Config) -> Printable:
    """One newsletter issue's A3 sheet: its books, its month's activities, its awards, the roster,
    each cut to what its column holds."""
    cuts = _Cuts(issue, config)
    title = cuts.text(issue.title, "title", issue.source) if issue.title else None
    books = [(b, cuts.text(b.title, "book_title", b.source)) for b in cuts.first(issue.books, "books", None)]
    semester, activities, more_activities = _activities(issue, site, cuts)
    awards = _awards(issue, cuts)
    roster = site.roster if issue.roster else None
    every_class = [c for g in roster.grades for c in g.classes] if roster else []
    classes = cuts.first(every_class, "classes", roster.source if roster else None)

    inputs = frozenset(b.source for b, _ in books) | frozenset(a.source for a, _, _ in awards) \
        | frozenset(x.source for x in (semester, roster, issue) if x is not None and x.source)
    return Printable(f"print/blackboard/{issue.slug}.html", "print/blackboard.html", "blackboard", issue.slug,
                     {"issue": issue, "title": title, "month": issue.month, "books": books,
                      "more_books": len(issue.books) - len(books),
                      "activities": activities, "more_activities": more_activities,
                      "awards": awards, "roster": roster, "classes": classes,
                      "more_classes": len(every_class) - len(classes)},
                     inputs, tuple(cuts.found), owner=issue.source or config.file)


