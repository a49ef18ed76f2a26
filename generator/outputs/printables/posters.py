"""The A4 new-book poster for the display case (宣传橱窗): one per featured book."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from generator.config import Config
from generator.model import Book
from generator.outputs.fit import FITS, Cut, clipped, fit_paragraphs, text_paragraphs
from generator.outputs.printables.sheet import Printable
from generator.qr import qr_svg


def poster(book: Book, config: Config, cache_dir: Path | None = None) -> Printable:
    """A book's A4 poster: title, author and introduction shortened to what one sheet holds."""
    fits, cuts = FITS["poster"], []
    title = clipped(book.title, fits["title"], "title", cuts)
    author = clipped(book.author, fits["author"], "author", cuts)
    paragraphs = text_paragraphs(book.body_html)
    lines = fits["intro_lines"] - (1 if book.recommended_by else 0)
    intro, cut = fit_paragraphs(paragraphs, lines, fits["line_chars"])
    if cut:
        cuts.append(Cut("introduction", sum(map(len, paragraphs)), sum(map(len, intro))))
    link = book_link(book, config)
    return Printable(f"print/posters/{book.slug}.html", "print/poster.html", "poster", book.title,
                     {"book": book, "title": title, "author": author, "intro": intro, "link": link,
                      "qr": qr_svg(link, cache_dir) if link else None},
                     frozenset({book.source}), tuple((book.source, c) for c in cuts))


def book_link(book: Book, config: Config) -> str | None:
    """The book's page on the intranet, for the QR code; None without site.base_url."""
    base = config.site.get("base_url") or ""
    if not base:
        return None
    return urljoin(base if base.endswith("/") else base + "/", book.url)
