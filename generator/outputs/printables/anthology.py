"""The printed anthology of pupils' writing (征文精品集, 读后感选编): an A5 booklet per activity,
with a cover, a table of contents whose page numbers WeasyPrint fills in (target-counter), each
piece on a new page with its title, pupil, class and prize, and the page number in the footer."""
from __future__ import annotations

from generator.content.writing import Writing, anthology_path
from generator.outputs.printables.sheet import Printable


def anthologies(by_activity: tuple[tuple[str | None, tuple[Writing, ...]], ...]) -> list[Printable]:
    """A booklet for each activity with pieces (those written for none make one too)."""
    return [Printable(anthology_path(activity), "print/anthology.html", "anthology", activity or "",
                      {"activity": activity, "pieces": pieces,
                       "first": min(p.date for p in pieces), "last": max(p.date for p in pieces)},
                      frozenset(p.source for p in pieces) | frozenset(p.book.source for p in pieces if p.book),
                      pages=0)  # 0: as many pages as its pieces need
            for activity, pieces in by_activity if pieces]
