"""Pictures: where a book's cover or a picture in a text is, whether it is an image the site can
show, and where the site puts it."""
from __future__ import annotations

import html
import io
import math
import re
import warnings
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from PIL import Image, ImageFile

from generator.config import Config
from generator.load import SourceFile

# Covers are checked in forked workers: Pillow's image formats are loaded once, before they are.
Image.init()

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
WEB_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}  # what every browser shows, as Pillow names them
# A phone photo (12 to 108 megapixels, 3–8 MB) passes: the build makes the sizes the pages and
# the posters need from it. A picture beyond these is no cover but a mistake or a decompression
# bomb (a small file that decodes to gigabytes); Pillow refuses beyond 179 megapixels by itself.
MAX_COVER_BYTES = 50 * 1024 * 1024
MAX_COVER_PIXELS = 120_000_000
ORIENTATION = 0x0112  # the EXIF tag a phone sets instead of turning the pixels
QUARTER_TURNS = (5, 6, 7, 8)  # its values that turn the picture a quarter: width and height swap
# SVG elements and attributes that run code or pull in other documents when the file is opened.
SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler"}


class CoverError(Exception):
    """code: a problem code of messages.yaml (cover_broken, cover_too_large); params for it."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def too_many_bytes(size: int) -> CoverError | None:
    if size > MAX_COVER_BYTES:
        return CoverError("cover_too_large", size=f"{size / 1024 / 1024:.1f} MB", limit=f"{MAX_COVER_BYTES // 1024 // 1024} MB")
    return None


def checked_image(raw: bytes, fit: tuple[int, int] | None = None) -> tuple[Image.Image, tuple[int, int]]:
    """The picture in `raw`, every pixel decoded (a truncated or damaged file fails here), and its
    size in the file; CoverError when it is not an image web pages show, or an absurd one. `fit`:
    a JPEG may be decoded smaller (a half, a quarter ...: much faster for a photo), but not
    smaller than what fills this width and height once turned upright."""
    try:
        with warnings.catch_warnings():
            # Pillow's own warning comes at 89 megapixels; MAX_COVER_PIXELS is the limit here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
        size = image.size
        if size[0] * size[1] > MAX_COVER_PIXELS:
            raise CoverError("cover_too_large", size=f"{size[0]}×{size[1]}", limit=f"{MAX_COVER_PIXELS // 1_000_000} megapixels")
        if image.format not in WEB_FORMATS:
            raise CoverError("cover_broken")
        if fit is not None and image.format == "JPEG":
            upright = size[::-1] if image.getexif().get(ORIENTATION, 1) in QUARTER_TURNS else size
            scale = min(1.0, fit[0] / upright[0], fit[1] / upright[1])
            image.draft("RGB", (math.ceil(size[0] * scale), math.ceil(size[1] * scale)))
        # WeasyPrint (the PDF maker) switches Pillow to accept truncated images for the whole
        # process, so switch that off while we look.
        tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    except Image.DecompressionBombError:
        raise CoverError("cover_too_large", size="?", limit=f"{MAX_COVER_PIXELS // 1_000_000} megapixels") from None
    except (OSError, ValueError, SyntaxError, EOFError, Image.UnidentifiedImageError):
        raise CoverError("cover_broken") from None
    return image, size


def cover_problem(path: Path) -> tuple[str, dict[str, str]] | None:
    """Why this cover cannot go on the site, as (problem code, params); None when it is a sound image."""
    stat = path.stat()
    # Many books may share one image: look at each version of a file once.
    return _cover_problem(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _cover_problem(path: Path, mtime_ns: int, size: int) -> tuple[str, dict[str, str]] | None:
    try:
        refused = too_many_bytes(size)
        if refused is not None:
            raise refused
        if path.suffix.lower() == ".svg":
            return _svg_problem(path)
        checked_image(path.read_bytes(), fit=(256, 256))
    except CoverError as exc:
        return exc.code, exc.params
    except OSError:
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


def site_path_of(picture: Path, content_dir: Path) -> str:
    """Where the site keeps a picture: images/<its path under content/> (one copy per file)."""
    relative = picture.relative_to(content_dir).as_posix()
    return relative if relative.startswith("images/") else f"images/{relative}"


@dataclass
class Pictures:
    """The pictures of one text: the page it is shown on (site path, e.g. books/xiyouji/), and,
    once rendered, the picture files it shows with their site paths, for the build to copy."""
    page: str
    config: Config
    found: list[tuple[Path, str]] = field(default_factory=list)


_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
_OUTSIDE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")  # a web address, site-absolute, or an anchor


def place_pictures(body_html: str, pictures: Pictures, source: SourceFile, problems) -> str:
    """Point the text's pictures (![说明](照片.jpg): a file beside its content file or in
    content/images/) at their copy on the site, relative to the page; a picture that is not
    there, or not an image a browser shows, is said at its line of the text."""
    from generator.urls import relative_url

    def placed(match: re.Match) -> str:
        written = html.unescape(match.group(2))
        if not written or _OUTSIDE.match(written):
            return match.group(0)
        name = PurePosixPath(unquote(written)).name
        found = find_cover(name, source, pictures.config)
        if found is None or found.suffix.lower() not in IMAGE_SUFFIXES or cover_problem(found) is not None:
            line = next((source.body_line + n for n, text in enumerate(source.body.split("\n")) if written in text), None)
            problems.warn("text_picture_missing", source.name, line, value=written)
            return match.group(0)
        site_path = site_path_of(found, pictures.config.content_dir)
        pictures.found.append((found, site_path))
        return match.group(1) + html.escape(relative_url(pictures.page + "index.html", site_path)) + match.group(3)

    return _IMG_SRC.sub(placed, body_html) if "<img" in body_html else body_html
