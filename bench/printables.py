"""How long the printables take: a build of the sample with no PDF cache, again with the cache,
and with --no-pdf. Prints figures; asserts nothing. Run: .venv/bin/python bench/printables.py"""
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
from generator.outputs import BuildOptions  # noqa: E402
from generator.problems import Problems  # noqa: E402


def timed(project: Path, options: BuildOptions) -> tuple[float, int]:
    config, warnings = load_config(project / "config.yaml", project / "output")
    started = time.perf_counter()
    result = build(dataclasses.replace(config), Problems(warnings), options=options)
    pdfs = len(list((result.config.output_dir / "print").rglob("*.pdf")))
    return time.perf_counter() - started, pdfs


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "sample"
        project.mkdir()
        shutil.copy(ROOT / "config.yaml", project)
        shutil.copytree(ROOT / "content", project / "content")
        for label, options in (("no cache", BuildOptions()), ("cached", BuildOptions()), ("--no-pdf", BuildOptions(pdf=False))):
            seconds, pdfs = timed(project, options)
            print(f"{label:10s} {seconds:6.2f} s  {pdfs} PDFs")
        cache = project / ".bulletin-cache" / "pdf"
        size = sum(f.stat().st_size for f in cache.iterdir())
        print(f"cache      {len(list(cache.iterdir()))} files, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
