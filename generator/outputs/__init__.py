"""Outputs beyond the HTML pages: feeds, calendar files, search index, sitemap, printables.

Each output module offers one function `(BuildContext) -> list of outputs` and is listed in
`EXTRA_OUTPUTS`. An output is a `Derived` (a file made from content files, declaring them, so
the build makes it again only when they changed, like a page) or, for the printables that do
their own caching, `(path, bytes)` made at once. The build calls the functions with the model,
renderer and page list while workers render the pages (a big site's), and then what they left
in `context.after_pages`, once the pages are done. Problems go into `context.problems`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

if TYPE_CHECKING:  # only for the annotations: importing these costs time a no-change build saves
    from generator.config import Config
    from generator.model import Site
    from generator.problems import Problems
    from generator.render import Renderer
    from generator.routes import PageSpec


@dataclass(frozen=True)
class BuildOptions:
    pdf: bool = True  # make PDFs of the printables (bulletin build --no-pdf skips them)
    strict: bool = False  # warnings stop publication too (bulletin build --strict)
    reuse: bool = True  # take PDFs and QR codes from .bulletin-cache/ (bulletin build --no-cache: make them again)


@dataclass(frozen=True)
class Derived:
    """A file made from content: made again only when its inputs or `key` changed."""
    path: str
    inputs: frozenset[str]  # content files it reads
    make: Callable[[], bytes] = field(compare=False)
    key: str = ""  # what else it is made from besides config (e.g. the pages a sitemap lists)
    templates: tuple[str, ...] = ()  # the templates it renders


Made = dict[str, Union[bytes, Path]]  # output path -> its bytes, or a file to copy


@dataclass
class BuildContext:
    site: Site
    config: Config
    renderer: Renderer
    pages: list[PageSpec]
    problems: Problems
    options: BuildOptions = field(default_factory=BuildOptions)
    cache_dir: Path | None = None  # persistent cache (e.g. PDFs by content hash); safe to delete
    # Work an output leaves for when the pages are rendered and the cores are free again (making
    # PDFs, which spreads over them); each returns more {output path: content}.
    after_pages: list[Callable[[], Made]] = field(default_factory=list)


ExtraOutput = Callable[[BuildContext], Union[list[Derived], Made]]

# Each output module adds its function here (import order is build order).
EXTRA_OUTPUTS: list[ExtraOutput] = []


def extra_outputs() -> list[ExtraOutput]:
    """The output functions, in build order. The modules register themselves on import; they
    are imported here, when a build needs them, not when the command starts."""
    from generator.outputs import feeds, icalendar_feed, images, printables, search, sitemap  # noqa: F401
    return EXTRA_OUTPUTS


def gather(context: BuildContext) -> tuple[list[Derived], Made]:
    """Every extra output: (the derived ones, to make when their inputs changed; those made now)."""
    derived: list[Derived] = []
    made: Made = {}
    for extra in extra_outputs():
        outputs = extra(context)
        if isinstance(outputs, dict):
            made.update(outputs)
        else:
            derived.extend(outputs)
    return derived, made
