"""Standing pages (借阅制度, 开放时间, 关于): Markdown pages at the site's top level, in the menu."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.covers import Pictures
from generator.kinds import Number, Text
from generator.load import SourceFile
from generator.markup import MarkdownRenderer
from generator.problems import Problems
from generator.registry import ContentType, Scaffold, SearchEntry, reserved_folders
from generator.routes import SITE_FOLDERS, PageSpec
from generator.schema import declare, schema_of, validate


@dataclass(frozen=True)
class Page:
    title: str = declare(Text(), required=True, help="标题 title", example="标题")
    order: int = declare(Number(), default=100, help="菜单中的位置 position in the menu", example=10)
    slug: str = ""
    body_html: str = ""
    source: str = ""
    url: str = ""
    pictures: tuple[tuple[Path, str], ...] = ()  # pictures in the text: (file, site path) to copy


PAGE = schema_of(Page, "pages", help="固定页面（借阅制度、开放时间、关于）page")


def page_from(source: SourceFile, config: Config, markdown: MarkdownRenderer, problems: Problems) -> Page | None:
    clean = validate(source.data, PAGE, source.name, problems)
    if clean is None:
        return None
    # A page lives at the top level, beside the folders of the other types' pages.
    reserved = reserved_folders() | set(SITE_FOLDERS)
    if source.slug.casefold() in reserved:  # Windows and macOS do not tell Books/ from books/
        problems.error("reserved_slug", source.name, 1, value=source.slug, reserved="、".join(sorted(reserved)))
        return None
    pictures = Pictures(f"{source.slug}/", config)
    body_html = markdown.render(source.body, problems=problems, source=source, pictures=pictures)
    return Page(**clean.record_values(PAGE), slug=source.slug, body_html=body_html, source=source.name,
                url=f"{source.slug}/", pictures=tuple(pictures.found))


def page_model(pages: list[Page | None], made: dict, config: Config, problems: Problems) -> dict:
    shown = tuple(sorted((p for p in pages if p is not None), key=lambda p: (p.order, p.slug)))
    return {"pages": shown, "images": tuple(picture for page in shown for picture in page.pictures)}


def standing_page(page: Page, site=None) -> list[PageSpec]:
    return [PageSpec(f"{page.url}index.html", "page.html", page.slug, {"page": page}, frozenset({page.source}))]


def page_search(site, t) -> list[SearchEntry]:
    from generator.markup import plain_text
    return [SearchEntry("page", p.url, p.title, text=plain_text(p.body_html), source=p.source) for p in site.pages]


TYPE = ContentType(
    name="pages", command="page", schema=PAGE, suffix=".md", file_pattern="<slug>", order=80,
    record=page_from, model=page_model, record_pages=standing_page,
    pages=lambda site, config: [spec for page in site.pages for spec in standing_page(page)],
    search=page_search, scaffold=Scaffold("title"),
)
