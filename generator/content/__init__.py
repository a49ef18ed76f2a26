"""Model stage: each registered content type turns its validated files into its part of the site.

One module per type (books.py, lists.py, ...), each declaring its `TYPE` (generator/registry.py).
Types made file by file (books, pages, news) go through the memo, so an unchanged file is not
made again, and big ones are made across processes; the others are few files that refer to each
other, and are made whole, in an order where each type comes after the types it needs.
"""
from __future__ import annotations

from typing import Any, Callable

from generator.config import Config
from generator.load import content_paths, slug_of
from generator.markup import MarkdownRenderer
from generator.memo import ContentMemo
from generator.model import RelatedPart, Site
from generator.problems import Problems
from generator.registry import ContentType, content_types, model_order

# Parts of the site every type may add to, merged rather than replaced.
MERGED = ("images", "scheduled")


def make_record(content_type: ContentType, config: Config, markdown: MarkdownRenderer) -> Callable:
    """The function that turns one loaded file of a per-file type into its record."""
    make = content_type.record
    return lambda source, problems: make(source, config, markdown, problems)


def build_site(config: Config, problems: Problems, memo: ContentMemo | None = None,
               markdown: MarkdownRenderer | None = None, meanwhile: Callable[[], None] | None = None) -> Site:
    """The site's model from its content. `meanwhile`: other work for this process while
    workers make the records of the per-file types (the builder compiles its templates)."""
    memo = memo if memo is not None else ContentMemo()
    markdown = markdown or MarkdownRenderer()
    types = content_types()
    per_file = {t.name: (content_paths(config.root, config.content_dir, t.name, problems), make_record(t, config, markdown))
                for t in types if t.record is not None}
    loaded: dict[str, list] = {}

    def load_the_others() -> None:  # few files: this process reads them while workers make the records
        for t in types:
            if t.record is None:
                paths = content_paths(config.root, config.content_dir, t.name, problems)
                loaded[t.name] = [s for s in (memo.load(p, config.root, t.name, problems) for p in paths) if s is not None]
        if meanwhile is not None:
            meanwhile()

    files = {**memo.records(per_file, config.root, problems, meanwhile=load_the_others)}
    files.update(loaded)
    # The files of a type that could not be made (their problems are reported at them): a list
    # naming such a book is not told the book is missing too.
    parts: dict[str, Any] = {"unmade": {name: frozenset(slug_of(path) for path, record in zip(paths, files[name])
                                                        if record is None)
                                        for name, (paths, _) in per_file.items()}}
    merged: dict[str, tuple] = {name: () for name in MERGED}
    for t in model_order():
        for name, value in t.model(files[t.name], parts, config, problems).items():
            if name in MERGED:
                merged[name] += tuple(value)
            else:
                parts[name] = value
    merged["images"] = tuple(dict.fromkeys(merged["images"]))  # a picture several texts show is copied once
    site = Site(parts, **merged)
    site.related = related_parts(site)
    return site


def related_parts(site: Site) -> dict[str, tuple[RelatedPart, ...]]:
    """{type: the sections other types add to its record pages}, found once for the whole build."""
    related: dict[str, list[RelatedPart]] = {}
    for t in content_types():
        for part in t.related:
            related.setdefault(part.target, []).append(RelatedPart(part.template, part.find(site)))
    return {target: tuple(parts) for target, parts in related.items()}
