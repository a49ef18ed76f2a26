"""A link checker crawls the site as the web server serves it: every internal link and asset answers 200."""
from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

# Attributes that name another file the reader's browser will ask for.
LINK_ATTRIBUTES = {"href", "src", "poster", "data"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append(value)
            elif name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name == "id":
                self.ids.add(value)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def test_every_internal_link_and_asset_resolves(served_site):
    # Start from home, and also from every page the build wrote, so that pages reached only by
    # address (a semester's permanent page, 404.html) have their links checked too.
    written = sorted(p.relative_to(served_site.root).as_posix() for p in served_site.root.rglob("*.html"))
    queue = [served_site.url + path for path in reversed(written)] + [served_site.url + "index.html"]
    seen, broken, anchors = set(queue), [], []
    pages: dict[str, set[str]] = {}
    while queue:
        url = queue.pop()
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{status} {url}")
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        pages[url] = parser.ids
        for link in parser.links:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme in ("mailto", "tel", "data"):
                continue
            # The site is self-contained: nothing outside its own folder on this server.
            assert target.startswith(served_site.url), f"{url} links outside the site: {link}"
            if parts.fragment:
                anchors.append((url, target))
            page = target.split("#")[0]
            if page not in seen:
                seen.add(page)
                queue.append(page)
    assert broken == []
    missing = [f"{source} → {target}" for source, target in anchors
               if target.split("#")[0] in pages and urlsplit(target).fragment not in pages[target.split("#")[0]]]
    assert missing == []
    assert len(pages) >= len(written) and len(seen) > len(pages)  # pages plus their assets


def test_the_server_answers_unknown_addresses_with_the_sites_404_page(served_site):
    status, _, body = fetch(served_site.url + "no-such-page/")
    assert status == 404
    if served_site.kind == "nginx":  # Python's http.server has its own plain 404 page.
        assert "<main" in body.decode("utf-8")
