"""New-book introductions (新书介绍): validated front matter + Markdown -> Book records."""
from __future__ import annotations

import warnings
from functools import lru_cache
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PIL import Image, ImageFile

from generator.config import Config
from generator.load import SourceFile, leads_out
from generator.markup import MarkdownRenderer, plain_text
from generator.model import Book
from generator.ordering import load_pinyin, pinyin_of
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import BOOK

# Books are made in forked workers: what they would each load on first use (pypinyin's
# dictionaries, Pillow's image formats) is loaded once here, before they are forked.
load_pinyin()
Image.init()

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
WEB_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}  # what every browser shows, as Pillow names them
# A phone photo (12 megapixels, 3–6 MB) still passes; a scan at print resolution does not.
MAX_COVER_BYTES = 10 * 1024 * 1024
MAX_COVER_PIXELS = 40_000_000
# SVG elements and attributes that run code or pull in other documents when the file is opened.
SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler"}


def cover_problem(path: Path) -> tuple[str, dict[str, str]] | None:
    """Why this cover cannot go on the site, as (problem code, params); None when it is a sound image."""
    stat = path.stat()
    # Many books may share one image: look at each version of a file once.
    return _cover_problem(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _cover_problem(path: Path, mtime_ns: int, size: int) -> tuple[str, dict[str, str]] | None:
    if size > MAX_COVER_BYTES:
        return "cover_too_large", {"size": f"{size / 1024 / 1024:.1f} MB", "limit": f"{MAX_COVER_BYTES // 1024 // 1024} MB"}
    if path.suffix.lower() == ".svg":
        return _svg_problem(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_COVER_PIXELS:
                    return "cover_too_large", {"size": f"{width}×{height}", "limit": f"{MAX_COVER_PIXELS // 1_000_000} megapixels"}
                if image.format not in WEB_FORMATS:
                    return "cover_broken", {}
                # Decode every pixel: a truncated or damaged file fails here. WeasyPrint (the PDF
                # maker) switches Pillow to accept truncated images for the whole process, so
                # switch that off while we look.
                tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
                try:
                    image.load()
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "cover_too_large", {"size": "?", "limit": f"{MAX_COVER_PIXELS // 1_000_000} megapixels"}
    except (OSError, ValueError, SyntaxError, Image.UnidentifiedImageError):
        return "cover_broken", {}
    return None


def _svg_problem(path: Path) -> tuple[str, dict[str, str]] | None:
    # expat (behind ElementTree) resolves no external entities and caps entity expansion.
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, ValueError):
        return "cover_broken", {}
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag in SVG_ACTIVE:
            return "cover_svg_script", {}
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or (local == "href" and not value.lstrip().startswith("#")
                                          and "script:" in value.replace(" ", "").lower()):
                return "cover_svg_script", {}
    return None


def find_cover(name: str, source: SourceFile, config: Config) -> Path | None:
    # A cover may sit beside the book's file or in content/images/; the first found wins.
    # A plain file name only: no folders, so a cover can never point outside content/.
    if not name or name != Path(name).name or name in (".", ".."):
        return None
    for folder in (source.path.parent, config.content_dir / "images"):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def book_from(source: SourceFile, config: Config, markdown: MarkdownRenderer, problems: Problems) -> Book | None:
    """One book file -> a Book, or None (with problems recorded) when it cannot be published."""
    clean = validate(source.data, BOOK, source.name, problems)
    if clean is None:
        return None
    lines = clean["_lines"]
    for band in clean["grade_bands"]:
        if band not in config.grade_bands:
            problems.error("unknown_grade_band", source.name, lines.get("grade_bands"),
                           value=band, known="、".join(config.grade_bands))
    cover_source = cover_url = None
    if clean["cover"]:
        cover_source = find_cover(clean["cover"], source, config)
        if cover_source is None:
            problems.error("missing_cover", source.name, lines.get("cover"), value=clean["cover"])
            return None
        if leads_out(cover_source, config.root, problems):  # a link to a picture elsewhere on the computer
            return None
        if cover_source.suffix.lower() not in IMAGE_SUFFIXES:
            problems.error("cover_not_image", source.name, lines.get("cover"), value=clean["cover"])
            return None
        wrong = cover_problem(cover_source)
        if wrong is not None:
            code, params = wrong
            problems.error(code, source.name, lines.get("cover"), value=clean["cover"], **params)
            return None
        # One copy per image file, wherever it sits under content/ (many books may share one).
        relative = cover_source.relative_to(config.content_dir).as_posix()
        cover_url = relative if relative.startswith("images/") else f"images/{relative}"
    call_number = clean["call_number"]
    body_html = markdown.render(source.body, problems=problems, source=source)
    return Book(
        slug=source.slug,
        title=clean["title"],
        author=clean["author"],
        publisher=clean["publisher"],
        year=clean["year"],
        isbn=clean["isbn"],
        call_number=call_number,
        clc_class=call_number[0] if call_number else None,
        cover_source=cover_source,
        cover_url=cover_url,
        grade_bands=tuple(clean["grade_bands"]),
        audience=tuple(clean["audience"]),
        tags=tuple(clean["tags"]),
        recommended_by=clean["recommended_by"],
        shelved=clean["shelved"],
        featured=clean["featured"],
        body_html=body_html,
        source=source.name,
        url=f"books/{source.slug}/",
        pinyin=pinyin_of(clean["title"], clean["author"], *clean["tags"]),
        body_text=plain_text(body_html),
    )


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


def sort_books(books: list[Book]) -> list[Book]:
    """Newest on the shelf first."""
    return sorted(books, key=lambda b: (b.shelved, b.slug), reverse=True)
