"""New-book introductions (新书介绍): validated front matter + Markdown -> Book records, and their pages."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from stdnum import isbn as stdnum_isbn

from generator.config import Config
from generator.covers import IMAGE_SUFFIXES, CoverError, Pictures, cover_problem, find_cover, site_path_of
from generator.imageproc import Cover, cache_root, raster_cover, svg_cover
from generator.kinds import Choices, CallNumber, Date, ImageName, Isbn, Number, Text, Texts, YesNo
from generator.load import SourceFile, leads_out, outside
from generator.markup import MarkdownRenderer, plain_text
from generator.ordering import load_pinyin, pinyin_of, pinyin_slug
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page, related_sections, sources
from generator.schema import declare, schema_of, validate

AUDIENCES = ("pupils", "teachers")
CLC_CLASSES = tuple("ABCDEFGHIJKNOPQRSTUVXZ")  # 中图法's 22 main classes


@dataclass(frozen=True)
class Book:
    title: str = declare(Text(), required=True, help="书名 title", example="书名")
    author: str = declare(Text(), required=True, help="作者 author (译者可写在后面)", example="作者")
    publisher: str | None = declare(Text(), help="出版社 publisher", example="人民文学出版社")
    year: int | None = declare(Number(), help="出版年 year published", example=2026)
    isbn: str | None = declare(Isbn(), help="ISBN（10 位或 13 位，可带连字符，写在引号里）ISBN-10 or -13",
                               example="978-7-02-000873-5")
    call_number: str | None = declare(CallNumber(), help="索书号，《中国图书分类法》如 I287.45 call number (CLC)",
                                      example="I287.45")
    cover: str | None = declare(ImageName(), help="封面图片文件名，放在本文件旁或 content/images/ 里 cover image",
                                example="cover.png")
    grade_bands: tuple[str, ...] = declare(Texts(), default=(), help="适读年级段，取自 config.yaml 的 grade_bands grade bands",
                                           example=["中年级"])
    audience: tuple[str, ...] = declare(Choices(AUDIENCES), default=("pupils",),
                                        help="读者：pupils（学生）或 teachers（教师）audience", example=["pupils"])
    tags: tuple[str, ...] = declare(Texts(), default=(), help="标签 tags", example=["名著"])
    recommended_by: str | None = declare(Text(), help="推荐人 recommended by", example="王老师")
    shelved: dt.date = declare(Date(), required=True, help="上架日期 date shelved (YYYY-MM-DD)")
    featured: bool = declare(YesNo(), default=False, help="是否在橱窗海报中展示 featured in the display case", example=False)
    # Made by the builder, not written by the librarian:
    slug: str
    clc_class: str | None  # the 中图法 main class letter, A–Z
    cover_image: Cover | None  # the sizes made of the cover, which the pages show
    cover_url: str | None  # site path of the cover at print size (posters, newsletter), or of the SVG
    body_html: str
    source: str
    url: str  # site path of its page, e.g. books/xiyouji/
    # Pinyin of title, author and tags for search ('xiyouji xyj …'): made with the record, so
    # it is made once per edit of the file, in the worker processes, and kept in the cache.
    pinyin: str = ""
    body_text: str = ""  # the introduction as plain text, for the search index (made with the record too)
    pictures: tuple[tuple[Path, str], ...] = ()  # pictures in the introduction: (file, site path) to copy

    @property
    def also_read(self) -> tuple[tuple[Path, tuple[int, int], str], ...]:
        """The files the record is made from besides its own (its cover): the memo makes it again
        when one of them changed, and a page showing the book is made again with it."""
        return self.cover_image.also_read if self.cover_image else ()


BOOK = schema_of(Book, "books", help="新书介绍 new-book introduction; the text below the front matter is the introduction")

# Books are made in forked workers: pypinyin's dictionaries (and Pillow's image formats, in
# generator.covers) are loaded once here, before they are forked, not in each of them.
load_pinyin()


def book_from(source: SourceFile, config: Config, markdown: MarkdownRenderer, problems: Problems) -> Book | None:
    """One book file -> a Book, or None (with problems recorded) when it cannot be published."""
    clean = validate(source.data, BOOK, source.name, problems)
    if clean is None:
        return None
    for band in clean["grade_bands"]:
        if band in config.grade_bands:
            continue
        parts = [p.strip() for p in band.replace("，", "、").split("、")]
        if len(parts) > 1:  # [七年级、八年级]: one item, written with Chinese commas
            problems.error("grade_bands_one_item", source.name, clean.lines.get("grade_bands"), value=band,
                           fixed=", ".join(parts))
        else:
            problems.error("unknown_grade_band", source.name, clean.lines.get("grade_bands"),
                           value=band, known="、".join(config.grade_bands))
    cover = None
    if clean["cover"]:
        cover = _cover(clean["cover"], clean.lines.get("cover"), source, config, problems)
        if cover is None:
            return None
    call_number = clean["call_number"]
    pictures = Pictures(f"books/{source.slug}/", config)
    body_html = markdown.render(source.body, problems=problems, source=source, pictures=pictures)
    return Book(
        **clean.record_values(BOOK),
        slug=source.slug,
        clc_class=call_number[0] if call_number else None,
        cover_image=cover,
        cover_url=cover.print_path if cover else None,
        body_html=body_html,
        source=source.name,
        url=f"books/{source.slug}/",
        pinyin=pinyin_of(clean["title"], clean["author"], *clean["tags"]),
        body_text=plain_text(body_html),
        pictures=tuple(pictures.found),
    )


@lru_cache(maxsize=64)
def _folder_leads_out(folder: Path, root: Path) -> bool:
    return outside(folder, root)


def _cover(name: str, line: int | None, source: SourceFile, config: Config, problems: Problems) -> Cover | None:
    """The cover when its file is a sound image the site can show, its sizes made; else None,
    with the problem."""
    cover_source = find_cover(name, source, config)
    if cover_source is None:
        problems.error("missing_cover", source.name, line, value=name)
        return None
    # A link to a picture elsewhere on the computer. Only a link (the file, or the folder it is in)
    # can lead out: the others are not resolved, a dozen system calls each on a big site.
    if (cover_source.is_symlink() or _folder_leads_out(cover_source.parent, config.root)) \
            and leads_out(cover_source, config.root, problems):
        return None
    if cover_source.suffix.lower() not in IMAGE_SUFFIXES:
        problems.error("cover_not_image", source.name, line, value=name)
        return None
    try:
        if cover_source.suffix.lower() != ".svg":
            return raster_cover(cover_source, cache_root(config.root))
        wrong = cover_problem(cover_source)
        if wrong is not None:
            raise CoverError(wrong[0], **wrong[1])
    except CoverError as exc:
        problems.error(exc.code, source.name, line, value=name, **exc.params)
        return None
    # One copy of an SVG, wherever it sits under content/ (many books may share one). Its name
    # keeps no "#": a link would take what follows for a place in the page, not part of the name.
    return svg_cover(cover_source, site_path_of(cover_source, config.content_dir).replace("#", "-"))


def check_isbns(books: list[Book], problems: Problems) -> None:
    """Warn on every book whose ISBN another book file has too (ISBNs are compared as
    validation left them: ISBN-13, no hyphens): a book entered twice, or a mistyped number."""
    by_isbn: dict[str, list[Book]] = {}
    for book in books:
        if book.isbn:
            by_isbn.setdefault(book.isbn, []).append(book)
    for isbn, same in by_isbn.items():
        if len(same) == 1:
            continue
        for book in same:
            others = ", ".join(sorted(b.source for b in same if b is not book))
            problems.warn("duplicate_isbn", book.source, None, value=isbn, other=others)


COPY_NAME = re.compile(r"(\s*-\s*(副本|copy|Copy)|\s*副本|\s*\(\d+\)|（\d+）)(\s*\(\d+\))?$")


def check_twins(books: list[Book], problems: Problems) -> None:
    """Warn on a book that seems entered twice: another file with its title and author where
    either has no ISBN (with ISBNs, check_isbns tells them apart), or a file named like a copy
    Windows made (santi - 副本.md)."""
    by_name: dict[tuple[str, str], list[Book]] = {}
    for book in books:
        by_name.setdefault((book.title, book.author), []).append(book)
        if COPY_NAME.search(book.slug):
            problems.warn("copied_file", book.source, None, value=Path(book.source).name)
    for same in by_name.values():
        for book in same:
            others = [b for b in same if b is not book and not (b.isbn and book.isbn)]
            if others:
                problems.warn("duplicate_book", book.source, None, title=book.title, author=book.author,
                              other=", ".join(sorted(b.source for b in others)))


def book_finder(books: tuple[Book, ...]):
    """`find(key)`: the book a list, a newsletter or a piece of writing names by its file name
    (with or without .md) or its ISBN (ISBN-10 or -13, with or without hyphens); None if none."""
    by_key: dict[str, Book] = {b.slug: b for b in books}
    by_key.update({b.isbn: b for b in books if b.isbn})

    def find(key: str) -> Book | None:
        key = key.removesuffix(".md")
        found = by_key.get(key) or by_key.get(key.replace("-", ""))
        if found is None and stdnum_isbn.is_valid(key):
            found = by_key.get(stdnum_isbn.to_isbn13(stdnum_isbn.compact(key)))
        return found
    return find


def unmade_book(key: str, made: dict) -> bool:
    """Whether `key` may name a book file whose problems kept it off the site (reported there):
    its file name, or an ISBN while some book file could not be read (its ISBN is not known)."""
    unmade = made["unmade"].get("books", ())
    return key.removesuffix(".md") in unmade or (bool(unmade) and stdnum_isbn.is_valid(key))


def sort_books(books: list[Book]) -> list[Book]:
    """Newest on the shelf first."""
    return sorted(books, key=lambda b: (b.shelved, b.slug), reverse=True)


def book_model(books: list[Book], made: dict, config: Config, problems: Problems) -> dict:
    books = sort_books([b for b in books if b is not None])
    check_isbns(books, problems)
    check_twins(books, problems)
    # The files the printables link (an SVG as it is, a picture's print size as made in the
    # cache), and the pictures in the introductions, copied as they are.
    cache = cache_root(config.root)
    covers = [(b.cover_image.print_file(cache), b.cover_url) for b in books if b.cover_image]
    return {"books": tuple(books), "images": tuple(dict.fromkeys(covers + [p for b in books for p in b.pictures]))}


@lru_cache(maxsize=256)
def grade_band_slug(band: str) -> str:
    return pinyin_slug(band)


def book_page(book: Book, site) -> PageSpec:
    """A book's own page, with the sections other types add to it (its reading lists ...)."""
    related = related_sections(site, "books", book.slug)
    return PageSpec(f"{book.url}index.html", "book.html", "books",
                    {"book": book, "related": related.shown,
                     "band_links": [(band, grade_band_slug(band)) for band in book.grade_bands]},
                    frozenset({book.source}) | related.inputs, related.fragments)


