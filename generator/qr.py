"""QR codes as inline SVG, so a printed poster opens its page on the intranet when scanned."""
from __future__ import annotations

import hashlib
from pathlib import Path

import segno
from markupsafe import Markup

from generator import filecache


def qr_svg(url: str, cache_dir: Path | None = None) -> Markup:
    """The QR code of `url` as an <svg> element that scales to the box the template gives it.

    Encoding takes ~10 ms a code, and a site with many featured books has a code for each:
    with a cache folder, each URL is encoded once and kept (the folder is safe to delete)."""
    cached = filecache.entry(cache_dir, "qr", hashlib.sha1(url.encode("utf-8")).hexdigest() + ".svg")
    known = filecache.read(cached)
    if known is not None:
        return Markup(known.decode("utf-8"))
    # Level M survives a scuffed or badly lit poster behind the display-case glass.
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", dark="#000", light="#fff")
    filecache.write(cached, svg.encode("utf-8"))
    return Markup(svg)
