"""Links are made from file names: every one is percent-encoded where a URL needs it, and leads to its file."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import build_project
from generator.urls import absolute_url, relative_url, url_path

BOOK = "---\ntitle: 新书\nauthor: 作者\nshelved: 2026-03-04\n{extra}---\n正文\n"
RAW_IN_URL = re.compile(r"[\s'\"<>{}|^`\\]|%(?![0-9A-F]{2})")  # what a URL path may not hold as it is


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


def test_url_paths_encode_what_a_url_cannot_hold_and_keep_chinese_readable():
    assert url_path("books/a b/index.html") == "books/a%20b/index.html"
    assert url_path("images/it's {new}.png") == "images/it%27s%20%7Bnew%7D.png"
    assert url_path("images/50%#1?.png") == "images/50%25%231%3F.png"
    assert url_path("books/西游记/index.html") == "books/西游记/index.html"
    assert url_path("books/a\u3000b\u202e/") == "books/a%E3%80%80b%E2%80%AE/"  # full-width space, a bidi override
    assert relative_url("books/x/index.html", "books/a b/") == "../../books/a%20b/index.html"
    assert absolute_url("http://intranet/library/", "books/a b/") == "http://intranet/library/books/a%20b/"


def test_every_link_made_from_a_file_name_is_encoded_and_leads_to_its_file(project):
    books = project / "content/books"
    shutil.copy(books / "xiyouji.svg", books / "it's {new}.svg")
    (books / "a b.md").write_text(BOOK.format(extra="cover: it's {new}.svg\nfeatured: true\n"), encoding="utf-8")
    result = build_project(project, project / "output")
    output = project / "output"
    assert [p for p in result.problems if p.code == "pdf_note"] == []  # the poster found its cover too
    seen = 0
    for page in output.rglob("*.html"):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        for url in links.urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            assert not RAW_IN_URL.search(url), (page, url)
            base = output if page.name == "404.html" else page.parent  # <base href> = the site's root
            assert url.startswith("/") or (base / unquote(parts.path)).resolve().exists(), (page, url)
            seen += 1
    assert seen > 100
    index = (output / "books/index.html").read_text(encoding="utf-8")
    assert "a%20b/index.html" in index and "it%27s%20%7Bnew%7D.svg" in index
    assert (output / "books/a b/index.html").is_file() and (output / "images/books/it's {new}.svg").is_file()
