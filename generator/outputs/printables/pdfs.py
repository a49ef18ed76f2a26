"""The printables' PDFs: from the cache, or made side by side on the cores; what WeasyPrint said
and sheets that took more paper than they should are reported; the list of printables last."""
from __future__ import annotations

from typing import Any

from generator.outputs import BuildContext, pdf
from generator.outputs.printables.sheet import KINDS, Printable
from generator.outputs.thumbs import thumbnail
from generator.parallel import parallel_map
from generator.render import static_files
from generator.routes import PageSpec
from generator.themes import theme_dirs
from generator.write import CARRY


def _can_make(context: BuildContext) -> bool:
    """False, with the warning that says why, when no PDF can be made on this computer."""
    if not context.options.pdf:
        return False
    if pdf.installed_version() is None:
        context.problems.warn("pdf_unavailable", context.config.file)
        return False
    if pdf.chinese_font_missing():
        # Boxes instead of characters waste the paper, and WeasyPrint with no font at all crashes.
        context.problems.warn("pdf_no_chinese_font", context.config.file)
        return False
    return True


def _made(sheets: list[Printable], files: dict[str, bytes], context: BuildContext) -> dict[str, pdf.Made | str]:
    """Each sheet's PDF (or why it could not be made), from the cache or made now."""
    # Sheets link the theme's stylesheet and the covers; serve them from the build, not the disk.
    assets: dict[str, Any] = {**static_files(theme_dirs(context.config)), **{p: s for s, p in context.site.images}}
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
        context.problems.warn("pdf_unavailable", context.config.file)
        to_make = []

    def make(sheet: Printable) -> pdf.Made | str:
        try:
            return pdf.make(files[sheet.path], sheet.path, assets, context.cache_dir)
        except Exception as exc:  # a broken sheet costs its PDF, not the whole site
            return f"{type(exc).__name__}: {exc}"

    # Each sheet is laid out on its own: two or more are spread over the cores.
    results.update(zip((sheet.path for sheet in to_make), parallel_map(make, to_make, min_items=2)))
    return results


def _reported(sheets: list[Printable], results: dict[str, pdf.Made | str], context: BuildContext) -> dict[str, bytes]:
    """The PDFs made, once what WeasyPrint said about each and each sheet that spilled are reported."""
    problems, config = context.problems, context.config
    pdfs: dict[str, bytes] = {}
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
        if sheet.pages and made.pages > sheet.pages:
            problems.warn("print_overflow", sheet.owner or next(iter(sorted(sheet.inputs)), config.file),
                          sheet=sheet.pdf_path, pages=made.pages, expected=sheet.pages)
        if made.rendered and not slow_warned and not pdf.fast_subsetter():
            problems.warn("pdf_slow", config.file)  # once a build: every PDF made is as slow
            slow_warned = True
        pdfs[sheet.pdf_path] = made.pdf
    return pdfs


def thumb_path(sheet: Printable) -> str:
    return sheet.path.removesuffix(".html") + ".png"


def _kept(sheets: list[Printable], files: dict[str, bytes], context: BuildContext) -> tuple[dict[str, Any], set[str]]:
    """Without making PDFs (the preview, unless --pdf): each sheet's PDF from the cache when its
    sheet is unchanged, else the one the last build left in output/, kept and marked out of date,
    so that output/ stays a whole site to publish. -> ({pdf or thumbnail path: bytes or CARRY}, out of date)."""
    assets: dict[str, Any] = {**static_files(theme_dirs(context.config)), **{p: s for s, p in context.site.images}}
    kept: dict[str, Any] = {}
    stale: set[str] = set()
    for sheet in sheets:
        cached = pdf.from_cache(files[sheet.path], sheet.path, assets, context.cache_dir)
        if cached is not None:
            kept[sheet.pdf_path] = cached.pdf
        elif (context.config.output_dir / sheet.pdf_path).is_file():
            kept[sheet.pdf_path] = CARRY
            stale.add(sheet.pdf_path)
            if (context.config.output_dir / thumb_path(sheet)).is_file():
                kept[thumb_path(sheet)] = CARRY
    return kept, stale


def make_pdfs(sheets: list[Printable], files: dict[str, bytes], context: BuildContext) -> dict[str, Any]:
    """The PDFs (from the cache, or made side by side on the cores), a thumbnail of each, and the
    list of printables, which says which sheets have them (and which are out of date)."""
    stale: set[str] = set()
    if _can_make(context):
        pdfs: dict[str, Any] = _reported(sheets, _made(sheets, files, context), context)
    elif not context.options.pdf and context.cache_dir is not None:
        pdfs, stale = _kept(sheets, files, context)
    else:
        pdfs = {}
    thumbs = {thumb_path(s): thumbnail(pdfs[s.pdf_path], context.cache_dir) for s in sheets
              if isinstance(pdfs.get(s.pdf_path), bytes)}
    thumbs = {path: png for path, png in thumbs.items() if png}
    thumbs.update((path, made) for path, made in pdfs.items() if path.endswith(".png"))
    index = PageSpec("print/index.html", "print_index.html", "print", {
        "groups": [(kind, [(s, s.pdf_path in pdfs, thumb_path(s) if thumb_path(s) in thumbs else None, s.pdf_path in stale)
                           for s in sheets if s.kind == kind])
                   for kind in KINDS if any(s.kind == kind for s in sheets)],
        "pdf": bool(pdfs),
    })
    return {**pdfs, **thumbs, index.path: context.renderer.render(index)}
