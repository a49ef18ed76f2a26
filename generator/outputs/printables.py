"""Printables: A4 posters of featured books (with a QR code), the monthly A3 blackboard
newsletter, roster and rotation handouts for the classes, and award certificates.

Each printable is an HTML sheet from the theme's `print/` templates, and a PDF of it with the
fonts embedded. `print/index.html` lists them for the librarian.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from generator.config import Config
from generator.content.calendar import current_semester
from generator.model import Award, Book, Site
from generator.outputs import EXTRA_OUTPUTS, BuildContext, pdf
from generator.qr import qr_svg
from generator.render import static_files, theme_dirs
from generator.routes import PageSpec

BLACKBOARD_BOOKS = 6  # what fits one column of an A3 sheet in type readable across a corridor
_FIRST_PARAGRAPH = re.compile(r"<p>.*?</p>", re.S)


@dataclass(frozen=True)
class Printable:
    path: str  # the HTML sheet, e.g. print/posters/xiyouji.html; the PDF sits beside it
    template: str
    kind: str  # poster, blackboard, roster, rotation, certificates
    label: str  # what the list of printables calls it (a book title, a month, an award)
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    inputs: frozenset[str] = frozenset()

    @property
    def pdf_path(self) -> str:
        return self.path.removesuffix(".html") + ".pdf"


def first_paragraph(body_html: str) -> str:
    """A poster has room for the introduction's first paragraph, not the whole of it."""
    match = _FIRST_PARAGRAPH.search(body_html)
    return match.group(0) if match else body_html


def book_link(book: Book, config: Config) -> str | None:
    """The book's page on the intranet, for the QR code; None without site.base_url."""
    base = config.site.get("base_url") or ""
    if not base:
        return None
    return urljoin(base if base.endswith("/") else base + "/", book.url)


def blackboard_books(site: Site, month: dt.date) -> list[Book]:
    """This month's new books; in a month with none, the newest, so the board is never bare."""
    shelved = [b for b in site.books if (b.shelved.year, b.shelved.month) == (month.year, month.month)]
    return (shelved or list(site.books))[:BLACKBOARD_BOOKS]


def blackboard_awards(site: Site, month: dt.date) -> list[Award]:
    this_month = [a for a in site.awards if (a.date.year, a.date.month) == (month.year, month.month)]
    return this_month or list(site.awards[:1])


def plan(site: Site, config: Config) -> list[Printable]:
    """Every printable the content asks for, in the order the list shows them."""
    sheets: list[Printable] = []
    for book in (b for b in site.books if b.featured):
        link = book_link(book, config)
        sheets.append(Printable(f"print/posters/{book.slug}.html", "print/poster.html", "poster", book.title,
                                {"book": book, "intro": first_paragraph(book.body_html), "link": link,
                                 "qr": qr_svg(link) if link else None},
                                frozenset({book.source})))

    month = config.today.replace(day=1)
    semester = current_semester(list(site.semesters), config.today)
    calendar_month = next((m for m in (semester.months if semester else ()) if m.first_day == month), None)
    books, awards = blackboard_books(site, month), blackboard_awards(site, month)
    sheets.append(Printable(f"print/blackboard/{month:%Y-%m}.html", "print/blackboard.html", "blackboard",
                            f"{month:%Y-%m}",
                            {"month": month, "books": books, "calendar_month": calendar_month,
                             "awards": awards, "roster": site.roster},
                            frozenset(b.source for b in books) | frozenset(a.source for a in awards)
                            | (frozenset({semester.source}) if semester else frozenset())
                            | (frozenset({site.roster.source}) if site.roster else frozenset())))

    if site.roster:
        sheets.append(Printable("print/roster.html", "print/roster.html", "roster", site.roster.semester,
                                {"roster": site.roster}, frozenset({site.roster.source})))
        if site.roster.rotation:
            sheets.append(Printable("print/rotation.html", "print/rotation.html", "rotation", site.roster.semester,
                                    {"roster": site.roster}, frozenset({site.roster.source})))

    for award in (a for a in site.awards if a.certificates and a.winners):
        sheets.append(Printable(f"print/certificates/{award.slug}.html", "print/certificates.html", "certificates",
                                award.name, {"award": award}, frozenset({award.source})))
    return sheets


def make_printables(context: BuildContext) -> dict[str, bytes]:
    site, config, problems = context.site, context.config, context.problems
    sheets = plan(site, config)
    if any(s.kind == "poster" for s in sheets) and not config.site.get("base_url"):
        problems.warn("poster_no_qr", config.file)

    files: dict[str, bytes] = {}
    for sheet in sheets:
        files[sheet.path] = context.renderer.render(PageSpec(sheet.path, sheet.template, "print", sheet.context, sheet.inputs))

    made_pdfs: set[str] = set()
    version = pdf.available() if context.options.pdf else None
    if context.options.pdf and version is None:
        problems.warn("pdf_unavailable", config.file)
    if version and pdf.chinese_font_missing():
        # Boxes instead of characters waste the paper, and WeasyPrint with no font at all crashes.
        problems.warn("pdf_no_chinese_font", config.file)
        version = None
    if version:
        # Sheets link the theme's stylesheet and the covers; serve them from the build, not the disk.
        assets: dict[str, Any] = {**static_files(theme_dirs(config)), **{p: s for s, p in site.images}}
        for sheet in sheets:
            try:
                made, notes = pdf.html_to_pdf(files[sheet.path], sheet.path, assets, context.cache_dir)
            except Exception as exc:  # a broken sheet costs its PDF, not the whole site
                problems.warn("pdf_failed", sheet.path, detail=f"{type(exc).__name__}: {exc}")
                continue
            for note in notes:
                problems.warn("pdf_note", sheet.path, detail=note)
            files[sheet.pdf_path] = made
            made_pdfs.add(sheet.pdf_path)

    index = PageSpec("print/index.html", "print_index.html", "print", {
        "groups": [(kind, [(s, s.pdf_path in made_pdfs) for s in sheets if s.kind == kind])
                   for kind in ("poster", "blackboard", "roster", "rotation", "certificates")
                   if any(s.kind == kind for s in sheets)],
        "pdf": bool(made_pdfs),
    })
    files[index.path] = context.renderer.render(index)
    return files


EXTRA_OUTPUTS.append(make_printables)
