"""The A4 new-book poster for the display case (宣传橱窗): one per featured book."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from generator.config import Config
from generator.content.books import Book
from generator.i18n import Translations
from generator.outputs.fit import FITS, Cut, clipped, fit_intro, set_title, text_paragraphs
from generator.outputs.printables.sheet import Printable
from generator.qr import qr_svg


def poster(book: Book, config: Config, t: Translations, cache_dir: Path | None = None) -> Printable:
    """A book's A4 poster: the title set whole at the size its column holds, author and
    introduction shortened to what one sheet holds, the introduction as large as it fits and the
    cover as large as the introduction leaves room for."""
    fits, cuts = FITS["poster"], []
    paragraphs = text_paragraphs(book.body_html)
    intro_size, intro, height, cut = fit_intro(paragraphs, fits["intro_room"], fits["intro_width"],
                                               fits["intro_sizes"], 1 if book.recommended_by else 0)
    if cut:
        cuts.append(Cut("introduction", sum(map(len, paragraphs)), sum(map(len, intro))))
    width, tall = fits["cover"]
    growth = max(0.0, min(fits["intro_room"] - height, fits["cover_growth"]))
    cover = (round(width + growth * 3 / 4, 1), round(tall + growth, 1))
    title = clipped(book.title, fits["title"], "title", cuts)
    title_size, title_lines = set_title(t("print.book_title", title=title), fits["title_width"] - growth * 3 / 4,
                                        fits["title_sizes"])
    author = clipped(book.author, fits["author"], "author", cuts)
    link = book_link(book, config)
    return Printable(f"print/posters/{book.slug}.html", "print/poster.html", "poster", book.title,
                     {"book": book, "title": title, "title_lines": title_lines, "title_size": title_size,
                      "author": author, "intro": intro, "intro_size": intro_size, "cover": cover, "link": link,
                      "qr": qr_svg(link, cache_dir) if link else None},
                     frozenset({book.source}), tuple((book.source, c) for c in cuts))


def book_link(book: Book, config: Config) -> str | None:
    """The book's page on the intranet, for the QR code; None without site.base_url."""
    base = config.site.get("base_url") or ""
    if not base:
        return None
    return urljoin(base if base.endswith("/") else base + "/", book.url)
