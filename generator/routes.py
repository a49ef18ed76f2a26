"""Which pages the site has: each is a template, its context, and the content files it reads.

The inputs make rebuilds derivable: a page needs rendering again only when one of its input
files, its template or config.yaml changed.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from generator.charts import bar_chart, column_chart
from generator.config import Config
from generator.content.calendar import current_semester, upcoming
from generator.model import Book, NewsItem, Page, ReadingList, Site, StatsMonth
from generator.ordering import class_key, pinyin_slug
from generator.urls import absolute_url, output_path, webcal_url

CALENDAR_FILE = "calendar/calendar.ics"  # every semester's dated activities, for calendar programs

CLC_CLASSES = tuple("ABCDEFGHIJKNOPQRSTUVXZ")  # 中图法's 22 main classes


@dataclass(frozen=True)
class PageSpec:
    path: str  # output file, relative to output/, e.g. books/xiyouji/index.html
    template: str
    section: str  # for the build summary and the menu highlight
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    inputs: frozenset[str] = frozenset()  # content files read (config.yaml and the theme are implied)


def _sources(items) -> frozenset[str]:
    return frozenset(item.source for item in items)


@lru_cache(maxsize=256)
def grade_band_slug(band: str) -> str:
    return pinyin_slug(band)


def semester_totals(months: tuple[StatsMonth, ...]) -> list[tuple[str, int, int]]:
    """(class, loans so far this semester, pupils) summed over the stats files given."""
    totals: dict[str, list[int]] = {}
    for month in months:
        for row in month.classes:
            entry = totals.setdefault(row.class_name, [0, row.pupils])
            entry[0] += row.total
            entry[1] = row.pupils  # the latest count of pupils stands
    return [(name, loans, pupils) for name, (loans, pupils) in sorted(totals.items(), key=lambda kv: class_key(kv[0]))]


def semester_progress(months: tuple[StatsMonth, ...], semester) -> tuple[float, dt.date | None]:
    """How far through the semester the figures reach (0–1), and the last day they cover.

    Targets are per semester, so half-way through, a class is on track at half the target.
    """
    weeks = [w for m in months for w in m.weeks]
    if not weeks or semester is None:
        return 1.0, None
    covered = max(weeks) + dt.timedelta(days=6)
    length = (semester.last_day - semester.first_day).days or 1
    return min(max((covered - semester.first_day).days / length, 0.0), 1.0), covered


def stats_charts(months: tuple[StatsMonth, ...], config: Config, semester=None) -> dict[str, Any]:
    totals = semester_totals(months)
    progress, covered = semester_progress(months, semester)
    per_class = config.targets["per_class_per_semester"] * progress
    per_pupil = config.targets["per_pupil_per_semester"] * progress
    weeks = [(f"{week.month}/{week.day}", total) for m in months for week, total in zip(m.weeks, m.week_totals)]
    return {
        "class_totals": bar_chart([(name, loans) for name, loans, _ in totals], target=per_class),
        "per_pupil": bar_chart([(name, loans / pupils if pupils else 0) for name, loans, pupils in totals],
                               target=per_pupil, decimals=1),
        "trend": column_chart(weeks),
        "rows": [{"class_name": n, "loans": l, "pupils": p, "per_pupil": (l / p if p else 0),
                  "meets_class": l >= round(per_class),
                  # compared as printed, so 4.3 against a target shown as 4.3 is on target
                  "meets_pupil": bool(p) and round(l / p, 1) >= round(per_pupil, 1)} for n, l, p in totals],
        "total": sum(l for _, l, _ in totals),
        "targets": config.targets,
        "pace": {"progress": progress, "covered": covered, "per_class": per_class, "per_pupil": per_pupil},
    }


DAY_ITEMS = 2  # activities a day of the month grid names; the rest are "+N"


def day_cells(semester) -> dict[dt.date, tuple[tuple, tuple]]:
    """For each day of the semester's grids: the activities the cell names (those starting that
    day first, then those going on), and those it leaves to "+N", which link to the month's list."""
    cells = {}
    for month in semester.months:
        for day in (d for week in month.weeks for d in week if d.in_month and d.activities):
            ordered = sorted(day.activities, key=lambda a: (a.start != day.date, a.is_range, a.start))
            cells[day.date] = (tuple(ordered[:DAY_ITEMS]), tuple(ordered[DAY_ITEMS:]))
    return cells


def lists_by_book(site: Site) -> dict[str, list[ReadingList]]:
    lists_of: dict[str, list[ReadingList]] = {}
    for reading_list in site.lists:
        for slug in dict.fromkeys(item.book.slug for item in reading_list.items if item.book):
            lists_of.setdefault(slug, []).append(reading_list)
    return lists_of


# The pages made from one record alone. The live preview renders these first, on their own,
# so an edited book's page is on disk before the indexes that list it are rendered.
def book_page(book: Book, lists: list[ReadingList]) -> PageSpec:
    return PageSpec(output_path(book.url), "book.html", "books",
                    {"book": book, "lists": lists, "band_links": [(band, grade_band_slug(band)) for band in book.grade_bands]},
                    frozenset({book.source}) | _sources(lists))


def news_page(item: NewsItem) -> PageSpec:
    return PageSpec(output_path(item.url), "news.html", "news", {"item": item}, frozenset({item.source}))


