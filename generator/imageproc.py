"""Cover images in the sizes the pages and the printables need, made with Pillow from the
librarian's file (a 4000×3000 phone photo as well as a small scan): turned upright by its EXIF
orientation, without the rest of EXIF (where and when it was taken), never enlarged.

Each cover gets screen sizes for `srcset` (JPEG for a photo, PNG for a see-through or drawn
picture, and WebP copies when those are smaller) and one print size for the posters and the
newsletter. They are made once per content of the file and kept in `.bulletin-cache/images/`
as `<key>-<size>.<format>` (generator/filecache.py: entries no build used are pruned after it);
the build publishes them from there (generator/outputs/images.py). An SVG cover is published
as it is.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from generator.covers import ORIENTATION, QUARTER_TURNS, CoverError, checked_image, too_many_bytes
from generator import filecache
from generator.state import CACHE_DIR, IMAGES_DIR, digest

# Widths (pixels) made for screens: a 60 px thumbnail to a 360 px book page, each at 1x and 2x,
# and the cards in between. None is wider than the image itself.
SCREEN_WIDTHS = (120, 240, 360, 480, 720)
# The print size fits this box: 300 dpi on the largest cover a poster prints, 104 × 139 mm (its
# 82 × 109 mm grown into the room a short introduction leaves: generator/outputs/fit.py); the A3
# newsletter's covers are smaller.
PRINT_BOX = (1240, 1650)
JPEG_QUALITY, WEBP_QUALITY, PRINT_QUALITY = 82, 80, 90
# What the made files depend on besides the image: a change here makes every cover again.
SPEC = digest(SCREEN_WIDTHS, PRINT_BOX, JPEG_QUALITY, WEBP_QUALITY, PRINT_QUALITY, 1)
FACTS = "cover.json"  # written last of a cover's entries: they are all there when it is
_UNSAFE_IN_NAME = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class Cover:
    """A book's cover as the site publishes it; the templates ask it for its files."""
    source: Path  # the librarian's file
    stamp: tuple[int, int]  # its modification time and size when measured
    key: str  # what its entries in the cache are named by: the file's content and SPEC
    base: str  # the site path its files' names start with, e.g. images/朝花夕拾-1a2b3c4d
    width: int  # upright, in pixels, of the librarian's file
    height: int
    kind: str  # "jpg" or "png": the format of its files besides WebP; "svg": published as it is
    widths: tuple[int, ...] = ()  # the screen widths made
    webp: bool = False  # WebP copies made too (smaller than the JPEG or PNG ones)

    @property
    def vector(self) -> bool:
        return self.kind == "svg"

    @property
    def print_path(self) -> str:
        """The file the posters and the newsletter show: the print size (or the SVG)."""
        return self.base if self.vector else f"{self.base}-print.{self.kind}"

    def print_file(self, cache: Path) -> Path:
        """Where the print size is on this computer (in `cache`), for the PDF maker."""
        return self.source if self.vector else cache / f"{self.key}-print.{self.kind}"

    def files(self, kind: str | None = None) -> list[tuple[str, int]]:
        """(site path, width) of each screen size, in `kind` (default: the JPEG or PNG ones)."""
        kind = kind or self.kind
        return [(f"{self.base}-{w}.{kind}", w) for w in self.widths]

    def src(self, width: int) -> str:
        """The smallest screen size at least `width` pixels wide (the widest there is, else)."""
        if self.vector:
            return self.base
        return f"{self.base}-{next((w for w in self.widths if w >= width), self.widths[-1])}.{self.kind}"

    def outputs(self) -> list[tuple[str, str]]:
        """(site path, its entry's name in the cache) of every file the site publishes for it."""
        return [(f"{self.base}-{name}", f"{self.key}-{name}") for name in _names(self.kind, self.widths, self.webp)]

    @property
    def also_read(self) -> tuple[tuple[Path, tuple[int, int], str], ...]:
        """(file, stamp, digest): what the memo compares (see Book.also_read)."""
        return ((self.source, self.stamp, self.key),)


def cache_root(root: Path) -> Path:
    """Where made covers are kept: .bulletin-cache/images/ beside config.yaml, or a folder in the
    system's temporary folder when the project cannot be written to (a read-only project still
    builds). Nothing is written here: the folder is made when a cover's sizes are stored."""
    folder = root / CACHE_DIR / IMAGES_DIR
    there = next((p for p in (folder, folder.parent, root) if p.is_dir()), root)
    if os.access(there, os.W_OK):
        return folder
    return Path(tempfile.gettempdir()) / f"bulletin-images-{digest(str(root))[:12]}"


def _names(kind: str, widths: tuple[int, ...] | list[int], webp: bool) -> list[str]:
    """The files made of a cover: its screen sizes, its print size, and their WebP copies."""
    return [f"{w}.{kind}" for w in widths] + [f"print.{kind}"] + ([f"{w}.webp" for w in widths] if webp else [])


def site_base(name: str, key: str) -> str:
    """images/<the file's name, with what a URL or a Windows folder cannot hold replaced>-<key>:
    a name no other cover's files have, which changes when the picture does (browsers then
    fetch the new one)."""
    stem = _UNSAFE_IN_NAME.sub("-", unicodedata.normalize("NFC", Path(name).stem).lower()).strip("-.")[:40].strip("-.")
    stem = stem or "cover"
    return f"images/{stem}-{key[:8]}"


def svg_cover(path: Path, site_path: str) -> Cover:
    """An SVG cover: published as it is, at `site_path`."""
    stat = path.stat()
    return Cover(path, (stat.st_mtime_ns, stat.st_size), digest(path.read_bytes()), site_path, 0, 0, "svg")


