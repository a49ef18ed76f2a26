"""Search on a large site: index size, load time and query time in chromium, printed as figures.

    python bench/search.py 5000          # uses bench/generate.py to make a 5,000-book project

Builds the generated project, reports the size of search/search-index.js (raw and gzipped, as a
web server would send it), then opens the search page from disk in Debian chromium and times
loading the index, preparing it and answering typical queries (median of repeated runs).
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from generate import generate  # noqa: E402  (bench/generate.py)

from generator.build import build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.problems import Problems  # noqa: E402

QUERIES = ["西游", "春", "xyj", "chun", "王", "I287", "春风 王", "的", "zzzz"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

TIMING = """queries => {
  const t0 = performance.now();
  const prepared = BulletinSearch.prepare(window.BULLETIN_SEARCH);
  const prepare = performance.now() - t0;
  const out = {prepare, docs: prepared.docs.length, queries: {}};
  for (const q of queries) {
    const runs = [];
    let hits = 0;
    for (let i = 0; i < 21; i++) {
      const s = performance.now();
      hits = BulletinSearch.search(prepared, q).results.length;
      runs.push(performance.now() - s);
    }
    runs.sort((a, b) => a - b);
    out.queries[q] = {median: runs[10], hits};
  }
  return out;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("books", type=int, nargs="?", default=5000)
    parser.add_argument("--pagefind", action="store_true",
                        help="also index the site with Pagefind (pip install 'pagefind[extended]') and compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        generate(args.books, project)
        config, warnings = load_config(project / "config.yaml", Path(tmp) / "library")
        started = time.perf_counter()
        result = build(config, Problems(warnings))
        print(f"built {args.books} books, {len(result.pages)} pages in {time.perf_counter() - started:.1f} s")
        index = (config.output_dir / "search" / "search-index.js").read_bytes()
        print(f"search-index.js: {len(index) / 1024:.0f} KiB raw, {len(gzip.compress(index, 6)) / 1024:.0f} KiB gzipped "
              f"({len(index) / max(args.books, 1):.0f} bytes a book)")

        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            loads = []
            for _ in range(5):
                page.goto((config.output_dir / "search" / "index.html").as_uri())
                loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            print(f"search page load from disk (index parsed + prepared, median of 5): {statistics.median(loads):.0f} ms")
            figures = page.evaluate(TIMING, QUERIES)
            print(f"prepare {figures['docs']} documents: {figures['prepare']:.0f} ms")
            for query, f in figures["queries"].items():
                print(f"  query {query!r:>10}: {f['median']:.2f} ms median, {f['hits']} results")
            if args.pagefind:
                pagefind(config.output_dir, browser)
            browser.close()


def pagefind(site: Path, browser) -> None:
    """Pagefind on the same pages, for comparison: index size and bytes fetched for one query."""
    import functools
    import http.server
    import subprocess
    import threading
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], check=True)
    files = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
    print(f"pagefind: indexed in {time.perf_counter() - started:.1f} s, {len(files)} files, "
          f"{sum(f.stat().st_size for f in files) / 1024:.0f} KiB in all")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/"
    for query in ("西游", "春", "xyj"):
        page = browser.new_page()
        fetched: list[int] = []
        page.on("response", lambda r: fetched.append(len(r.body())) if "/pagefind/" in r.url else None)
        page.goto(base + "index.html")
        hits = page.evaluate("""async q => {
            const t0 = performance.now();
            const pf = await import('./pagefind/pagefind.js');
            const r = await pf.search(q);
            const first = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
            return [r.results.length, performance.now() - t0, first.length];
        }""", query)
        print(f"  pagefind query {query!r:>6} (first, cold): {hits[1]:.0f} ms, {hits[0]} results, "
              f"{sum(fetched) / 1024:.0f} KiB fetched in {len(fetched)} files")
        page.close()
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    error = page.evaluate("""async () => { try { const pf = await import('./pagefind/pagefind.js');
        await pf.search('春'); return 'works'; } catch (e) { return String(e); } }""")
    print(f"  pagefind from file://: {error[:120]}")
    page.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
