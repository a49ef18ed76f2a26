"""The site model: plain, frozen records built from validated content, ready for templates.

Each record keeps `source` (the content file it came from) so that every page can say which
files it was made from.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Book:
    slug: str
    title: str
    author: str
    publisher: str | None
    year: int | None
    isbn: str | None
    call_number: str | None
    clc_class: str | None  # the 中图法 main class letter, A–Z
    cover_source: Path | None
    cover_url: str | None  # site path, e.g. images/xiyouji.png (one copy per image file)
    grade_bands: tuple[str, ...]
    audience: tuple[str, ...]
    tags: tuple[str, ...]
    recommended_by: str | None
    shelved: dt.date
    featured: bool
    body_html: str
    source: str
    url: str  # site path of its page, e.g. books/xiyouji/
    # Pinyin of title, author and tags for search ('xiyouji xyj …'): made with the record, so
    # it is made once per edit of the file, in the worker processes, and kept in the cache.
    pinyin: str = ""
    body_text: str = ""  # the introduction as plain text, for the search index (made with the record too)


@dataclass(frozen=True)
class ListItem:
    book: Book | None
    title: str
    author: str | None
    publisher: str | None
    isbn: str | None
    note: str | None


@dataclass(frozen=True)
class ReadingList:
    slug: str
    title: str
    grade_bands: tuple[str, ...]
    audience: str
    subject: str | None
    description: str | None
    items: tuple[ListItem, ...]
    source: str
    url: str


@dataclass(frozen=True)
class Activity:
    title: str
    start: dt.date  # for a month-only item: the first of the month
    end: dt.date  # for a month-only item: the last of the month
    month_only: bool
    time: str | None
    place: str | None
    audience: str | None
    notes: str | None
    source: str
    line: int

    @property
    def is_range(self) -> bool:
        return not self.month_only and self.start != self.end


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    in_month: bool
    is_today: bool
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class CalendarMonth:
    first_day: dt.date
    weeks: tuple[tuple[CalendarDay, ...], ...]  # Monday-first weeks
    dated: tuple[Activity, ...]  # activities with a day or range touching this month
    month_only: tuple[Activity, ...]
    is_current: bool


@dataclass(frozen=True)
class Semester:
    slug: str
    name: str
    first_day: dt.date
    last_day: dt.date
    activities: tuple[Activity, ...]
    months: tuple[CalendarMonth, ...]
    source: str
    url: str


@dataclass(frozen=True)
class Winner:
    name: str | None
    class_name: str | None
    level: str | None
    note: str | None
    work: str | None = None  # the winning piece's title (an essay, a story told)


@dataclass(frozen=True)
class Award:
    slug: str
    name: str
    date: dt.date
    issuer: str | None
    description: str | None
    kind: str
    certificates: bool
    winners: tuple[Winner, ...]  # ordered: prize level, class, pinyin
    levels: tuple[tuple[str, tuple[Winner, ...]], ...]
    source: str
    url: str
    activity: str | None = None  # what the prizes are for (a certificate says "in …")
    sentence: str | None = None  # the certificate's own sentence, instead of the one made from the facts


@dataclass(frozen=True)
class Assistant:
    name: str
    role: str | None


@dataclass(frozen=True)
class SchoolClass:
    name: str
    assistants: tuple[Assistant, ...]


@dataclass(frozen=True)
class Grade:
    name: str
    classes: tuple[SchoolClass, ...]


@dataclass(frozen=True)
class RotationSlot:
    day: str
    time: str
    classes: tuple[str, ...]
    place: str | None


@dataclass(frozen=True)
class Roster:
    slug: str
    semester: str
    first_day: dt.date | None
    last_day: dt.date | None
    grades: tuple[Grade, ...]
    rotation: tuple[RotationSlot, ...]
    rotation_days: tuple[str, ...]
    rotation_times: tuple[str, ...]
    rotation_grid: tuple[tuple[tuple[str, ...], ...], ...]  # [time][day] -> classes
    source: str

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(c.name for g in self.grades for c in g.classes)


@dataclass(frozen=True)
class ClassLoans:
    class_name: str
    pupils: int
    loans: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.loans)

    @property
    def per_pupil(self) -> float:
        return self.total / self.pupils if self.pupils else 0.0


@dataclass(frozen=True)
class StatsMonth:
    month: dt.date
    weeks: tuple[dt.date, ...]
    classes: tuple[ClassLoans, ...]
    source: str
    url: str

    @property
    def total(self) -> int:
        return sum(c.total for c in self.classes)

    @property
    def week_totals(self) -> tuple[int, ...]:
        return tuple(sum(c.loans[i] for c in self.classes) for i in range(len(self.weeks)))


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    order: int
    body_html: str
    source: str
    url: str


@dataclass(frozen=True)
class NewsItem:
    slug: str
    title: str
    date: dt.date
    kind: str
    summary: str | None
    body_html: str
    source: str
    url: str


@dataclass(frozen=True)
class Newsletter:
    """One issue of the blackboard newsletter (黑板报): what it picks, defaults filled in."""
    slug: str
    number: int | None  # None for the issue made when content/newsletters/ is empty
    date: dt.date
    title: str | None
    month: dt.date  # the month whose activities it shows (first day)
    books: tuple[Book, ...]
    awards: tuple[Award, ...]
    roster: bool
    source: str | None  # None for the issue made when content/newsletters/ is empty


@dataclass(frozen=True)
class Site:
    books: tuple[Book, ...]  # newest shelved first
    lists: tuple[ReadingList, ...]
    semesters: tuple[Semester, ...]  # in date order
    awards: tuple[Award, ...]  # newest first
    roster: Roster | None  # the current semester's
    rosters: tuple[Roster, ...]
    stats: tuple[StatsMonth, ...]  # in month order
    pages: tuple[Page, ...]  # menu order
    news: tuple[NewsItem, ...]  # newest first
    images: tuple[tuple[Path, str], ...] = field(default=())  # (source file, site path) to copy
    scheduled: tuple[str, ...] = field(default=())  # files dated after today, held back until then
    newsletters: tuple[Newsletter, ...] = field(default=())  # by issue number
