"""`bulletin serve` as a librarian uses it: edit, break, fix and delete files while it runs."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest


class Server:
    def __init__(self, project):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=project,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self.url = None
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + 60
        while self.url is None:
            assert time.monotonic() < deadline and self.process.poll() is None, "serve did not start:\n" + "".join(self.lines)
            time.sleep(0.05)

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if found:
                self.url = found.group(1)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, condition, seconds: float = 45) -> str:
        deadline = time.monotonic() + seconds
        while True:
            status, body = self.get(path)
            if condition(status, body):
                return body
            assert time.monotonic() < deadline, f"{path}: still {status}; server said:\n" + "".join(self.lines)
            time.sleep(0.1)


@pytest.fixture
def server(project):
    running = Server(project)
    yield running
    if running.process.poll() is None:
        running.process.send_signal(signal.SIGINT)
        running.process.wait(timeout=20)


def read_events(url: str, found: list[str]) -> None:
    with urllib.request.urlopen(url + "__bulletin/events", timeout=30) as stream:
        for raw in stream:
            found.append(raw.decode("utf-8"))


def test_edit_shows_new_text_and_sends_a_reload_event(server, project):
    status, page = server.get("books/xiyouji/index.html")
    assert status == 200 and "唐僧师徒" in page and "EventSource" in page
    events: list[str] = []
    threading.Thread(target=read_events, args=(server.url, events), daemon=True).start()
    time.sleep(0.5)
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("唐僧师徒", "唐僧和三个徒弟"), encoding="utf-8")
    server.wait_for("books/xiyouji/index.html", lambda s, b: "唐僧和三个徒弟" in b)
    deadline = time.monotonic() + 10
    while not any(line.startswith("event: reload") for line in events):
        assert time.monotonic() < deadline, events
        time.sleep(0.05)
    # The edited page itself was told first, before the rebuild of the indexes was done.
    assert events.index("data: [\"/books/xiyouji/\"]\n") < next(i for i, e in enumerate(events) if e.startswith("event: reload"))
    assert not (project / "output/books/xiyouji/index.html").read_text(encoding="utf-8").count("EventSource")


def test_broken_file_shows_the_error_keeps_old_pages_and_recovers(server, project):
    bad = project / "content/books/bad.md"
    bad.write_text("---\ntitle: 坏书\nshelved: 2026-13-01\n---\n", encoding="utf-8")
    page = server.wait_for("books/xiyouji/index.html", lambda s, b: "bulletin-errors" in b)
    assert "content/books/bad.md" in page and "唐僧师徒" in page  # the problem, over the last good page
    bad.write_text("---\ntitle: 好书\nauthor: 某人\nshelved: 2026-03-01\n---\n正文\n", encoding="utf-8")
    server.wait_for("books/bad/index.html", lambda s, b: s == 200 and "好书" in b and "bulletin-errors" not in b)


def test_deleted_book_disappears_from_pages_and_indexes(server, project):
    assert "草房子" in server.get("books/index.html")[1]
    (project / "content/books/caofangzi.md").unlink()
    server.wait_for("books/caofangzi/index.html", lambda s, b: s == 404)
    assert "草房子" not in server.get("books/index.html")[1]


def test_ctrl_c_pressed_twice_stops_as_cleanly_as_once(server, project):
    # An impatient second Ctrl+C used to break off the watcher's shutdown with a traceback.
    server.process.send_signal(signal.SIGINT)
    time.sleep(0.01)
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=20) == 0
    time.sleep(0.2)  # the reading thread takes the last lines
    said = "".join(server.lines)
    assert "Traceback" not in said and "预览已结束" in said
    assert (project / "output/index.html").is_file() and (project / "output/.bulletin-manifest.json").is_file()


def test_ctrl_c_leaves_a_complete_output(server, project):
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=20) == 0
    assert (project / "output/index.html").is_file() and (project / "output/.bulletin-manifest.json").is_file()
    assert "EventSource" not in (project / "output/index.html").read_text(encoding="utf-8")


def test_an_edited_page_announced_ahead_of_the_rebuild_already_shows_the_edit(server, project):
    # The quick path writes the edited page first and names it in a `pages` event; it must not
    # take the record kept from the build before (which looked only at the file edited then).
    events: list[str] = []
    threading.Thread(target=read_events, args=(server.url, events), daemon=True).start()
    time.sleep(0.5)
    for name, old, new in (("caofangzi", "桑桑", "桑桑和细马"), ("xiyouji", "唐僧师徒", "唐僧和三个徒弟")):
        book = project / f"content/books/{name}.md"
        seen = len(events)
        book.write_text(book.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        deadline = time.monotonic() + 20
        while f'data: ["/books/{name}/"]\n' not in events[seen:]:
            assert time.monotonic() < deadline, events
            time.sleep(0.002)
        assert new in (project / f"output/books/{name}/index.html").read_text(encoding="utf-8")
        server.wait_for(f"books/{name}/index.html", lambda s, b: new in b)  # and the rebuild after it


def test_a_build_during_the_preview_publishes_and_the_preview_carries_on(server, project):
    # The preview holds the build lock only while it rebuilds, so `bulletin build` does not wait for it to end.
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert (project / "output/.bulletin-manifest.json").is_file()
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("唐僧师徒", "唐僧和三个徒弟"), encoding="utf-8")
    server.wait_for("books/xiyouji/index.html", lambda s, b: "唐僧和三个徒弟" in b)
    assert "Traceback" not in "".join(server.lines)


def test_a_browser_that_goes_away_mid_answer_prints_no_traceback(server, project):
    import socket
    import struct
    (project / "output/big.bin").write_bytes(b"\0" * (32 << 20))  # longer than any socket buffer
    host, port = server.url.removeprefix("http://").rstrip("/").split(":")
    for _ in range(3):
        with socket.create_connection((host, int(port)), timeout=10) as browser:
            browser.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            browser.recv(1024)  # the answer has begun
            browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # then a reset, as a closed tab
    assert server.get("index.html")[0] == 200  # still serving
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=20) == 0
    time.sleep(0.2)  # the reading thread takes the last lines
    said = "".join(server.lines)
    assert "Traceback" not in said and "BrokenPipe" not in said and "ConnectionReset" not in said, said


def test_after_a_preview_output_still_has_every_pdf_the_changed_ones_marked_out_of_date(project):
    """bulletin serve makes no PDFs (unless --pdf): it used to delete them all from output/print."""
    from generator.build import Builder
    from generator.config import load_config
    from generator.outputs import BuildOptions
    from generator.problems import Problems
    config, _ = load_config(project / "config.yaml", project / "output")
    Builder(config, BuildOptions(pdf=True), persist=False).build(Problems())
    made = sorted(p.relative_to(project / "output") for p in (project / "output/print").rglob("*.pdf"))
    assert made
    preview = Builder(config, BuildOptions(pdf=False), persist=False)
    preview.build(Problems(), in_place=True)
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("七十二变", "七十二般变化"), encoding="utf-8")
    preview.build(Problems(), in_place=True, changed=[book])
    assert sorted(p.relative_to(project / "output") for p in (project / "output/print").rglob("*.pdf")) == made
    index = (project / "output/print/index.html").read_text(encoding="utf-8")
    assert index.count("PDF 不是最新的") == 1  # the edited book's poster; the others come from the cache
