"""New-book introductions (新书介绍): validated front matter + Markdown -> Book records."""
from __future__ import annotations

import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PIL import Image

from generator.config import Config
from generator.load import SourceFile
from generator.markup import MarkdownRenderer
from generator.model import Book
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import BOOK

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
WEB_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}  # what every browser shows, as Pillow names them
# A phone photo (12 megapixels, 3–6 MB) still passes; a scan at print resolution does not.
MAX_COVER_BYTES = 10 * 1024 * 1024
MAX_COVER_PIXELS = 40_000_000
# SVG elements and attributes that run code or pull in other documents when the file is opened.
SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler"}


def cover_problem(path: Path) -> tuple[str, dict[str, str]] | None:
    """Why this cover cannot go on the site, as (problem code, params); None when it is a sound image."""
    size = path.stat().st_size
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
                image.load()  # decodes every pixel: a truncated or damaged file fails here
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
            wrong = cover_problem(cover_source)
            if wrong is not None:
                code, params = wrong
                problems.error(code, source.name, lines.get("cover"), value=clean["cover"], **params)
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
