"""New-book introductions (新书介绍): validated front matter + Markdown -> Book records."""
from __future__ import annotations

from pathlib import Path

from generator.config import Config
from generator.load import SourceFile
from generator.markup import MarkdownRenderer
from generator.model import Book
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import BOOK

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}


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
        if cover_source.suffix.lower() not in IMAGE_SUFFIXES:
            problems.error("cover_not_image", source.name, lines.get("cover"), value=clean["cover"])
            return None
        # One copy per image file, wherever it sits under content/ (many books may share one).
        relative = cover_source.relative_to(config.content_dir).as_posix()
        cover_url = relative if relative.startswith("images/") else f"images/{relative}"
    call_number = clean["call_number"]
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
        body_html=markdown.render(source.body),
        source=source.name,
        url=f"books/{source.slug}/",
    )


def sort_books(books: list[Book]) -> list[Book]:
    """Newest on the shelf first."""
    return sorted(books, key=lambda b: (b.shelved, b.slug), reverse=True)