def standing_page(page: Page) -> PageSpec:
    return PageSpec(output_path(page.url), "page.html", page.slug, {"page": page}, frozenset({page.source}))


def own_pages(record: object, site: Site) -> list[PageSpec]:
    if isinstance(record, Book):
        return [book_page(record, lists_by_book(site).get(record.slug, []))]
    if isinstance(record, NewsItem):
        return [news_page(record)]
    if isinstance(record, Page):
        return [standing_page(record)]
    return []


def build_routes(site: Site, config: Config) -> list[PageSpec]:
    today = config.today
    routes: list[PageSpec] = []

    def add(site_path: str, template: str, section: str, inputs: frozenset[str] = frozenset(), **context: Any) -> None:
        routes.append(PageSpec(output_path(site_path), template, section, context, inputs))

    books, all_books = site.books, _sources(site.books)
    semester = current_semester(list(site.semesters), today)
    this_month = today.replace(day=1)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    months_shown = [m for m in (semester.months if semester else ()) if m.first_day in (this_month, next_month)]

    add("", "home.html", "home", all_books | _sources(site.semesters) | _sources(site.awards) | _sources(site.news),
        new_books=books[: config.home["new_books"]],
        featured=[b for b in books if b.featured][:4],
        months=months_shown, semester=semester, upcoming=upcoming(semester, today, 6),
        awards=site.awards[: config.home["awards"]],
        news=site.news[: config.home["news"]],
        notices=[n for n in site.news if n.kind == "notice"][:3])

    # Books: everything, one page each, and views by 中图法 class and by grade band.
    clc_counts = {letter: sum(1 for b in books if b.clc_class == letter) for letter in CLC_CLASSES}
    bands = [(band, grade_band_slug(band), [b for b in books if band in b.grade_bands]) for band in config.grade_bands]
    add("books/", "books.html", "books", all_books, books=books, clc_counts=clc_counts, bands=bands,
        teachers=[b for b in books if "teachers" in b.audience])
    lists_of = lists_by_book(site)
    for book in books:
        routes.append(book_page(book, lists_of.get(book.slug, [])))
    for letter in CLC_CLASSES:
        if clc_counts[letter]:
            add(f"books/class/{letter}/", "books_by.html", "books", all_books, kind="clc", key=letter,
                books=[b for b in books if b.clc_class == letter], clc_counts=clc_counts, bands=bands)
    for band, slug, band_books in bands:
        add(f"books/grade/{slug}/", "books_by.html", "books", all_books, kind="band", key=band,
            books=band_books, clc_counts=clc_counts, bands=bands)

    add("lists/", "lists.html", "lists", _sources(site.lists), lists=site.lists)
    for reading_list in site.lists:
        add(reading_list.url, "list.html", "lists", frozenset({reading_list.source}) | all_books, reading_list=reading_list)

    if site.semesters:
        base_url = config.site["base_url"]
        ics = {"download": CALENDAR_FILE, "subscribe": webcal_url(base_url, CALENDAR_FILE),
               "address": absolute_url(base_url, CALENDAR_FILE)}
        add("calendar/", "calendar.html", "calendar", frozenset({semester.source}), semester=semester,
            semesters=site.semesters, upcoming=upcoming(semester, today), ics=ics, cells=day_cells(semester))
        for other in site.semesters:
            add(other.url, "calendar.html", "calendar", frozenset({other.source}), semester=other,
                semesters=site.semesters, upcoming=upcoming(other, today), ics=ics, cells=day_cells(other))

    add("awards/", "awards.html", "awards", _sources(site.awards), awards=site.awards)
    for award in site.awards:
        add(award.url, "award.html", "awards", frozenset({award.source}), award=award)

    if site.roster:
        add("roster/", "roster.html", "roster", frozenset({site.roster.source}), roster=site.roster)
        add("rotation/", "rotation.html", "rotation", frozenset({site.roster.source}), roster=site.roster)

    if site.stats:
        semester_months = tuple(m for m in site.stats if semester is None or semester.first_day.replace(day=1) <= m.month <= semester.last_day)
        add("stats/", "stats.html", "stats", _sources(site.stats), months=site.stats,
            charts=stats_charts(semester_months or site.stats, config, semester), semester=semester)
        for month in site.stats:
            # A month's page measures the semester so far, up to that month, against the pace.
            so_far = tuple(m for m in semester_months if m.month <= month.month) or (month,)
            add(month.url, "stats_month.html", "stats", _sources(so_far), month=month, months=site.stats,
                charts=stats_charts(so_far, config, semester), semester=semester)

    add("news/", "news_index.html", "news", _sources(site.news), news=site.news)
    routes.extend(map(news_page, site.news))
    routes.extend(map(standing_page, site.pages))

    add("search/", "search.html", "search")  # the page is the same for any content; the index is an extra output
    add("404.html", "404.html", "404")
    return routes


def nav_items(site: Site) -> list[tuple[str, str]]:
    """(section, site path) for the main menu, in reading order; labels come from translations."""
    items = [("home", ""), ("books", "books/"), ("lists", "lists/")]
    if site.semesters:
        items.append(("calendar", "calendar/"))
    items.append(("awards", "awards/"))
    if site.roster:
        items += [("roster", "roster/"), ("rotation", "rotation/")]
    if site.stats:
        items.append(("stats", "stats/"))
    items.append(("news", "news/"))
    return items

