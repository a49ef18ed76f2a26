"""What the editor lists: every content file of every registered type, searchable by title,
pinyin, ISBN and names, and which content file each page of the preview is made from."""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from generator.load import content_files, load_file
from generator.ordering import pinyin_of
from generator.problems import Problems, relative_name
from generator.registry import ContentType, content_types

PER_PAGE = 50


def folded(text: str) -> str:
    """Full-width to half-width, lower case, no hyphens: how queries and entries are compared."""
    return unicodedata.normalize("NFKC", text).lower().replace("-", "")


@dataclass(frozen=True)
class Item:
    type: str  # the content type's name
    slug: str
    file: str  # relative to the project, e.g. content/books/xiyouji.md
    title: str
    words: str  # what a search looks in, folded
    modified: float


def _texts(value: Any, limit: int = 400) -> Iterable[str]:
    """The texts in a value (nested entries too): names of winners, assistants, classes."""
    stack = [value]
    while stack and limit:
        current = stack.pop()
        limit -= 1
        if isinstance(current, str):
            yield current
        elif isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, (list, tuple)):
            stack.extend(current)


def _record_texts(record: Any, content_type: ContentType) -> list[str]:
    texts = [getattr(record, "pinyin", "") or ""]
    for f in content_type.schema.fields:
        value = getattr(record, f.attribute, None)
        texts.extend(value if isinstance(value, tuple) and all(isinstance(v, str) for v in value)
                     else [value] if isinstance(value, (str, int)) else [])
    return [str(t) for t in texts]


class Catalog:
    """The content files, each looked at again only when its stamp (time, size) moved."""

    def __init__(self, root: Path, content_dir: Path):
        self.root, self.content_dir = root, content_dir
        self._known: dict[Path, tuple[tuple[int, int], Item]] = {}

    def items(self, memo: Any = None) -> list[Item]:
        """Every content file, by type (registry order), then by file name. `memo`: the builder's,
        whose records spare reading the files it has made (thousands of books)."""
        found, seen = [], set()
        for content_type in content_types():
            for path in content_files(self.content_dir, content_type.name):
                seen.add(path)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                stamp = (st.st_mtime_ns, st.st_size)
                known = self._known.get(path)
                if known is None or known[0] != stamp:
                    known = (stamp, self._item(path, content_type, stamp, st.st_mtime, memo))
                    self._known[path] = known
                found.append(known[1])
        for gone in set(self._known) - seen:
            del self._known[gone]
        return found

    def _item(self, path: Path, content_type: ContentType, stamp: tuple[int, int], mtime: float, memo: Any) -> Item:
        name = relative_name(path, self.root)
        title_field = content_type.schema.fields[0] if content_type.scaffold.title_field is None \
            else content_type.schema.field(content_type.scaffold.title_field)
        entry = memo.entries.get(name) if memo is not None else None
        if entry is not None and entry.stamp == stamp and getattr(entry, "record", None) is not None:
            record = entry.record
            title = str(getattr(record, title_field.attribute, "") or "")
            texts = _record_texts(record, content_type)
        else:
            source = load_file(path, self.root, content_type.name, Problems())
            data = source.data if source is not None else {}
            title = str(data.get(title_field.name) or "")
            texts = list(_texts(dict(data)))
            texts.append(pinyin_of(title))
        title = title or path.stem
        words = folded(" ".join([title, path.stem, *texts]))
        return Item(content_type.name, path.stem, name, title, words, mtime)


def search(items: list[Item], query: str = "", type_name: str = "") -> list[Item]:
    """Items of the type (all when ""), whose words hold every word of the query."""
    terms = [folded(t) for t in query.split() if t.strip()]
    return [i for i in items if (not type_name or i.type == type_name) and all(t in i.words for t in terms)]


def page_of(items: list[Item], number: int) -> tuple[list[Item], int, int]:
    """(the items of page `number`, counting from 1, the page number shown, the number of pages)."""
    pages = max(1, -(-len(items) // PER_PAGE))
    number = min(max(number, 1), pages)
    return items[(number - 1) * PER_PAGE: number * PER_PAGE], number, pages


class PageSources:
    """Which content file a page of the preview is made from (for its 编辑 link), and the page of a
    content file (for the form's 查看页面 link): from the records of the last good build that
    have both an address and a source (a book, a news item, a month of statistics ...), found
    once per build without making the pages. Any other page of a type's folders (roster/,
    calendar/) leads to that type's only file, or to the list of its files."""

    def __init__(self) -> None:
        self._site: Any = None
        self._sources: dict[str, str] = {}  # output path -> content file
        self._pages: dict[str, str] = {}  # content file -> output path

    def page_for(self, source: str, site: Any) -> str | None:
        """The page made from a content file, as an output path (books/xiyouji/index.html)."""
        if site is not None and site is not self._site:
            self._learn(site)
        return self._pages.get(source)

    def source(self, page_path: str, site: Any, content_dir: Path) -> tuple[str | None, str | None]:
        """(content file, content type) for an output path such as books/xiyouji/index.html;
        None where it is not known."""
        if site is not None and site is not self._site:
            self._learn(site)
        found = self._sources.get(page_path)
        if found is not None:
            return found, None
        folder = page_path.split("/", 1)[0]
        owner = next((t for t in content_types() if folder == t.name or folder in t.url_folders), None)
        if owner is None:
            return None, None
        files = content_files(content_dir, owner.name)
        if len(files) == 1:
            return f"content/{owner.name}/{files[0].name}", owner.name
        return None, owner.name

    def _learn(self, site: Any) -> None:
        from generator.urls import output_path
        sources: dict[str, str] = {}
        for part in site.parts.values():
            for record in part if isinstance(part, tuple) else (part,):
                url, source = getattr(record, "url", None), getattr(record, "source", None)
                if isinstance(url, str) and url and isinstance(source, str):
                    sources.setdefault(output_path(url), source)
        self._pages = {}
        for path, source in sources.items():
            self._pages.setdefault(source, path)
        self._site, self._sources = site, sources
