"""The site model: what each content type made from its files, ready for the routes and templates.

Each type's records (declared in its module under generator/content/) keep `source`, the
content file they came from, so that every page can say which files it was made from.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RelatedPart:
    """A section one type adds to another's record pages, found for this build (registry.Related)."""
    template: str
    found: dict[str, tuple]  # {target record's slug: records to show}


class Site:
    """Each content type's part of the model by name (site.books, site.roster, site.awards ...),
    plus what the build needs of them all: the images to copy, the files held back until their
    day, and the sections types add to each other's pages."""

    def __init__(self, parts: dict[str, Any], images: tuple[tuple[Path, str], ...] = (),
                 scheduled: tuple[str, ...] = (), related: dict[str, tuple[RelatedPart, ...]] | None = None) -> None:
        self.parts = parts
        self.images = images  # (file, site path): images as they are (an SVG cover), and covers at print size for the printables
        self.scheduled = scheduled  # files dated after today, held back until then
        self.related = related or {}  # {target type: its sections}

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["parts"][name]
        except KeyError:
            raise AttributeError(name) from None
