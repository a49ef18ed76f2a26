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

from generator.ordering import pinyin_of
from generator.outputs import EXTRA_OUTPUTS, BuildContext, Derived
from generator.registry import SearchEntry, content_types
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


def _row(entry: SearchEntry) -> list[str]:
    return [entry.kind, relative_url(SEARCH_PAGE, entry.url), entry.title, entry.author, "、".join(entry.bands),
            relative_url(SEARCH_PAGE, entry.cover) if entry.cover else "", entry.call, " ".join(entry.tags),
            entry.pinyin if entry.pinyin is not None else pinyin_of(entry.title, entry.author, *entry.tags),
            entry.text[:TEXT_LIMIT]]


def search_entries(context: BuildContext) -> list[SearchEntry]:
    """Every entry the content types offer (their `search` in the registry)."""
    words = context.renderer.translations
    return [entry for t in content_types() if t.search is not None for entry in t.search(context.site, words)]


def search_index(context: BuildContext) -> list[Derived]:
    entries = search_entries(context)
    kinds = dict.fromkeys(entry.kind for entry in entries)
    return [Derived(INDEX_PATH, frozenset(entry.source for entry in entries), lambda: _index(context, entries, kinds))]


def _index(context: BuildContext, entries: list[SearchEntry], kinds: dict[str, None]) -> bytes:
    """The index script: the rows, and the words the search page shows for each kind of row."""
    t = context.renderer.translations
    data = {"fields": FIELDS, "stop": STOP_WORDS, "kinds": {kind: t(f"search.kind_{kind}") for kind in kinds},
            "docs": [_row(entry) for entry in entries]}
    # ensure_ascii=False keeps Chinese at 3 bytes a character instead of 6 for \\uXXXX.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.{INDEX_GLOBAL}={payload};\n".encode("utf-8")


EXTRA_OUTPUTS.append(search_index)
