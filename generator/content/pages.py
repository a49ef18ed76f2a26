"""Standing pages (借阅制度, 开放时间, 关于) and news posts (活动报道, 通知)."""
from __future__ import annotations

from generator.load import SourceFile
from generator.markup import MarkdownRenderer
from generator.model import NewsItem, Page
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import NEWS, PAGE

# Top-level folders the site itself uses; a page may not take one of these names.
RESERVED = {"books", "lists", "calendar", "awards", "roster", "rotation", "stats", "news", "images", "assets", "print", "404"}


def page_from(source: SourceFile, config, markdown: MarkdownRenderer, problems: Problems) -> Page | None:
    clean = validate(source.data, PAGE, source.name, problems)
    if clean is None:
        return None
    if source.slug.casefold() in RESERVED:  # Windows and macOS do not tell Books/ from books/
        problems.error("reserved_slug", source.name, 1, value=source.slug, reserved="、".join(sorted(RESERVED)))
        return None
    return Page(source.slug, clean["title"], clean["order"], markdown.render(source.body, problems=problems, source=source),
                source.name, f"{source.slug}/")


def sort_pages(pages: list[Page]) -> list[Page]:
    return sorted(pages, key=lambda p: (p.order, p.slug))


def news_from(source: SourceFile, config, markdown: MarkdownRenderer, problems: Problems) -> NewsItem | None:
    clean = validate(source.data, NEWS, source.name, problems)
    if clean is None:
        return None
    return NewsItem(source.slug, clean["title"], clean["date"], clean["kind"], clean["summary"],
                    markdown.render(source.body, problems=problems, source=source), source.name, f"news/{source.slug}/")


def sort_news(items: list[NewsItem]) -> list[NewsItem]:
    return sorted(items, key=lambda n: (n.date, n.slug), reverse=True)
