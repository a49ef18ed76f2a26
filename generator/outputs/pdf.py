"""HTML printables -> PDF through WeasyPrint, offline, with the fonts embedded, cached by content.

The printables are rendered before anything is written, so images and stylesheets are served
to WeasyPrint from the build's own file map instead of from disk or the network.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import mimetypes
import posixpath
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Mapping, NamedTuple

from generator import filecache
from generator.urls import site_path_of

SITE_ROOT = "https://bulletin.invalid/"  # a base URL nothing real answers to; see _SiteFetcher
_LINKED = re.compile(rb"""(?:src|href)=["']([^"'#?]+)""")


class Unavailable(Exception):
    """WeasyPrint cannot be loaded (not installed, or Pango missing)."""


@lru_cache(maxsize=1)
def installed_version() -> str | None:
    """WeasyPrint's version, read from its installation without loading it (loading takes 0.3 s,
    which a build whose PDFs all come from the cache need not spend); None when not installed."""
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        return None


def load():
    """WeasyPrint itself, loaded when a PDF is to be made; Unavailable when it cannot be."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango's library is missing
        raise Unavailable(str(exc)) from exc
    return weasyprint


def fast_subsetter() -> bool:
    """True when WeasyPrint subsets fonts with HarfBuzz (Debian libharfbuzz-subset0): about 0.1 s
    a page with Noto CJK. Without it WeasyPrint falls back on fontTools, in pure Python: 6-7 s.
    Asks WeasyPrint's own test, so the answer is the one it acts on."""
    try:
        from weasyprint.pdf import fonts
    except (ImportError, OSError):
        return False
    if getattr(fonts, "harfbuzz_subset", None) is None:
        return False
    try:
        return bool(fonts.harfbuzz.hb_version_atleast(4, 1, 0))
    except AttributeError:
        return False


@lru_cache(maxsize=1)  # asked by the glyph check and again before making PDFs; fc-list is a process
def chinese_font_missing() -> bool:
    """True when fontconfig knows no font with Chinese glyphs: every character would print as a box.

    Where fontconfig's `fc-list` is not on the PATH (Windows), the system fonts are trusted.
    """
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return not found.strip()


def _resolve(page_path: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), site_path_of(link)))


def cache_key(html: bytes, page_path: str, files: Mapping[str, bytes | Path], version: str) -> str:
    """A hash of everything the PDF is made from: the HTML, the files it links, WeasyPrint's version."""
    digest = hashlib.sha256(version.encode() + b"\0" + html)
    for link in sorted(set(_LINKED.findall(html))):
        target = files.get(_resolve(page_path, link.decode()))
        digest.update(b"\0" + link + b"\0")
        if target is not None:
            digest.update(target if isinstance(target, bytes) else target.read_bytes())
    return digest.hexdigest()


def _fetcher(files: Mapping[str, bytes | Path]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class _SiteFetcher(URLFetcher):
        """Serves the build's files; refuses everything else, so a printable never reaches the network."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # an ornament drawn in the stylesheet: nothing to fetch
                return super().fetch(url, headers)
            if not url.startswith(SITE_ROOT):
                raise ValueError(f"not part of the site: {url}")
            path = posixpath.normpath(site_path_of(url[len(SITE_ROOT):].split("#")[0].split("?")[0]))
            if path not in files:
                raise FileNotFoundError(path)
            body = files[path]
            data = body if isinstance(body, bytes) else body.read_bytes()
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    return _SiteFetcher()


class _Notes(logging.Handler):
    """Keeps WeasyPrint's warnings (a missing image, CSS it ignores) so the build can report them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.notes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.notes.append(record.getMessage())


class Made(NamedTuple):
    pdf: bytes
    notes: list[str]  # WeasyPrint's warnings
    pages: int
    rendered: bool  # False when taken from the cache


def _cache_files(html: bytes, page_path: str, files: Mapping[str, bytes | Path],
                 cache_dir: Path | None) -> tuple[Path, Path] | None:
    """Where the PDF of this printable and what is known of it (warnings, pages) are cached."""
    version = installed_version()
    if version is None:
        raise Unavailable("WeasyPrint is not installed")
    cached = filecache.entry(cache_dir, "pdf", f"{cache_key(html, page_path, files, version)}.pdf")
    return (cached, cached.with_suffix(".json")) if cached is not None else None


def from_cache(html: bytes, page_path: str, files: Mapping[str, bytes | Path], cache_dir: Path | None) -> Made | None:
    """The PDF made earlier from exactly these HTML, linked files and WeasyPrint, with the warnings
    and the page count it had, so every build says so again until it is fixed; None if there is none."""
    where = _cache_files(html, page_path, files, cache_dir)
    if where is None or not where[0].is_file():
        return None
    made, facts = filecache.read(where[0]), filecache.read(where[1])
    try:
        known = json.loads(facts)
        return Made(made, list(known["notes"]), int(known["pages"]), False) if made else None
    except (TypeError, ValueError, KeyError):
        return None  # facts missing or damaged: make it again


def html_to_pdf(html: bytes, page_path: str, files: Mapping[str, bytes | Path], cache_dir: Path | None) -> Made:
    """The PDF of the printable at `page_path`, WeasyPrint's warnings about it and its pages:
    from the cache when nothing it is made from changed, else made (and cached)."""
    return from_cache(html, page_path, files, cache_dir) or make(html, page_path, files, cache_dir)


def make(html: bytes, page_path: str, files: Mapping[str, bytes | Path], cache_dir: Path | None) -> Made:
    """Make the PDF (0.3 s for a poster, 0.5 s for an A3 newsletter) and cache it with what is known of it."""
    where = _cache_files(html, page_path, files, cache_dir)
    weasyprint = load()
    logger = logging.getLogger("weasyprint")
    notes, propagate = _Notes(), logger.propagate
    logger.addHandler(notes)
    logger.propagate = False  # the console module, not logging, talks to the librarian
    try:
        document = weasyprint.HTML(string=html.decode("utf-8"), base_url=SITE_ROOT + page_path,
                                   url_fetcher=_fetcher(files), media_type="print")
        rendered = document.render()
        pdf = rendered.write_pdf()
    finally:
        logger.removeHandler(notes)
        logger.propagate = propagate
    pages = len(rendered.pages)
    if where is not None:  # the facts last: without them the PDF is not taken from the cache
        filecache.write(where[0], pdf)
        filecache.write(where[1], json.dumps({"notes": notes.notes, "pages": pages}).encode())
    return Made(pdf, notes.notes, pages, True)
