"""The peers `bench/compare.py` measures against: Pelican and Hugo, installed and fed the same books.

Only the books are converted (the pages every generator makes alike); our project also builds
its news, lists, calendars, awards, rosters and statistics, which the peers do not get. The
mapping keeps the peers' pages close to ours:

| ours                          | Pelican                         | Hugo                               |
|-------------------------------|---------------------------------|------------------------------------|
| books/<slug>/ (one per book)  | article, books/<slug>/          | content/books/<slug>.md            |
| books/ (all books, one page)  | index.html, no pagination       | layouts/index.html, all books      |
| books/class/<CLC letter>/     | Category = CLC letter           | categories = [CLC letter]          |
| books/grade/<band>/           | Tags = grade bands              | tags = grade bands                 |
| feeds, sitemap                | off (no feeds)                  | off (RSS, sitemap, robots.txt)     |

Pelican uses its built-in `simple` theme (plus its archives, categories and tags pages; author
pages off, since we have none); Hugo gets a minimal layout of our own, a single page with the
facts and the body and a list page. Both write relative links, as we do.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PEERS_VENV = HERE / ".venv-peers"

PELICAN_CONF = """\
# Written by bench/peers.py. Books only; no feeds (see bench/README.md).
AUTHOR = "bench"
SITENAME = "基准测试小学图书室"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
THEME = "simple"
RELATIVE_URLS = True
DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_URL = "books/{slug}/"
ARTICLE_SAVE_AS = "books/{slug}/index.html"
CATEGORY_URL = "books/class/{slug}/"
CATEGORY_SAVE_AS = "books/class/{slug}/index.html"
TAG_URL = "books/grade/{slug}/"
TAG_SAVE_AS = "books/grade/{slug}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
"""

HUGO_CONFIG = """\
# Written by bench/peers.py. Books only; no RSS, sitemap or robots.txt (see bench/README.md).
baseURL = "/"
title = "基准测试小学图书室"
languageCode = "zh-cn"
relativeURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  category = "categories"
  tag = "tags"
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "books/" | relURL }}">新书介绍</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article class="book">
<h1>《{{ .Title }}》</h1><p class="book-author">{{ .Params.author }}</p>
<dl class="facts">
{{ with .Params.publisher }}<dt>出版社</dt><dd>{{ . }}{{ with $.Params.year }}，{{ . }}{{ end }}</dd>{{ end }}
{{ with .Params.isbn }}<dt>ISBN</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.call_number }}<dt>索书号</dt><dd><a href="{{ (index ($.GetTerms "categories") 0).RelPermalink }}">{{ . }}</a></dd>{{ end }}
<dt>适读年级</dt><dd>{{ range .GetTerms "tags" }}<a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
{{ with .Params.keywords }}<dt>标签</dt><dd>{{ range . }}<span class="chip">{{ . }}</span>{{ end }}</dd>{{ end }}
{{ with .Params.recommended_by }}<dt>推荐人</dt><dd>{{ . }}</dd>{{ end }}
<dt>上架日期</dt><dd>{{ .Date.Format "2006年1月2日" }}</dd>
</dl>
<div class="prose">{{ .Content }}</div>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="book-list">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.author }}</li>{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul class="book-list">{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.author }}</li>{{ end }}</ul>
{{ end }}
""",
}


def read_books(site: Path) -> list[tuple[str, dict, str]]:
    """(slug, front matter, Markdown body) of each book in a project made by bench/generate.py."""
    books = []
    for path in sorted((site / "content" / "books").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        books.append((path.stem, yaml.load(front, Loader=yaml.CSafeLoader), body))
    return books


def to_pelican(books: list[tuple[str, dict, str]], target: Path) -> None:
    """Pelican project: content/<slug>.md with Pelican's metadata lines, and pelicanconf.py."""
    content = target / "content"
    content.mkdir(parents=True)
    (target / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    for slug, meta, body in books:
        lines = [f"Title: {meta['title']}", f"Date: {meta['shelved']}", f"Category: {meta['call_number'][0]}",
                 f"Tags: {', '.join(meta['grade_bands'])}", f"Author: {meta['author']}", f"Slug: {slug}",
                 f"Publisher: {meta['publisher']}", f"Year: {meta['year']}", f"Isbn: {meta['isbn']}",
                 f"Call_number: {meta['call_number']}", f"Keywords: {', '.join(meta['tags'])}",
                 f"Recommended_by: {meta['recommended_by']}"]
        (content / f"{slug}.md").write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")


def to_hugo(books: list[tuple[str, dict, str]], target: Path) -> None:
    """Hugo project: content/books/<slug>.md with YAML front matter, hugo.toml and layouts/."""
    content = target / "content" / "books"
    content.mkdir(parents=True)
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(text, encoding="utf-8")
    (content / "_index.md").write_text("---\ntitle: 新书介绍\n---\n", encoding="utf-8")
    for slug, meta, body in books:
        front = {"title": meta["title"], "slug": slug, "date": meta["shelved"].isoformat(), "author": meta["author"],
                 "publisher": meta["publisher"], "year": meta["year"], "isbn": meta["isbn"],
                 "call_number": meta["call_number"], "categories": [meta["call_number"][0]],
                 "tags": meta["grade_bands"], "keywords": meta["tags"], "recommended_by": meta["recommended_by"]}
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body
        (content / f"{slug}.md").write_text(text, encoding="utf-8")


def ensure_pelican() -> tuple[list[str] | None, str]:
    """The command that runs Pelican, installing it into bench/.venv-peers first if needed; or None and why."""
    pelican = PEERS_VENV / "bin" / "pelican"
    if not pelican.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(PEERS_VENV)], check=True, capture_output=True)
            subprocess.run([str(PEERS_VENV / "bin" / "pip"), "install", "-q", "pelican[markdown]"], check=True,
                           capture_output=True, text=True)
        except subprocess.CalledProcessError as failed:
            return None, f"could not install Pelican into {PEERS_VENV}: {(failed.stderr or '').strip()[-300:]}"
    version = subprocess.run([str(pelican), "--version"], capture_output=True, text=True).stdout.strip()
    return [str(pelican)], f"Pelican {version}"


def ensure_hugo() -> tuple[list[str] | None, str]:
    """The command that runs Hugo, apt-installing Debian's `hugo` as root if needed; or None and why."""
    if not shutil.which("hugo"):
        if os.geteuid() != 0:
            return None, "hugo is not installed and we are not root (apt-get install hugo)"
        for step in (["apt-get", "install", "-y", "-q", "hugo"], ["apt-get", "update", "-q"],
                     ["apt-get", "install", "-y", "-q", "hugo"]):
            done = subprocess.run(step, capture_output=True, text=True,
                                  env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            if shutil.which("hugo"):
                break
        if not shutil.which("hugo"):
            return None, f"apt-get install hugo failed: {done.stderr.strip()[-300:]}"
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()
    return ["hugo"], f"Hugo {version[1] if len(version) > 1 else '?'}"
