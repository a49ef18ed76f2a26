"""Which pages the site has: each is a template, its context, and the content files it reads.

Each content type lists its own pages (its `pages` in the registry); this module adds the pages
of the site as a whole (home, search, 404) and the menu. The inputs make rebuilds derivable: a
page needs rendering again only when one of its input files, its template or config.yaml changed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from generator.urls import output_path

if TYPE_CHECKING:
    from generator.config import Config
    from generator.model import Site

# Top-level folders of output/ that belong to the site as a whole; no standing page may take them.
SITE_FOLDERS = ("assets", "print", "search", "feeds", "404")


@dataclass(frozen=True)
class PageSpec:
    path: str  # output file, relative to output/, e.g. books/xiyouji/index.html
    template: str
    section: str  # for the build summary and the menu highlight
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    inputs: frozenset[str] = frozenset()  # content files read (config.yaml and the theme are implied)
    fragments: tuple[str, ...] = ()  # templates it includes by a name from its context (related sections)


def sources(items: Iterable) -> frozenset[str]:
    """The content files some records come from, as page inputs."""
    return frozenset(item.source for item in items)


def add_page(routes: list[PageSpec]) -> Callable[..., None]:
    """`add(site_path, template, section, inputs, **context)`, appending a PageSpec to `routes`."""
    def add(site_path: str, template: str, section: str, inputs: frozenset[str] = frozenset(), **context: Any) -> None:
        routes.append(PageSpec(output_path(site_path), template, section, context, inputs))
    return add


@dataclass(frozen=True)
class Sections:
    """The sections other types add to one record's page (registry.Related): what the template
    draws ([{"template", "items"}]), the files they come from and the templates they use."""
    shown: list[dict[str, Any]]
    inputs: frozenset[str]
    fragments: tuple[str, ...]


NO_SECTIONS = Sections([], frozenset(), ())


def related_sections(site: Site, type_name: str, slug: str) -> Sections:
    shown = [{"template": part.template, "items": part.found[slug]}
             for part in site.related.get(type_name, ()) if slug in part.found]
    if not shown:  # most records: one shared value, not a new one per page
        return NO_SECTIONS
    return Sections(shown, frozenset().union(*(sources(s["items"]) for s in shown)),
                    tuple(s["template"] for s in shown))


def build_routes(site: Site, config: Config) -> list[PageSpec]:
    """Every page: the home page, each content type's pages in registry order, search and 404."""
    from generator.registry import content_types
    routes: list[PageSpec] = [home_page(site, config)]
    for content_type in content_types():
        if content_type.pages is not None:
            routes.extend(content_type.pages(site, config))
    add = add_page(routes)
    add("search/", "search.html", "search")  # the page is the same for any content; the index is an extra output
    add("404.html", "404.html", "404")
    return routes


def home_page(site: Site, config: Config) -> PageSpec:
    from generator.content.calendar import current_semester, upcoming
    today = config.today
    books = site.books
    semester = current_semester(list(site.semesters), today)
    this_month = today.replace(day=1)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    months_shown = [m for m in (semester.months if semester else ()) if m.first_day in (this_month, next_month)]
    inputs = sources(books) | sources(site.semesters) | sources(site.awards) | sources(site.news)
    return PageSpec(output_path(""), "home.html", "home", dict(
        new_books=books[: config.home["new_books"]],
        featured=[b for b in books if b.featured][:4],
        months=months_shown, semester=semester, upcoming=upcoming(semester, today, 6),
        awards=site.awards[: config.home["awards"]],
        news=site.news[: config.home["news"]],
        notices=[n for n in site.news if n.kind == "notice"][:3]), inputs)


def nav_items(site: Site) -> list[tuple[str, str]]:
    """(section, site path) for the main menu, in reading order; labels come from translations."""
    from generator.registry import content_types
    entries = sorted((entry for t in content_types() for entry in t.menu if entry.shown(site)), key=lambda e: e.order)
    return [("home", "")] + [(entry.section, entry.path) for entry in entries]
