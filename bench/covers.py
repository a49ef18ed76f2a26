"""Covers from a phone: a first build and rebuilds of the sample and of a generated site whose
books each have a phone photo (4000×3000 JPEG turned by EXIF, 3–8 MB), with this checkout and
with another (--before, e.g. a checkout of main), runs interleaved; prints the figures.

    git -C /work/main archive main | tar -x -C /tmp/covers-before   # the code to compare with
    .venv/bin/python bench/covers.py --before /tmp/covers-before --books 300 --runs 3

Measured, each a whole `bulletin build` process with PDFs: a first build (no output/, no
.bulletin-cache/), a rebuild with nothing changed, and a rebuild after one book's introduction
was edited. Each version builds its own copy of each site. Prints medians (min–max), after ÷
before, and the size of output/images/. Asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate, phone_covers  # noqa: E402

MEASURES = ("first build", "no-change rebuild", "one-book rebuild")


def build(code: Path, site: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    # Run in the site's folder: the current folder comes first on sys.path, before PYTHONPATH.
    subprocess.run([sys.executable, "-m", "generator", "build", "-q", "--config", str(site / "config.yaml")],
                   env=env, check=True, stdout=subprocess.DEVNULL, cwd=site)
    return time.perf_counter() - started


def one_round(code: Path, site: Path) -> dict[str, float]:
    for folder in ("output", ".bulletin-cache"):
        shutil.rmtree(site / folder, ignore_errors=True)
    times = {"first build": build(code, site), "no-change rebuild": build(code, site)}
    book = sorted((site / "content/books").glob("*.md"))[len(list((site / "content/books").glob("*.md"))) // 2]
    book.write_text(book.read_text(encoding="utf-8") + "\n又读了一遍。\n", encoding="utf-8")
    times["one-book rebuild"] = build(code, site)
    return times


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the code to compare with")
    parser.add_argument("--books", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "sites" / "covers")
    args = parser.parse_args()
    sites: dict[str, Path] = {}
    sample = args.work / "sample"
    if not sample.exists():
        sample.mkdir(parents=True)
        shutil.copy(ROOT / "config.yaml", sample / "config.yaml")
        shutil.copytree(ROOT / "content", sample / "content")
    sites["sample"] = sample
    generated = args.work / f"{args.books}-phone"
    if not (generated / "config.yaml").exists():
        print(f"generating {args.books} books with phone photos as covers ...", flush=True)
        generate(args.books, generated)
        phone_covers(generated)
    sites[f"{args.books} books, phone photos"] = generated
    versions = {"before": args.before.resolve(), "after": ROOT}
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs each, versions take turns", flush=True)
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    sizes: dict[tuple[str, str], int] = {}
    for _ in range(args.runs):
        for name, site in sites.items():
            for version, code in versions.items():
                copy = args.work / "runs" / version / site.name
                if not copy.exists():
                    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("output", ".bulletin-cache"))
                results.setdefault((name, version), []).append(one_round(code, copy))
                sizes[(name, version)] = folder_size(copy / "output" / "images")
    print(f"load average {os.getloadavg()[0]:.2f}\n")
    for name in sites:
        print(f"## {name}")
        for measure in MEASURES:
            line = []
            medians = {}
            for version in versions:
                values = [r[measure] for r in results[(name, version)]]
                medians[version] = statistics.median(values)
                line.append(f"{version} {medians[version]:.2f} s ({min(values):.2f}–{max(values):.2f})")
            print(f"{measure:18} {'  '.join(line)}  after/before {medians['after'] / medians['before']:.2f}")
        print(f"{'output/images':18} " + "  ".join(f"{v} {sizes[(name, v)] / 1e6:.1f} MB" for v in versions) + "\n")


if __name__ == "__main__":
    main()
