"""Measure saving from the editor on a generated site: the form's 保存 -> the page on disk, and
-> the reload event the open page gets; against saving the file from a text editor, measured
in the same run (the baseline: what the preview takes for any save).

    python bench/editor_save.py 5000        # generates bench/sites/5000 if needed, runs bulletin serve

Prints, for each way, the median, min and max over several edits of one book's title: until the
page is on disk, until an open tab of it is told to reload (the preview writes an edited page
first and says so at once), and until the whole rebuild (indexes, feeds, search) is done; for the
editor also the time of the request itself (load, change, check, write).
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from editor_client import Preview, changed, form_of  # noqa: E402
from generate import generate  # noqa: E402


class Reloads:
    """Listens to the preview's event stream like an open tab of one page; remembers when it was
    told to reload (its own `pages` event, or the reload after the whole rebuild)."""

    def __init__(self, url: str, page: str):
        self.page = page  # its address on the server, e.g. /books/book-00042/
        self.own: list[float] = []
        self.everything: list[float] = []
        threading.Thread(target=self._listen, args=(url + "__bulletin/events",), daemon=True).start()
        time.sleep(0.5)

    def _listen(self, url: str) -> None:
        event = ""
        with urllib.request.urlopen(url, timeout=600) as stream:
            for raw in stream:
                line = raw.decode("utf-8").strip()
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "reload":
                    self.everything.append(time.perf_counter())
                elif line.startswith("data: ") and event == "pages" and self.page in json.loads(line[6:]):
                    self.own.append(time.perf_counter())

    @staticmethod
    def after(*lists: list[float], moment: float, seconds: float = 30) -> float:
        """The first time in any of the lists (filled by the listening thread) after `moment`."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            later = [t for times in lists for t in times if t > moment]
            if later:
                return min(later)
            time.sleep(0.001)
        raise SystemExit("no reload event within 30 s")

    def reloaded(self, moment: float) -> float:
        """When the tab reloads with the change: its own event, or else the rebuild's."""
        return self.after(self.own, self.everything, moment=moment)


def on_disk(page: Path, marker: str, since: float) -> float:
    while marker not in page.read_text(encoding="utf-8"):
        time.sleep(0.001)
        if time.perf_counter() - since > 30:
            raise SystemExit("the page was not rebuilt within 30 s")
    return time.perf_counter()


def show(name: str, values: list[float]) -> None:
    print(f"{name:42} median {statistics.median(values):6.0f} ms   min {min(values):6.0f}   max {max(values):6.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("books", type=int, nargs="?", default=5000)
    parser.add_argument("--site", type=Path, default=None, help="where to generate the site (default: bench/sites/N)")
    parser.add_argument("--edits", type=int, default=8)
    args = parser.parse_args()
    site = args.site or HERE / "sites" / str(args.books)
    generate(args.books, site)
    preview = Preview(site, start_seconds=900)
    try:
        reloads = Reloads(preview.url, "/books/book-00042/")
        book = site / "content" / "books" / "book-00042.md"
        page = site / "output" / "books" / "book-00042" / "index.html"
        baseline: dict[str, list[float]] = {"disk": [], "reload": [], "all": []}
        editor: dict[str, list[float]] = {"disk": [], "reload": [], "request": [], "all": []}
        for n in range(args.edits):
            marker = f"文件标记{n}"
            text = re.sub(r"^title: .*$", f"title: {marker}", book.read_text(encoding="utf-8"), count=1, flags=re.M)
            saved = time.perf_counter()
            book.write_text(text, encoding="utf-8")
            baseline["disk"].append((on_disk(page, marker, saved) - saved) * 1000)
            baseline["reload"].append((reloads.reloaded(saved) - saved) * 1000)
            baseline["all"].append((reloads.after(reloads.everything, moment=saved) - saved) * 1000)
            time.sleep(0.4)

            marker = f"表单标记{n}"
            action, pairs = form_of(preview.request("edit/books/book-00042")[1])  # the form open in the browser
            saved = time.perf_counter()
            status, _, _ = preview.request(action, changed(pairs, title=marker))
            answered = time.perf_counter()
            assert status == 303, status
            editor["request"].append((answered - saved) * 1000)
            editor["disk"].append((on_disk(page, marker, saved) - saved) * 1000)
            editor["reload"].append((reloads.reloaded(saved) - saved) * 1000)
            editor["all"].append((reloads.after(reloads.everything, moment=saved) - saved) * 1000)
            time.sleep(0.4)
        print(f"{args.books} books, {args.edits} edits each way")
        show("text editor save -> page on disk", baseline["disk"])
        show("text editor save -> its tab told to reload", baseline["reload"])
        show("text editor save -> whole rebuild done", baseline["all"])
        show("editor 保存 -> answered (check + write)", editor["request"])
        show("editor 保存 -> page on disk", editor["disk"])
        show("editor 保存 -> its tab told to reload", editor["reload"])
        show("editor 保存 -> whole rebuild done", editor["all"])
    finally:
        preview.stop()


if __name__ == "__main__":
    main()
