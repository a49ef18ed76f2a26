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
    awards = build_awards(loaded["awards"], class_names, problems)
    news = build_news(loaded["news"], markdown, problems)
    # Like Hugo, an award or notice dated after today waits for its day (show_future publishes it now).
    scheduled = [] if config.show_future else [item for item in awards + news if item.date > config.today]
    return Site(
        books=tuple(books),
        lists=tuple(build_lists(loaded["lists"], books, problems)),
        semesters=tuple(build_semesters(loaded["calendar"], config.today, problems)),
        awards=tuple(a for a in awards if a not in scheduled),
        roster=roster,
        rosters=tuple(rosters),
        stats=tuple(build_stats(loaded["stats"], class_names, problems)),
        pages=tuple(build_pages(loaded["pages"], markdown, problems)),
        news=tuple(n for n in news if n not in scheduled),
        images=tuple((b.cover_source, b.cover_url) for b in books if b.cover_source),
        scheduled=tuple(item.source for item in scheduled),
    )
