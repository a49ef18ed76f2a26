"""Recommended reading lists (推荐书目): items point at books by slug or ISBN, or stand alone."""
from __future__ import annotations

from dataclasses import dataclass

from generator.config import Config
from generator.content.books import AUDIENCES, Book, book_finder
from generator.kinds import BookRef, Choice, Isbn, LongText, Records, Text, Texts
from generator.load import SourceFile
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Related, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page, sources
from generator.schema import declare, schema_of, validate


@dataclass(frozen=True)
class ListItem:
    book_ref: str | None = declare(BookRef(), name="book", help="书目里已有的书：文件名（不带 .md）或 ISBN a book in content/books/")
    title: str = declare(Text(), help="书名（书不在 content/books/ 时必填）title")
    author: str | None = declare(Text(), help="作者 author")
    publisher: str | None = declare(Text(), help="出版社 publisher")
    isbn: str | None = declare(Isbn(), help="ISBN")
    note: str | None = declare(Text(), help="推荐语 note")
    book: Book | None = None  # the catalogue's book, when the item names one


LIST_ITEM = schema_of(ListItem, "list item")


@dataclass(frozen=True)
class ReadingList:
    title: str = declare(Text(), required=True, help="书目名称 title of the list", example="推荐书目")
    grade_bands: tuple[str, ...] = declare(Texts(), default=(), help="适读年级段 grade bands", example=["低年级"])
    audience: str = declare(Choice(AUDIENCES), default="pupils", help="读者：pupils 或 teachers audience", example="pupils")
    subject: str | None = declare(Text(), help="学科 subject", example="语文")
    description: str | None = declare(LongText(), help="说明 description", example="说明")
    items: tuple[ListItem, ...] = declare(Records(LIST_ITEM), required=True, help="书目条目 the books, in order")
    slug: str = ""
    source: str = ""
    url: str = ""


READING_LIST = schema_of(ReadingList, "lists", help="推荐书目 recommended reading list")


def _item(entry, find_book, source: SourceFile, problems: Problems) -> ListItem | None:
    book = None
    if entry["book"]:
        book = find_book(entry["book"])
        if book is None:
            problems.error("unknown_book", source.name, entry.line, value=entry["book"])
            return None
    elif not entry["title"]:
        problems.error("list_item_needs_title", source.name, entry.line)
        return None
    return ListItem(
        book_ref=entry["book"],
        title=entry["title"] or book.title,
        author=entry["author"] or (book.author if book else None),
        publisher=entry["publisher"] or (book.publisher if book else None),
        isbn=entry["isbn"] or (book.isbn if book else None),
        note=entry["note"],
        book=book,
    )


def build_lists(sources_: list[SourceFile], made: dict, config: Config, problems: Problems) -> dict:
    find_book = book_finder(made["books"])
    lists = []
    for source in sources_:
        clean = validate(source.data, READING_LIST, source.name, problems)
        if clean is None:
            continue
        items = [item for item in (_item(e, find_book, source, problems) for e in clean["items"]) if item is not None]
        lists.append(ReadingList(**{**clean.record_values(READING_LIST), "items": tuple(items)},
                                 slug=source.slug, source=source.name, url=f"lists/{source.slug}/"))
    lists.sort(key=lambda r: (r.audience != "pupils", r.slug))
    return {"lists": tuple(lists)}


def lists_by_book(site) -> dict[str, tuple[ReadingList, ...]]:
    """{book slug: the lists that name it}, for the section on each book's page."""
    lists_of: dict[str, list[ReadingList]] = {}
    for reading_list in site.lists:
        for slug in dict.fromkeys(item.book.slug for item in reading_list.items if item.book):
            lists_of.setdefault(slug, []).append(reading_list)
    return {slug: tuple(found) for slug, found in lists_of.items()}


def list_pages(site, config: Config) -> list[PageSpec]:
    routes: list[PageSpec] = []
    add = add_page(routes)
    add("lists/", "lists.html", "lists", sources(site.lists), lists=site.lists)
    for reading_list in site.lists:
        add(reading_list.url, "list.html", "lists", frozenset({reading_list.source}) | sources(site.books),
            reading_list=reading_list)
    return routes


def list_search(site, t) -> list[SearchEntry]:
    return [SearchEntry("list", r.url, r.title, bands=r.grade_bands, tags=(r.subject,) if r.subject else (),
                        text=" ".join(filter(None, [r.description or ""] + [i.title for i in r.items])), source=r.source)
            for r in site.lists]


TYPE = ContentType(
    name="lists", command="list", schema=READING_LIST, suffix=".yaml", file_pattern="<slug>", order=20,
    model=build_lists, needs=("books",), pages=list_pages, url_folders=("lists",),
    menu=(MenuEntry("lists", "lists/", 20),), search=list_search,
    related=(Related("books", "related/lists_of_book.html", lists_by_book),),
    scaffold=Scaffold("title"),
)
