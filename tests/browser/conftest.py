"""Browser fixtures: the sample site built once, served by a real web server under a sub-path,
and opened in Debian's chromium through Playwright, as readers on the school intranet see it."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, SAMPLE_TODAY, build_project

SUB_PATH = "/library/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
# scripts/test.sh installs axe-core here (git-ignored); AXE_CORE_JS may point elsewhere.
AXE_JS = Path(os.environ.get("AXE_CORE_JS", ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"))
# Screenshots of each kind of page land here for a person to look at (git-ignored).
SCREENSHOTS = Path(os.environ.get("BULLETIN_SCREENSHOTS", ROOT / ".cache/screenshots"))

# One page of each kind in the sample, by its path under the site root.
PAGE_KINDS = {
    "home": "",
    "books": "books/",
    "book": "books/xiyouji/",
    "books-by-class": "books/class/I/",
    "books-by-grade": "books/grade/di-nian-ji/",
    "lists": "lists/",
    "list": "lists/di-nianji-pinyin/",
    "calendar": "calendar/",
    "semester": "calendar/2026-autumn/",
    "awards": "awards/",
    "award": "awards/dushujie-zhengwen/",
    "roster": "roster/",
    "rotation": "rotation/",
    "stats": "stats/",
    "stats-month": "stats/2026-10/",
    "news-index": "news/",
    "news": "news/2026-11-02-dushujie-kaimu/",
    "page": "rules/",
    "404": "404.html",
}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The bundled sample, built as on SAMPLE_TODAY into its own folder (browser tests only read it)."""
    output = tmp_path_factory.mktemp("browser-site") / "output"
    result = build_project(ROOT, output, SAMPLE_TODAY)
    assert result.report is not None, result.problems
    return output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen | None, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"no server on port {port} after {timeout}s")


NGINX_CONF = """\
{user}
worker_processes 1;
events {{ worker_connections 64; }}
http {{
    {mime}
    default_type application/octet-stream;
    charset utf-8;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        # The intranet hosts the bulletin in a folder of the school's site, as the README shows.
        location {sub} {{
            alias {site}/;
            index index.html;
            error_page 404 {sub}404.html;
        }}
        location = / {{ return 404; }}
    }}
}}
"""


@dataclass
class Server:
    """A running web server: `url` is the site's home under the sub-path; `kind` is nginx or python."""
    url: str
    kind: str
    root: Path


@pytest.fixture(scope="session")
def served_site(site_dir: Path, tmp_path_factory) -> Iterator[Server]:
    """The sample under http://127.0.0.1:PORT/library/, served by Debian nginx (Python's http.server
    only when nginx is missing, with a warning that says so)."""
    port = _free_port()
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if nginx:
        prefix = tmp_path_factory.mktemp("nginx")
        mime = "/etc/nginx/mime.types"
        conf = prefix / "nginx.conf"
        conf.write_text(NGINX_CONF.format(
            # Workers run as nobody by default and could not read pytest's 0700 temp folders.
            user="user root;" if os.geteuid() == 0 else "",
            mime=f"include {mime};" if Path(mime).exists() else "types { text/html html; text/css css; image/svg+xml svg; image/jpeg jpg; image/png png; }",
            tmp=prefix, port=port, sub=SUB_PATH, site=site_dir,
        ), encoding="utf-8")
        process = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(conf),
             "-g", f"daemon off; pid {prefix}/nginx.pid; error_log stderr;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        try:
            _wait_for_port(port, process)
            yield Server(f"http://127.0.0.1:{port}{SUB_PATH}", "nginx", site_dir)
        finally:
            process.terminate()
            process.wait(timeout=10)
        return
    warnings.warn("nginx is not installed: serving the browser tests with Python's http.server instead")
    docroot = tmp_path_factory.mktemp("docroot")
    (docroot / SUB_PATH.strip("/")).symlink_to(site_dir, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(docroot))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{port}{SUB_PATH}", "python", site_dir)
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright; skips only when either cannot be had on this machine."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (scripts/test.sh installs it with the test extra)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (scripts/test.sh installs Debian's chromium as root)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watched:
    """A page plus everything that went wrong while it was open: failed requests and console errors."""
    page: object
    failures: list[str] = field(default_factory=list)

    def goto(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        # The 404 page is meant to answer 404; every other navigation must succeed.
        if response is not None and response.status >= 400 and not url.endswith("404.html"):
            self.failures.append(f"{response.status} {url}")


def watch(page) -> Watched:
    watched = Watched(page)
    page.on("console", lambda m: m.type == "error"
            and watched.failures.append(f"console: {m.text} at {m.location.get('url')}"))
    page.on("pageerror", lambda e: watched.failures.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: watched.failures.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
            and watched.failures.append(f"{r.status} {r.url}"))
    return watched


@pytest.fixture
def desktop(chromium) -> Iterator[Watched]:
    """A fresh 1280×800 tab."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield watch(context.new_page())
    finally:
        context.close()


@pytest.fixture
def phone(chromium) -> Iterator[Watched]:
    """A fresh 375×740 phone tab (touch, device pixel ratio 2, as a school-issued phone)."""
    context = chromium.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                   is_mobile=True, has_touch=True)
    try:
        yield watch(context.new_page())
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not found at {AXE_JS} (scripts/test.sh installs it from npm)")
    return AXE_JS
