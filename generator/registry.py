"""The content types, each declared once, as one value, in its own module under generator/content/.

A `ContentType` says everything the rest of the program asks about a type: its folder and file
pattern, its schema, how its records are made and which types it needs first, its pages and
their URLs, its menu entry, its search rows, the sections it adds to other types' pages, and
how `bulletin new` starts a file of it. Validation, the model, routes, the menu, search, the
README's field tables, `bulletin new`, the editor, the importers and the property tests all
iterate the registry; adding a type is a module under generator/content/ that sets `TYPE`
(with its templates, translations and sample content), and nothing else.
"""
from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from generator.config import Config
    from generator.i18n import Translations
    from generator.load import SourceFile
    from generator.markup import MarkdownRenderer
    from generator.model import Site
    from generator.problems import Problems
    from generator.routes import PageSpec
    from generator.schema import Schema

# One file -> its record (or None, with problems recorded): made in worker processes and kept
# in the memo, so only the edited files of a big type are made again.
RecordMaker = Callable[["SourceFile", "Config", "MarkdownRenderer", "Problems"], Any]
# The type's files (records for a type made file by file, else the loaded files), the parts of
# the site made by the types it needs, config, problems -> its parts of the site model.
ModelMaker = Callable[[list, dict[str, Any], "Config", "Problems"], dict[str, Any]]


@dataclass(frozen=True)
class MenuEntry:
    section: str  # the menu label's translation key is nav.<section>; the page's section too
    path: str  # site path, e.g. books/
    order: int  # position in the menu (the home page is 0)
    shown: Callable[[Site], bool] = lambda site: True


@dataclass(frozen=True)
class SearchEntry:
    """One document of the search index (outputs/search.py writes them as rows)."""
    kind: str  # book, list, news, page ... (the search page's label: search.kind.<kind>)
    url: str
    title: str
    author: str = ""
    bands: tuple[str, ...] = ()
    cover: str = ""
    call: str = ""
    tags: tuple[str, ...] = ()
    text: str = ""
    pinyin: str | None = None  # None: made from title, author and tags
    source: str = ""  # the content file it comes from


@dataclass(frozen=True)
class Related:
    """A section this type adds to the pages of another type's records (a book's reading lists)."""
    target: str  # the type whose record pages show it
    template: str  # the fragment that draws the section; it gets `items`
    find: Callable[[Site], dict[str, tuple]]  # {target record's slug: this type's records to show}


@dataclass(frozen=True)
class Scaffold:
    """How `bulletin new <command> "标题"` starts a file: which field takes the title, the file name."""
    title_field: str | None  # None: the title only names the file (a month's statistics)
    # The file's name (without suffix) from the title, its pinyin slug and today: the slug.
    file_name: Callable[[str, str, dt.date], str] = lambda title, slug, today: slug
    body: str = "在这里写正文（Markdown）。Write the text here."


@dataclass(frozen=True)
class ContentType:
    name: str  # its folder under content/, and the name of its records in the site model
    command: str  # `bulletin new <command>`: the singular, as a librarian types it
    schema: Schema
    suffix: str  # ".md": front matter + Markdown body; ".yaml": the whole file is fields
    file_pattern: str  # how the README names its files, e.g. <YYYY-MM-DD-slug>
    model: ModelMaker
    order: int  # position in listings: README tables, `bulletin new`, the editor, routes
    scaffold: Scaffold
    record: RecordMaker | None = None  # set: the type is made file by file (books, news ...)
    needs: tuple[str, ...] = ()  # types whose model it reads (awards need the roster's classes)
    pages: Callable[[Site, Config], list[PageSpec]] | None = None
    record_pages: Callable[[Any, Site], list[PageSpec]] | None = None  # one record's own pages
    url_folders: tuple[str, ...] = ()  # top-level folders its pages take in output/
    menu: tuple[MenuEntry, ...] = ()
    search: Callable[[Site, Translations], list[SearchEntry]] | None = None  # rows of the search index
    related: tuple[Related, ...] = ()

    def __repr__(self) -> str:
        return f"ContentType({self.name!r})"

    @property
    def folder(self) -> str:
        return self.name

    @property
    def where(self) -> str:
        """content/books/<slug>.md: where a librarian puts a file of this type."""
        return f"content/{self.name}/{self.file_pattern}{self.suffix}"

    def folder_in(self, content_dir: Path) -> Path:
        return content_dir / self.name


@lru_cache(maxsize=1)
def content_types() -> tuple[ContentType, ...]:
    """Every registered type, in its listing order: each module of generator.content with a TYPE."""
    import generator.content as package
    found = []
    for module in pkgutil.iter_modules(package.__path__):
        declared = getattr(importlib.import_module(f"generator.content.{module.name}"), "TYPE", None)
        if isinstance(declared, ContentType):
            found.append(declared)
    return tuple(sorted(found, key=lambda t: t.order))


def content_type(name: str) -> ContentType:
    return next(t for t in content_types() if t.name == name)


def by_command(command: str) -> ContentType:
    return next(t for t in content_types() if t.command == command)


def type_of(path: Path, content_dir: Path) -> ContentType | None:
    """The type of a content file, from the folder it is in (None for images and other files)."""
    if path.parent.parent != content_dir or path.suffix.lower() not in (".md", ".yaml", ".yml"):
        return None
    return next((t for t in content_types() if t.name == path.parent.name), None)


def model_order() -> list[ContentType]:
    """The types in an order where each comes after the types it needs."""
    ordered: list[ContentType] = []
    pending = list(content_types())
    while pending:
        ready = [t for t in pending if all(n in [o.name for o in ordered] for n in t.needs)]
        if not ready:
            raise ValueError("content types need each other in a circle: " + ", ".join(t.name for t in pending))
        ordered.append(ready[0])
        pending.remove(ready[0])
    return ordered


def reserved_folders() -> frozenset[str]:
    """Top-level names a standing page may not take: the folders the types' pages use."""
    return frozenset(name for t in content_types() for name in t.url_folders)
