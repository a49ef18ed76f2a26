"""Outputs beyond the HTML pages: feeds, calendar files, search index, sitemap, printables.

Each output module offers one function `(BuildContext) -> {output path: bytes or file to copy}`
and is listed in `EXTRA_OUTPUTS`; the build calls them after the pages are rendered, so they
can use the same model, renderer and page list. Problems go into `context.problems`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.config import Config
from generator.model import Site
from generator.problems import Problems
from generator.render import Renderer
from generator.routes import PageSpec


@dataclass(frozen=True)
class BuildOptions:
    pdf: bool = True  # make PDFs of the printables (bulletin build --no-pdf skips them)


@dataclass
class BuildContext:
    site: Site
    config: Config
    renderer: Renderer
    pages: list[PageSpec]
    problems: Problems
    options: BuildOptions = field(default_factory=BuildOptions)
    cache_dir: Path | None = None  # persistent cache (e.g. PDFs by content hash); safe to delete


ExtraOutput = Callable[[BuildContext], dict[str, "bytes | Path"]]

# Each output module adds its function here (import order is build order).
EXTRA_OUTPUTS: list[ExtraOutput] = []


# The output modules register themselves on import; imported last, as they use the names above.
from generator.outputs import search, feeds, icalendar_feed, sitemap, printables  # noqa: E402,F401
