"""Search in a real browser (Debian chromium through Playwright): typed into the header box of the
built sample, served from a sub-path by a plain web server and opened straight from disk (file://)."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_TODAY, build_project

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample built into a folder named library/, so serving its parent puts it under /library/."""
    output = tmp_path_factory.mktemp("served") / "library"
    build_project(ROOT, output, SAMPLE_TODAY)
    return output


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/library/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def page(chromium):  # the one Playwright browser of tests/browser/conftest.py (only one may run at a time)
    context = chromium.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def search_from_header(page, start_url: str, query: str):
    page.goto(start_url)
    page.fill("#site-search-q", query)
    page.press("#site-search-q", "Enter")
    page.wait_for_selector(".search-results li")
    return page.locator(".search-result")


def test_search_on_a_served_site_under_a_sub_path(page, server):
    results = search_from_header(page, server + "books/xiyouji/index.html", "西游")
    assert "/library/search/index.html?q=" in page.url
    first = results.first
    assert first.locator(".search-title").inner_text() == "《西游记》"
    assert first.locator(".search-title mark").first.inner_text() == "西游"
    assert "高年级" in first.locator(".search-meta").inner_text()
    assert first.locator("img.search-cover").evaluate("img => img.complete && img.naturalWidth > 0")
    assert first.locator(".search-snippet").inner_text()
    first.locator(".search-title").click()
    page.wait_for_url("**/library/books/xiyouji/index.html")


def test_search_from_disk_with_pinyin_initials(page, site):
    results = search_from_header(page, site.joinpath("index.html").as_uri(), "xyj")
    assert page.url.startswith("file://")
    assert "《西游记》" in results.first.inner_text()
    # Typing on the search page updates the results without a new page.
    page.fill("#search-q", "曹文轩")
    page.wait_for_function("document.querySelector('.search-result .search-title').textContent.includes('草房子')")
    assert "<mark>曹文轩</mark>" in page.locator(".search-result .search-meta").first.inner_html()


QUERIES = {
    "西游": "西游记",  # part of a title
    "xiyouji": "西游记",  # full pinyin
    "xyj": "西游记",  # pinyin initials
    "XiYou": "西游记",  # upper case pinyin
    "吴承恩": "西游记",  # author
    "I242": "西游记",  # call number
}


def test_the_matcher_finds_titles_pinyin_authors_and_skips_stop_words(page, site):
    page.goto(site.joinpath("search", "index.html").as_uri())
    titles = page.evaluate("""queries => {
        const prepared = BulletinSearch.prepare(window.BULLETIN_SEARCH);
        const out = {};
        for (const q of queries) {
            const found = BulletinSearch.search(prepared, q);
            out[q] = {titles: found.results.map(r => r.doc.title), dropped: found.dropped};
        }
        return out;
    }""", list(QUERIES) + ["的", "xyjzz", "西游 吴承恩"])
    for query, title in QUERIES.items():
        assert titles[query]["titles"][:1] == [title], (query, titles[query])
    assert titles["的"] == {"titles": [], "dropped": True}
    assert titles["xyjzz"]["titles"] == []
    assert titles["西游 吴承恩"]["titles"][:1] == ["西游记"]


def test_a_stop_word_says_it_is_too_common(page, site):
    page.goto(site.joinpath("search", "index.html").as_uri() + "?q=的")
    assert page.locator(".search-result").count() == 0
    assert "太常见" in page.locator(".search-status[role=status]").inner_text()
