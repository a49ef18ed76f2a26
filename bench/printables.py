"""How long the printables take. Prints figures; asserts nothing.

1. Each printable of the sample made into a PDF on its own (no cache): seconds, pages, A4 pages
   (an A3 sheet counts as two), seconds per A4 page; then all of them together.
2. Whole builds of the sample: with no PDF cache, again with the cache, and with --no-pdf.

Run: .venv/bin/python bench/printables.py
"""
from __future__ import annotations

import dataclasses
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.outputs import BuildOptions, pdf  # noqa: E402
from generator.problems import Problems  # noqa: E402

A4_POINTS = 595.276 * 841.89


def timed(project: Path, options: BuildOptions) -> tuple[float, int]:
    config, warnings = load_config(project / "config.yaml", project / "output")
    started = time.perf_counter()
    result = build(dataclasses.replace(config), Problems(warnings), options=options, cache=True)
    pdfs = len(list((result.config.output_dir / "print").rglob("*.pdf")))
    return time.perf_counter() - started, pdfs


def per_printable(project: Path) -> None:
    import weasyprint

    out = project / "output"
    files = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}
    sheets = sorted(p for p in files if p.startswith("print/") and p.endswith(".html") and p != "print/index.html")
    total_seconds = total_a4 = 0.0
    print(f"{'printable':45s} {'pages':>5s} {'A4':>5s} {'seconds':>8s} {'s / A4':>7s}")
    for path in sheets:
        html = files[path].read_bytes()
        started = time.perf_counter()
        made = pdf.html_to_pdf(html, path, files, None)
        seconds = time.perf_counter() - started
        document = weasyprint.HTML(string=html.decode(), base_url=pdf.SITE_ROOT + path,  # page sizes, not timed
                                   url_fetcher=pdf._fetcher(files), media_type="print").render()
        a4 = sum(p.width * p.height for p in document.pages) * (72 / 96) ** 2 / A4_POINTS
        total_seconds += seconds
        total_a4 += a4
        print(f"{path:45s} {made.pages:5d} {a4:5.0f} {seconds:8.3f} {seconds / a4:7.3f}")
    print(f"{'all ' + str(len(sheets)) + ' printables':45s} {'':5s} {total_a4:5.0f} {total_seconds:8.3f} {total_seconds / total_a4:7.3f}")


def main() -> None:
    print(f"WeasyPrint {pdf.installed_version()}, font subsetter: {'HarfBuzz' if pdf.fast_subsetter() else 'fontTools (slow)'}")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "sample"
        project.mkdir()
        shutil.copy(ROOT / "config.yaml", project)
        shutil.copytree(ROOT / "content", project / "content")
        builds = [(label, *timed(project, options)) for label, options in
                  (("no cache", BuildOptions()), ("no change", BuildOptions()), ("--no-pdf", BuildOptions(pdf=False)))]
        timed(project, BuildOptions())  # output/ with the PDFs' HTML and images again, for the per-printable run
        per_printable(project)
        print()
        for label, seconds, pdfs in builds:
            print(f"build, {label:10s} {seconds:6.2f} s  {pdfs} PDFs")
        cache = project / ".bulletin-cache" / "pdf"
        size = sum(f.stat().st_size for f in cache.iterdir())
        print(f"PDF cache  {len(list(cache.iterdir()))} files, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
