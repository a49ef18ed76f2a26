"""Model stage: each content type's builder turns validated files into site records."""
from __future__ import annotations

from generator.config import Config
from generator.content.awards import build_awards
from generator.content.books import build_books
from generator.content.calendar import build_semesters
from generator.content.lists import build_lists
from generator.content.pages import build_news, build_pages
from generator.content.rosters import build_rosters, current_roster
from generator.content.stats import build_stats
from generator.load import SourceFile
from generator.markup import MarkdownRenderer
from generator.model import Site
from generator.problems import Problems

KINDS = ["books", "lists", "calendar", "awards", "rosters", "stats", "pages", "news"]


def build_site(loaded: dict[str, list[SourceFile]], config: Config, problems: Problems) -> Site:
    markdown = MarkdownRenderer()
    books = build_books(loaded["books"], config, markdown, problems)
    rosters = build_rosters(loaded["rosters"], problems)
    roster = current_roster(rosters, config.today)
    class_names = set(roster.class_names) if roster else set()
    return Site(
        books=tuple(books),
        lists=tuple(build_lists(loaded["lists"], books, problems)),
        semesters=tuple(build_semesters(loaded["calendar"], config.today, problems)),
        awards=tuple(build_awards(loaded["awards"], class_names, problems)),
        roster=roster,
        rosters=tuple(rosters),
        stats=tuple(build_stats(loaded["stats"], class_names, problems)),
        pages=tuple(build_pages(loaded["pages"], markdown, problems)),
        news=tuple(build_news(loaded["news"], markdown, problems)),
        images=tuple((b.cover_source, b.cover_url) for b in books if b.cover_source),
    )
