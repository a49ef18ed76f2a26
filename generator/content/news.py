"""News posts (活动报道, 通知): dated Markdown posts, newest first, and their feed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.covers import Pictures
from generator.kinds import Choice, Date, LongText, Text
from generator.load import SourceFile
from generator.markup import MarkdownRenderer, plain_text
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page, sources
from generator.schema import declare, schema_of, validate


@dataclass(frozen=True)
class NewsItem:
    title: str = declare(Text(), required=True, help="标题 title", example="标题")
    date: dt.date = declare(Date(), required=True, help="日期 date")
    kind: str = declare(Choice(("report", "notice")), default="report",
                        help="report（活动报道）或 notice（通知）kind", example="report")
    summary: str | None = declare(LongText(), help="一句话摘要 summary", example="摘要")
    slug: str = ""
    body_html: str = ""
    source: str = ""
    url: str = ""
    pictures: tuple[tuple[Path, str], ...] = ()  # pictures in the text: (file, site path) to copy


NEWS = schema_of(NewsItem, "news", help="新闻与通知 news and notices")


def news_from(source: SourceFile, config: Config, markdown: MarkdownRenderer, problems: Problems) -> NewsItem | None:
    clean = validate(source.data, NEWS, source.name, problems)
    if clean is None:
        return None
    pictures = Pictures(f"news/{source.slug}/", config)
    body_html = markdown.render(source.body, problems=problems, source=source, pictures=pictures)
    return NewsItem(**clean.record_values(NEWS), slug=source.slug, body_html=body_html, source=source.name,
                    url=f"news/{source.slug}/", pictures=tuple(pictures.found))


def news_model(items: list[NewsItem | None], made: dict, config: Config, problems: Problems) -> dict:
    """Newest first. Like Hugo, an item dated after today waits for its day (show_future publishes it now)."""
    items = sorted((n for n in items if n is not None), key=lambda n: (n.date, n.slug), reverse=True)
    scheduled = [] if config.show_future else [n for n in items if n.date > config.today]
    shown = tuple(n for n in items if n not in scheduled)
    return {"news": shown, "scheduled": tuple(n.source for n in scheduled), "images": tuple(p for n in shown for p in n.pictures)}


def news_page(item: NewsItem, site=None) -> list[PageSpec]:
    return [PageSpec(f"{item.url}index.html", "news.html", "news", {"item": item}, frozenset({item.source}))]


def news_pages(site, config: Config) -> list[PageSpec]:
    routes: list[PageSpec] = []
    add_page(routes)("news/", "news_index.html", "news", sources(site.news), news=site.news)
    routes.extend(spec for item in site.news for spec in news_page(item))
    return routes


def news_search(site, t) -> list[SearchEntry]:
    return [SearchEntry("news", n.url, n.title, text=plain_text(n.body_html), source=n.source) for n in site.news]


TYPE = ContentType(
    name="news", command="news", schema=NEWS, suffix=".md", file_pattern="<YYYY-MM-DD-slug>", order=70,
    record=news_from, model=news_model, record_pages=news_page, pages=news_pages, url_folders=("news",),
    menu=(MenuEntry("news", "news/", 70),), search=news_search,
    scaffold=Scaffold("title", file_name=lambda title, slug, today: f"{today.isoformat()}-{slug}"),
)