def raster_cover(path: Path, cache: Path) -> Cover:
    """The cover made from a PNG, JPEG, GIF or WebP file, its sizes made (or found made before in
    `cache`); CoverError when it is no picture the site can show."""
    stat = path.stat()
    refused = too_many_bytes(stat.st_size)
    if refused is not None:
        raise refused
    raw = path.read_bytes()
    key = digest(hashlib.sha1(raw).hexdigest(), SPEC)
    facts = _facts(cache, key) or _make(raw, cache, key)
    return Cover(path, (stat.st_mtime_ns, stat.st_size), key, site_base(path.name, key), facts["width"], facts["height"],
                 facts["kind"], tuple(facts["widths"]), facts["webp"])


def _facts(cache: Path, key: str, touch: bool = False) -> dict | None:
    """What is known of the sizes made under `key`, when they are all in `cache` (each marked as
    used by this build, with `touch`)."""
    try:
        facts = json.loads((cache / f"{key}-{FACTS}").read_text(encoding="utf-8"))
        names = [*_names(facts["kind"], facts["widths"], facts["webp"]), FACTS]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    there = filecache.touch if touch else (lambda path: path.is_file())
    return facts if all([there(cache / f"{key}-{name}") for name in names]) else None


def ensure(cover: Cover, cache: Path) -> None:
    """The cover's sizes in the cache, marked as used by this build; made again if they went away
    since it was measured."""
    if not cover.vector and _facts(cache, cover.key, touch=True) is None:
        _make(cover.source.read_bytes(), cache, cover.key)


def _make(raw: bytes, cache: Path, key: str) -> dict:
    """Make the sizes of the picture in `raw` into `cache`, named by `key`; what is known of them."""
    image, (width, height) = checked_image(raw, fit=PRINT_BOX)
    try:
        with image:
            photo, icc = image.format == "JPEG", image.info.get("icc_profile")
            palette = image.mode == "P"  # 256 colours at most: its sizes can be too, at half the bytes
            if image.getexif().get(ORIENTATION, 1) in QUARTER_TURNS:
                width, height = height, width
            upright = _plain(ImageOps.exif_transpose(image))
    except (OSError, ValueError, SyntaxError) as exc:  # a mode or an EXIF block Pillow cannot turn
        raise CoverError("cover_broken") from exc
    printed = upright.copy()
    printed.thumbnail(PRINT_BOX, Image.Resampling.LANCZOS)  # never enlarges
    sizes = _screen_sizes(printed)
    widest = sizes[max(sizes)]
    # A photo stays JPEG, a see-through picture PNG; a drawn cover (flat colours, lettering) is
    # kept as PNG when that is smaller than JPEG at the widest screen size, as it usually is.
    kind = "jpg" if photo else "png" if upright.mode == "RGBA" else \
        min(("png", "jpg"), key=lambda k: len(_encode(widest, k, icc, palette=palette)))
    files = {f"{w}.{kind}": _encode(sized, kind, icc, palette=palette) for w, sized in sizes.items()}
    files[f"print.{kind}"] = _encode(printed, kind, icc, PRINT_QUALITY, palette)
    # WebP as faithful as the other: lossy for a JPEG, lossless for a PNG.
    webps = {f"{w}.webp": _encode(sized, "webp" if kind == "jpg" else "webp-lossless", icc) for w, sized in sizes.items()}
    webp = sum(map(len, webps.values())) < sum(len(files[f"{w}.{kind}"]) for w in sizes)
    if webp:
        files.update(webps)
    facts = {"width": width, "height": height, "kind": kind, "widths": sorted(sizes), "webp": webp}
    _store(cache, key, files, facts)
    return facts


def _screen_sizes(printed: Image.Image) -> dict[int, Image.Image]:
    """{width: the picture at that width} for SCREEN_WIDTHS, none wider than `printed`."""
    sizes = {}
    sized = printed
    for w in sorted({min(w, printed.width) for w in SCREEN_WIDTHS}, reverse=True):
        if w != sized.width:  # each from the one above: as sharp, and quicker than from the print size
            sized = sized.resize((w, max(1, round(printed.height * w / printed.width))), Image.Resampling.LANCZOS)
        sizes[w] = sized
    return sizes



def _plain(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when some pixel is see-through (a PNG cut out of its background)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        if image.getchannel("A").getextrema()[0] < 255:
            return image
    return image.convert("RGB")


def _encode(image: Image.Image, kind: str, icc: bytes | None, quality: int = JPEG_QUALITY, palette: bool = False) -> bytes:
    out = io.BytesIO()
    colours = {"icc_profile": icc} if icc else {}
    if kind == "jpg":
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True, **colours)
    elif kind == "webp":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4, **colours)
    elif kind == "webp-lossless":
        image.save(out, "WEBP", lossless=True, quality=80, method=4, **colours)
    else:
        image = image.quantize(256, method=Image.Quantize.FASTOCTREE) if palette else image
        image.save(out, "PNG", optimize=True, **colours)
    return out.getvalue()


def _store(cache: Path, key: str, files: dict[str, bytes], facts: dict) -> None:
    """Write the entries, each under another name and then renamed, what is known of them last: a
    build killed half-way never leaves a cover that the next one would take as made. The disk's
    refusal is raised (the build says it, naming the folder)."""
    if not cache.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
    entries = {**files, FACTS: json.dumps(facts).encode()}
    try:
        for name, data in entries.items():
            temporary = cache / f"{key}-{name}.part"
            temporary.write_bytes(data)
            temporary.replace(cache / f"{key}-{name}")
    except OSError:
        for name in entries:
            (cache / f"{key}-{name}.part").unlink(missing_ok=True)
        raise
