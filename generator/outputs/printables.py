"""Printables: A4 posters of featured books (with a QR code), the monthly A3 blackboard
newsletter, roster and rotation handouts for the classes, and award certificates.

Each printable is an HTML sheet from the theme's `print/` templates, and a PDF of it with the
fonts embedded. `print/index.html` lists them for the librarian.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from generator.config import Config
from generator.content.books import Book
from generator.content.newsletters import Newsletter
from generator.model import Site
from generator.outputs import EXTRA_OUTPUTS, BuildContext, glyphs, pdf
from generator.outputs.fit import FITS, Cut, clipped, first, fit_paragraphs, text_paragraphs
from generator.parallel import parallel_map
from generator.qr import qr_svg
from generator.render import static_files
from generator.themes import theme_dirs
from generator.routes import PageSpec



@dataclass(frozen=True)
class Printable:
    path: str  # the HTML sheet, e.g. print/posters/xiyouji.html; the PDF sits beside it
    template: str
    kind: str  # poster, blackboard, roster, rotation, certificates
    label: str  # what the list of printables calls it (a book title, a month, an award)
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    inputs: frozenset[str] = frozenset()
    cuts: tuple[tuple[str, Cut], ...] = field(default=(), hash=False, compare=False)  # (file, what was shortened)
    pages: int = 1  # sheets of paper it is made to fill, no more
    owner: str | None = None  # the file a warning about the whole sheet names (default: its first input)

    @property
    def pdf_path(self) -> str:
        return self.path.removesuffix(".html") + ".pdf"


# How each Cut is told: a text field shortened, the book's introduction shortened, a list cut.
WARNINGS = {"title": "print_shortened", "author": "print_shortened", "introduction": "poster_intro_shortened"}


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


def blackboard(issue: Newsletter, site: Site, config: Config) -> Printable:
    """One newsletter issue's A3 sheet: its books, its month's activities, its awards, the roster,
    each cut to what its column holds (the cut is reported against the issue's file, or for
    the issue made without one, against the file the items come from)."""
    fits, cuts = FITS["blackboard"], []
    semester = next((s for s in site.semesters if any(m.first_day == issue.month for m in s.months)), None)
    calendar_month = next(m for m in semester.months if m.first_day == issue.month) if semester else None
    roster = site.roster if issue.roster else None

    def cut_in(default_file: str | None, make):
        found: list[Cut] = []
        result = make(found)
        cuts.extend((issue.source or default_file or config.file, c) for c in found)
        return result

    def clipped_in(file: str, text: str, limit: int) -> str:
        found: list[Cut] = []
        result = clipped(text, limit, "title", found)
        cuts.extend((file, c) for c in found)
        return result

    title = cut_in(None, lambda c: clipped(issue.title, fits["title"], "title", c))
    books = [(b, clipped_in(b.source, b.title, fits["book_title"]))
             for b in cut_in(None, lambda c: first(issue.books, fits["books"], "books", c))]
    more_books = len(issue.books) - len(books)
    activities = [("dated", a) for a in calendar_month.dated] + [("month", a) for a in calendar_month.month_only] \
        if calendar_month else []
    activities = [(kind, a, clipped_in(semester.source, a.title, fits["activity_title"]))
                  for kind, a in cut_in(semester.source if semester else None,
                                        lambda c: first(activities, fits["activities"], "activities", c))]
    awards = []
    for award in cut_in(None, lambda c: first(issue.awards, fits["awards"], "awards", c)):
        winners = cut_in(award.source, lambda c: first(award.winners, fits["winners"], "winners", c))
        levels = [(level, [w for w in ws if w in winners]) for level, ws in award.levels]
        awards.append((award, [(level, ws) for level, ws in levels if ws], len(award.winners) - len(winners)))
    classes = [c for g in roster.grades for c in g.classes] if roster else []
    classes = cut_in(roster.source if roster else None, lambda c: first(classes, fits["classes"], "classes", c))

    inputs = frozenset(b.source for b, _ in books) | frozenset(a.source for a, _, _ in awards) \
        | frozenset(x.source for x in (semester, roster, issue) if x is not None and x.source)
    return Printable(f"print/blackboard/{issue.slug}.html", "print/blackboard.html", "blackboard", issue.slug,
                     {"issue": issue, "title": title, "month": issue.month, "books": books, "more_books": more_books,
                      "activities": activities,
                      "more_activities": len(calendar_month.dated) + len(calendar_month.month_only) - len(activities)
                      if calendar_month else 0,
                      "awards": awards, "roster": roster, "classes": classes,
                      "more_classes": len(roster.class_names) - len(classes) if roster else 0},
                     inputs, tuple(cuts), owner=issue.source or config.file)


def plan(site: Site, config: Config, cache_dir: Path | None = None) -> list[Printable]:
    """Every printable the content asks for, in the order the list shows them."""
    sheets: list[Printable] = []
    sheets.extend(poster(book, config, cache_dir) for book in site.books if book.featured)

    for issue in site.newsletters:
        sheets.append(blackboard(issue, site, config))

    if site.roster:
        sheets.append(Printable("print/roster.html", "print/roster.html", "roster", site.roster.semester,
                                {"roster": site.roster}, frozenset({site.roster.source})))
        if site.roster.rotation:
            sheets.append(Printable("print/rotation.html", "print/rotation.html", "rotation", site.roster.semester,
                                    {"roster": site.roster}, frozenset({site.roster.source})))

    for award in (a for a in site.awards if a.certificates and a.winners):
        sheets.append(Printable(f"print/certificates/{award.slug}.html", "print/certificates.html", "certificates",
                                award.name, {"award": award}, frozenset({award.source}), pages=len(award.winners)))
    return sheets


def check_glyphs(sheets: list[Printable], files: dict[str, bytes], context: BuildContext) -> bool:
    """An error for each character of a sheet that no font of the print stack has, naming the
    content file it is in; True when there was one."""
    config, problems = context.config, context.problems
    if pdf.chinese_font_missing():
        return False  # said already (pdf_no_chinese_font): every Chinese character would be listed
    css = static_files(theme_dirs(config)).get("assets/printables.css")
    families = glyphs.stack(css.read_text(encoding="utf-8") if isinstance(css, Path) else (css or b"").decode())
    covered = glyphs.coverage(tuple(families))
    if covered is None:
        problems.warn("glyph_check_skipped", config.file)
        return False
    found = False
    reported: set[tuple[str, str]] = set()
    for sheet in sheets:
        for char in glyphs.missing(glyphs.printed_text(files[sheet.path].decode("utf-8")), covered):
            file = next((name for name in sorted(sheet.inputs) if char in _source_text(config.root / name)),
                        next(iter(sorted(sheet.inputs)), config.file))
            if (file, char) not in reported:
                reported.add((file, char))
                problems.error("print_missing_glyph", file, char=char, codepoint=f"U+{ord(char):04X}", sheet=sheet.pdf_path)
                found = True
    return found


def _source_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def make_printables(context: BuildContext) -> dict[str, bytes]:
    site, config, problems = context.site, context.config, context.problems
    sheets = plan(site, config, context.cache_dir)
    if any(s.kind == "poster" for s in sheets) and not config.site.get("base_url"):
        problems.warn("poster_no_qr", config.file)

    for sheet in sheets:
        for file, cut in sheet.cuts:
            problems.warn(WARNINGS.get(cut.field, "print_too_many"), file,
                          field=cut.field, total=cut.total, shown=cut.shown, sheet=sheet.pdf_path)

    files: dict[str, bytes] = {}
    for sheet in sheets:
        files[sheet.path] = context.renderer.render(PageSpec(sheet.path, sheet.template, "print", sheet.context, sheet.inputs))

    if check_glyphs(sheets, files, context):
        return {}  # the build stops on the error: no need to make PDFs

    # Made once the pages are rendered: the PDFs can then have the cores, which the workers
    # rendering a big site's pages are using while this function runs.
    context.after_pages.append(lambda: make_pdfs(sheets, files, context))
    return files


def make_pdfs(sheets: list[Printable], files: dict[str, bytes], context: BuildContext) -> dict[str, bytes]:
    """The PDFs (from the cache, or made side by side on the cores) and the list of
    printables, which says which sheets have one."""
    site, config, problems = context.site, context.config, context.problems
    pdfs: dict[str, bytes] = {}
    made_pdfs: set[str] = set()
    making = context.options.pdf
    if making and pdf.installed_version() is None:
        problems.warn("pdf_unavailable", config.file)
        making = False
    if making and pdf.chinese_font_missing():
        # Boxes instead of characters waste the paper, and WeasyPrint with no font at all crashes.
        problems.warn("pdf_no_chinese_font", config.file)
        making = False
    if making:
        # Sheets link the theme's stylesheet and the covers; serve them from the build, not the disk.
        assets: dict[str, Any] = {**static_files(theme_dirs(config)), **{p: s for s, p in site.images}}
        results: dict[str, pdf.Made | str] = {}
        for sheet in sheets:
            cached = pdf.from_cache(files[sheet.path], sheet.path, assets, context.cache_dir)
            if cached is not None:
                results[sheet.path] = cached
        to_make = [sheet for sheet in sheets if sheet.path not in results]
        try:
            if to_make:
                pdf.load()  # here, once, before workers are forked: they inherit it loaded
        except pdf.Unavailable:  # installed, but it cannot be loaded (no Pango): none can be made
            problems.warn("pdf_unavailable", config.file)
            to_make = []

        def make(sheet: Printable) -> pdf.Made | str:
            try:
                return pdf.make(files[sheet.path], sheet.path, assets, context.cache_dir)
            except Exception as exc:  # a broken sheet costs its PDF, not the whole site
                return f"{type(exc).__name__}: {exc}"

        # Each sheet is laid out on its own: two or more are spread over the cores.
        results.update(zip((sheet.path for sheet in to_make), parallel_map(make, to_make, min_items=2)))
        slow_warned = False
        for sheet in sheets:
            made = results.get(sheet.path)
            if made is None:
                continue
            if isinstance(made, str):
                problems.warn("pdf_failed", sheet.path, detail=made)
                continue
            for note in made.notes:
                problems.warn("pdf_note", sheet.path, detail=note)
            if made.pages > sheet.pages:
                problems.warn("print_overflow", sheet.owner or next(iter(sorted(sheet.inputs)), config.file),
                              sheet=sheet.pdf_path, pages=made.pages, expected=sheet.pages)
            if made.rendered and not slow_warned and not pdf.fast_subsetter():
                problems.warn("pdf_slow", config.file)  # once a build: every PDF made is as slow
                slow_warned = True
            pdfs[sheet.pdf_path] = made.pdf
            made_pdfs.add(sheet.pdf_path)

    index = PageSpec("print/index.html", "print_index.html", "print", {
        "groups": [(kind, [(s, s.pdf_path in made_pdfs) for s in sheets if s.kind == kind])
                   for kind in ("poster", "blackboard", "roster", "rotation", "certificates")
                   if any(s.kind == kind for s in sheets)],
        "pdf": bool(made_pdfs),
    })
    pdfs[index.path] = context.renderer.render(index)
    return pdfs


EXTRA_OUTPUTS.append(make_printables)
