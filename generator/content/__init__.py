"""Model stage: each content type's builder turns validated files into site records.

Books, pages and news are made file by file (through the memo, so an unchanged file is not
made again); the other kinds are few files that refer to each other, and are made whole.
"""
from __future__ import annotations

from typing import Callable

from generator.config import Config
from generator.content.awards import build_awards
from generator.content.books import book_from, check_isbns, sort_books
from generator.content.calendar import build_semesters
from generator.content.lists import build_lists
from generator.content.newsletters import build_newsletters, default_issue
from generator.content.pages import news_from, page_from, sort_news, sort_pages
from generator.content.rosters import build_rosters, current_roster
from generator.content.stats import build_stats
from generator.load import content_paths
from generator.markup import MarkdownRenderer
from generator.memo import ContentMemo
from generator.model import Site
from generator.problems import Problems

KINDS = ["books", "lists", "calendar", "awards", "rosters", "stats", "pages", "news", "newsletters"]
PER_FILE: dict[str, Callable] = {"books": book_from, "pages": page_from, "news": news_from}


def make_record(kind: str, config: Config, markdown: MarkdownRenderer) -> Callable:
    """The function that turns one loaded file of a per-file kind into its record."""
    make = PER_FILE[kind]
    return lambda source, problems: make(source, config, markdown, problems)


def build_site(config: Config, problems: Problems, memo: ContentMemo | None = None,
               markdown: MarkdownRenderer | None = None, meanwhile: Callable[[], None] | None = None) -> Site:
    """The site's model from its content. `meanwhile`: other work for this process while
    workers make the records of the books (the builder compiles its templates)."""
    memo = memo if memo is not None else ContentMemo()
    markdown = markdown or MarkdownRenderer()
    per_file = {kind: (content_paths(config.root, config.content_dir, kind, problems), make_record(kind, config, markdown))
                for kind in KINDS if kind in PER_FILE}
    loaded: dict[str, list] = {}

    def load_the_others() -> None:  # few files: this process reads them while workers make the records
        for kind in KINDS:
            if kind in PER_FILE:
                continue
            paths = content_paths(config.root, config.content_dir, kind, problems)
            loaded[kind] = [s for s in (memo.load(p, config.root, kind, problems) for p in paths) if s is not None]
        if meanwhile is not None:
            meanwhile()

    records = memo.records(per_file, config.root, problems, meanwhile=load_the_others)
    made = {kind: [r for r in kind_records if r is not None] for kind, kind_records in records.items()}

    books = sort_books(made["books"])
    check_isbns(books, problems)
    rosters = build_rosters(loaded["rosters"], problems)
    roster = current_roster(rosters, config.today)
    class_names = set(roster.class_names) if roster else set()
    awards = build_awards(loaded["awards"], class_names, problems)
    news = sort_news(made["news"])
    # Like Hugo, an award or notice dated after today waits for its day (show_future publishes it now).
    scheduled = [] if config.show_future else [item for item in awards + news if item.date > config.today]
    published = [a for a in awards if a not in scheduled]
    newsletters = build_newsletters(loaded["newsletters"], books, awards, published, problems) \
        if loaded["newsletters"] else [default_issue(books, published, config.today)]
    return Site(
        books=tuple(books),
        lists=tuple(build_lists(loaded["lists"], books, problems)),
        semesters=tuple(build_semesters(loaded["calendar"], config.today, problems)),
        awards=tuple(published),
        roster=roster,
        rosters=tuple(rosters),
        stats=tuple(build_stats(loaded["stats"], class_names, problems)),
        pages=tuple(sort_pages(made["pages"])),
        news=tuple(n for n in news if n not in scheduled),
        images=tuple(dict.fromkeys((b.cover_source, b.cover_url) for b in books if b.cover_source)),
        scheduled=tuple(item.source for item in scheduled),
        newsletters=tuple(newsletters),
    )
