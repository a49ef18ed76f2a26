"""The covers' sizes on the site: each file made of a book's cover (generator/imageproc.py) is an
output declared with the content of its picture and the sizes as its key, so it is published
again only when one of those changed; its bytes come from `.bulletin-cache/images/`, where each
build marks what the current covers use (the rest is pruned after it, generator/filecache.py).
"""
from __future__ import annotations

from generator.imageproc import cache_root, ensure
from generator.outputs import EXTRA_OUTPUTS, BuildContext, Derived
from generator.problems import relative_name
from generator.state import digest


def cover_images(context: BuildContext) -> list[Derived]:
    cache = cache_root(context.config.root)
    covers = dict.fromkeys(b.cover_image for b in context.site.books if b.cover_image and not b.cover_image.vector)
    derived = []
    for cover in covers:
        ensure(cover, cache)  # the printables read its print size from there too
        source = frozenset({relative_name(cover.source, context.config.root)})
        derived.extend(Derived(site_path, source, lambda file=cache / entry: file, key=digest(cover.key, entry))
                       for site_path, entry in cover.outputs())
    return derived


EXTRA_OUTPUTS.append(cover_images)
