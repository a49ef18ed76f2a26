"""Measure the live preview on a generated site: save one book, time until its page on disk changes.

    python bench/serve_edit.py 5000          # generates /work-dir site if needed, runs bulletin serve

Prints: the initial build, then for each of several edits the milliseconds from the save to the
rebuilt page on disk, and how many pages the rebuild rendered (from the server's own line).
Also prints a no-change `bulletin build` and its ratio to a cold one, measured in the same run.
"""
from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("books", type=int, nargs="?", default=5000)
    parser.add_argument("--site", type=Path, default=None, help="where to generate the site (default: bench/sites/N)")
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    site = args.site or HERE / "sites" / str(args.books)
    generate(args.books, site)
    bulletin = [sys.executable, "-m", "generator"]

    cold = timed(bulletin + ["build", "-q", "--no-cache"], site)
    timed(bulletin + ["build", "-q"], site)  # fills the cache
    no_change = statistics.median(timed(bulletin + ["build", "-q"], site) for _ in range(5))
    print(f"cold build (no cache):     {cold:8.2f} s")
    print(f"no-change build (median):  {no_change:8.3f} s   ({no_change / cold:.3f} of cold)")

    port = free_port()
    server = subprocess.Popen(bulletin + ["serve", "--port", str(port)], cwd=site, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    try:
        for line in server.stdout:
            if "http://" in line:
                break
        book = site / "content" / "books" / "book-00042.md"
        page = site / "output" / "books" / "book-00042" / "index.html"
        latencies, rendered = [], []
        for n in range(args.edits):
            marker = f"编辑标记{n}"
            text = re.sub(r"^title: .*$", f"title: {marker}", book.read_text(encoding="utf-8"), count=1, flags=re.M)
            saved = time.perf_counter()
            book.write_text(text, encoding="utf-8")
            while marker not in page.read_text(encoding="utf-8"):
                time.sleep(0.002)
                if time.perf_counter() - saved > 30:
                    raise SystemExit("the page was not rebuilt within 30 s")
            latencies.append((time.perf_counter() - saved) * 1000)
            line = server.stdout.readline()
            found = re.search(r"(\d+) (?:个页面|pages)", line)
            rendered.append(int(found.group(1)) if found else -1)
            time.sleep(0.3)
        print(f"save -> page on disk (ms): median {statistics.median(latencies):.0f}, "
              f"min {min(latencies):.0f}, max {max(latencies):.0f}  over {len(latencies)} edits")
        print(f"pages rendered per edit:   {statistics.median(rendered):.0f} of {sum(1 for _ in (site / 'output').rglob('*.html'))}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
