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
        """Every content file, by type (registry order), then newest first. `memo`: the builder's,
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
        title_field = content_type.schema.field(content_type.scaffold.title_field)
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
    """Which content file a page of the preview is made from (for its 编辑 link), worked out
    from the last good build's pages once per build: a page made from one file, or the file
    whose name its address ends with (books/xiyouji/ from content/books/xiyouji.md)."""

    def __init__(self) -> None:
        self._site: Any = None
        self._sources: dict[str, str] = {}
        self._sections: dict[str, str] = {}
        self._pages: dict[str, str] = {}

    def page_for(self, source: str) -> str | None:
        """The first page made from a content file (its own page), as an output path."""
        return self._pages.get(source)

    def source(self, page_path: str, site: Any, config: Any) -> tuple[str | None, str | None]:
        """(content file, content type of the page's section) for an output path such as
        books/xiyouji/index.html; None where it is not known."""
        if site is not None and site is not self._site:
            self._learn(site, config)
        return self._sources.get(page_path), self._sections.get(page_path)

    def _learn(self, site: Any, config: Any) -> None:
        from generator.routes import build_routes
        names = {t.name for t in content_types()}
        sources, sections, pages = {}, {}, {}
        for page in build_routes(site, config):
            folder = page.path.rsplit("/", 2)[-2] if page.path.count("/") >= 1 else ""
            chosen = next(iter(page.inputs)) if len(page.inputs) == 1 else \
                next((i for i in page.inputs if Path(i).stem == folder), None)
            if chosen is not None:
                sources[page.path] = chosen
                pages.setdefault(chosen, page.path)
            section_type = page.path.split("/", 1)[0]
            if section_type in names:
                sections[page.path] = section_type
        self._site, self._sources, self._sections, self._pages = site, sources, sections, pages