def book_pages(site, config: Config) -> list[PageSpec]:
    """Everything, one page each, and views by 中图法 class and by grade band."""
    books, all_books = site.books, sources(site.books)
    routes: list[PageSpec] = []
    add = add_page(routes)
    clc_counts = {letter: sum(1 for b in books if b.clc_class == letter) for letter in CLC_CLASSES}
    bands = [(band, grade_band_slug(band), [b for b in books if band in b.grade_bands]) for band in config.grade_bands]
    add("books/", "books.html", "books", all_books, books=books, clc_counts=clc_counts, bands=bands,
        teachers=[b for b in books if "teachers" in b.audience])
    routes.extend(book_page(book, site) for book in books)
    for letter in CLC_CLASSES:
        if clc_counts[letter]:
            add(f"books/class/{letter}/", "books_by.html", "books", all_books, kind="clc", key=letter,
                books=[b for b in books if b.clc_class == letter], clc_counts=clc_counts, bands=bands)
    for band, slug, band_books in bands:
        add(f"books/grade/{slug}/", "books_by.html", "books", all_books, kind="band", key=band,
            books=band_books, clc_counts=clc_counts, bands=bands)
    return routes


def book_search(site, t) -> list[SearchEntry]:
    return [SearchEntry("book", b.url, b.title, b.author, b.grade_bands, b.cover_image.src(120) if b.cover_image else "",
                        b.call_number or "", b.tags, b.body_text, b.pinyin, b.source) for b in site.books]


TYPE = ContentType(
    name="books", command="book", schema=BOOK, suffix=".md", file_pattern="<slug>", order=10,
    record=book_from, model=book_model, pages=book_pages, record_pages=lambda book, site: [book_page(book, site)],
    url_folders=("books", "images"), menu=(MenuEntry("books", "books/", 10),), search=book_search,
    scaffold=Scaffold("title"),
)
