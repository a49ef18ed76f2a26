"""Search index: every book, reading list, news item and page as one small script for the search page.

The index is a `<script>` that assigns a global rather than a JSON file to fetch, because
browsers refuse fetch() from file:// and the site must work opened from a USB stick. Chinese
needs no word list here: the search script matches each query word as a substring, so 西游
finds 西游记; pinyin (xiyouji) and initials (xyj) of titles, authors and tags are added at
build time with pypinyin, which pupils type before they can type many characters.
"""
from __future__ import annotations

import json
import unicodedata

from generator.markup import plain_text
from generator.ordering import pinyin_of
from generator.outputs import EXTRA_OUTPUTS, BuildContext
from generator.urls import relative_url

SEARCH_PAGE = "search/index.html"
INDEX_PATH = "search/search-index.js"
INDEX_GLOBAL = "BULLETIN_SEARCH"

# Query words too common to mean anything; the search script drops them, so 的 finds nothing
# instead of every book. Data for the matcher, not words a reader sees.
STOP_WORDS = (
    "的", "了", "和", "与", "及", "或", "是", "在", "也", "都", "就", "而", "之", "着", "把", "被",
    "给", "吗", "呢", "吧", "啊", "个", "一", "这", "那", "有", "我", "你", "他", "她", "它", "们",
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is", "with",
)

# The index carries the first TEXT_LIMIT characters of each introduction or article: enough
# for the snippet and the opening words, while titles, authors, tags, call numbers and pinyin
# are complete. Whole introductions made the 5,000-book index 8.7 MB (bench/search.py).
TEXT_LIMIT = 120

# One row per document, fields in this order (arrays keep a 5,000-book index small).
FIELDS = ("kind", "url", "title", "author", "bands", "cover", "call", "tags", "pinyin", "text")


def normalise(text: str) -> str:
    """Full-width letters and digits to half-width, lower case; the search script does the same."""
    return unicodedata.normalize("NFKC", text).lower()


def _row(kind: str, url: str, title: str, author: str = "", bands: tuple[str, ...] = (), cover: str = "",
         call: str = "", tags: tuple[str, ...] = (), text: str = "", pinyin: str | None = None) -> list[str]:
    text = text[:TEXT_LIMIT]
    return [kind, relative_url(SEARCH_PAGE, url), title, author, "、".join(bands),
            relative_url(SEARCH_PAGE, cover) if cover else "", call, " ".join(tags),
            pinyin if pinyin is not None else pinyin_of(title, author, *tags), text]


def search_documents(context: BuildContext) -> list[list[str]]:
    site = context.site
    docs = [_row("book", b.url, b.title, b.author, b.grade_bands, b.cover_url or "", b.call_number or "",
                 b.tags, b.body_text, b.pinyin) for b in site.books]
    docs += [_row("list", r.url, r.title, bands=r.grade_bands, tags=(r.subject,) if r.subject else (),
                  text=" ".join(filter(None, [r.description or ""] + [i.title for i in r.items])))
             for r in site.lists]
    docs += [_row("news", n.url, n.title, text=plain_text(n.body_html)) for n in site.news]
    docs += [_row("page", p.url, p.title, text=plain_text(p.body_html)) for p in site.pages]
    return docs


def search_index(context: BuildContext) -> dict[str, bytes]:
    data = {"fields": FIELDS, "stop": STOP_WORDS, "docs": search_documents(context)}
    # ensure_ascii=False keeps Chinese at 3 bytes a character instead of 6 for \\uXXXX.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return {INDEX_PATH: f"window.{INDEX_GLOBAL}={payload};\n".encode("utf-8")}


EXTRA_OUTPUTS.append(search_index)
