"""Printables: A4 posters of featured books (with a QR code), the monthly A3 blackboard
newsletter, roster and rotation handouts for the classes, and award certificates.

Each printable is an HTML sheet from the theme's `print/` templates, and a PDF of it with the
fonts embedded. `print/index.html` lists them for the librarian. One module per kind of sheet
(posters, newsletter, ...); `pdfs` makes and reports the PDFs.
"""
from __future__ import annotations

from pathlib import Path

from generator.config import Config
from generator.i18n import Translations
from generator.model import Site
from generator.outputs import EXTRA_OUTPUTS, BuildContext, glyphs, pdf
from generator.outputs.printables.anthology import anthologies
from generator.outputs.printables.certificates import certificates
from generator.outputs.printables.handouts import roster_handout, rotation_handout
from generator.outputs.printables.newsletter import blackboard
from generator.outputs.printables.pdfs import make_pdfs
from generator.outputs.printables.posters import book_link, poster
from generator.outputs.printables.sheet import KINDS, Printable
from generator.render import static_files
from generator.routes import PageSpec
from generator.themes import theme_dirs

__all__ = ["KINDS", "Printable", "blackboard", "book_link", "certificates", "make_pdfs", "make_printables", "plan", "poster"]

# How each Cut is told: a text field shortened, the book's introduction shortened, a list cut.
WARNINGS = {"title": "print_shortened", "author": "print_shortened", "introduction": "poster_intro_shortened"}


def plan(site: Site, config: Config, t: Translations, cache_dir: Path | None = None) -> list[Printable]:
    """Every printable the content asks for, in the order the list shows them."""
    sheets: list[Printable] = []
    sheets.extend(poster(book, config, t, cache_dir) for book in site.books if book.featured)

    for issue in site.newsletters:
        sheets.append(blackboard(issue, site, config, t))

    if site.roster:
        sheets.append(roster_handout(site.roster))
        if site.roster.rotation:
            sheets.append(rotation_handout(site.roster, t))

    sheets.extend(certificates(a, t) for a in site.awards if a.certificates and a.winners)
    sheets.extend(anthologies(site.writing_by_activity))
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
    sheets = plan(site, config, context.renderer.translations, context.cache_dir)
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
    # rendering a big site's pages are using while this function runs. make_pdfs is looked up
    # here when it runs (a test watches it).
    context.after_pages.append(lambda: make_pdfs(sheets, files, context))
    return files


EXTRA_OUTPUTS.append(make_printables)
