"""How long `bulletin import books` takes for a big catalogue export. Prints figures; asserts nothing.

N generated CNMARC records (half UTF-8 written by pymarc, half GB18030 with the record lengths
counted in characters, as some vendors write them; each with ISBN, publisher, year, call
number, subjects and a 200-character summary) are imported into a fresh copy of the mini
project. Measured in the same run, as baselines:

- `bulletin new book` × N: the scaffold function called N times in-process (what typing
  each book in with `bulletin new` costs the program, not the librarian);
- plain writes: N files of the same size written with open().write(), the floor.

Then the same file is imported again (every record already there), and the whole import is
timed once more with --dry-run.

Run: .venv/bin/python bench/import_books.py [N]      (default 5000)
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from stdnum import ean, isbn as stdnum_isbn  # noqa: E402

from generator.cli import main as bulletin  # noqa: E402
from generator.scaffold import scaffold  # noqa: E402
from import_fixtures import by_hand, cnmarc, with_pymarc  # noqa: E402

SITES = ROOT / "bench" / "sites"
MINI = ROOT / "tests" / "fixtures" / "mini"
WORDS = "春夏秋冬山水风云日月星辰花草树木鸟兽虫鱼东南西北红黄蓝绿大小长短天地人和书画琴棋诗酒茶"


def title(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))) + f"第{n}卷"


def isbn(n: int) -> str:
    body = f"978753{n:06d}"
    return stdnum_isbn.format(body + ean.calc_check_digit(body))


def records(count: int) -> tuple[bytes, list[str]]:
    rng = random.Random(18)
    chunks, titles = [], []
    for n in range(count):
        name = title(rng, n)
        titles.append(name)
        fields = cnmarc(name, f"{rng.choice(WORDS)}{rng.choice(WORDS)}著", isbn=isbn(n), publisher="少年儿童出版社",
                        year=f"20{rng.randint(10, 26)}.0{rng.randint(1, 9)}", clc="I287.45", call=("I287.45", str(n)),
                        summary="".join(rng.choice(WORDS) for _ in range(200)), subjects=("童话", "儿童文学"),
                        charset="50  " if n % 2 == 0 else "0120")
        chunks.append(with_pymarc([fields]) if n % 2 == 0 else by_hand(fields, "gb18030", "characters"))
    return b"".join(chunks), titles


def fresh(name: str) -> Path:
    project = SITES / name
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(MINI, project)
    return project


def timed(step) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process): on a shared machine the second is steadier."""
    started, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - started, time.process_time() - cpu


def run() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    SITES.mkdir(parents=True, exist_ok=True)
    raw, titles = records(count)
    export = SITES / "import-bench.iso"
    export.write_bytes(raw)
    print(f"{count} CNMARC records, {len(raw) / 1e6:.1f} MB")

    project = fresh("import-bench")
    args = ["import", "books", str(export), "--config", str(project / "config.yaml"), "-q"]
    first = timed(lambda: bulletin(args))
    made = len(list((project / "content/books").glob("*.md"))) - 3
    again = timed(lambda: bulletin(args))
    dry = timed(lambda: bulletin([*args, "--dry-run"]))
    typed_project = fresh("import-bench-new")
    today = dt.date(2026, 3, 5)
    typed = timed(lambda: [scaffold("book", name, typed_project / "content", today) for name in titles])
    sizes = [p.stat().st_size for p in sorted((project / "content/books").glob("*.md"))]
    floor_dir = SITES / "import-bench-writes"
    shutil.rmtree(floor_dir, ignore_errors=True)
    floor_dir.mkdir()
    text = "x" * (sum(sizes) // len(sizes))

    def plain_writes() -> None:
        for n in range(count):
            with open(floor_dir / f"{n}.md", "w", encoding="utf-8") as out:
                out.write(text)
    floor = timed(plain_writes)

    print(f"{'':34s} {'wall s':>7s} {'CPU s':>6s} {'ms / record':>12s} {'× new book':>11s} {'× writes':>9s}  (ratios of CPU s)")
    for label, (wall, cpu) in (("import (into a fresh project)", first), ("import again (all already there)", again),
                               ("import --dry-run (all there)", dry), ("bulletin new book × N", typed),
                               ("plain file writes × N", floor)):
        print(f"{label:34s} {wall:7.2f} {cpu:6.2f} {wall / count * 1000:12.3f} {cpu / typed[1]:11.2f} {cpu / floor[1]:9.1f}")
    print(f"books written: {made}")


if __name__ == "__main__":
    run()
