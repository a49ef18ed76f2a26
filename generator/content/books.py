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
    for folder in (source.path.parent, config.content_dir / "images"):
        candidate = (folder / name).resolve()
        if candidate.is_file() and candidate.is_relative_to(config.content_dir.resolve()):
            return candidate
    return None


def build_books(sources: list[SourceFile], config: Config, markdown: MarkdownRenderer, problems: Problems) -> list[Book]:
    books = []
    for source in sources:
        clean = validate(source.data, BOOK, source.name, problems)
        if clean is None:
            continue
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
                continue
            if cover_source.suffix.lower() not in IMAGE_SUFFIXES:
                problems.error("cover_not_image", source.name, lines.get("cover"), value=clean["cover"])
                continue
            cover_url = f"images/covers/{source.slug}{cover_source.suffix.lower()}"
        call_number = clean["call_number"]
        books.append(Book(
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
        ))
    books.sort(key=lambda b: (b.shelved, b.slug), reverse=True)
    return books
