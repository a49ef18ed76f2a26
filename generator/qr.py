"""QR codes as inline SVG, so a printed poster opens its page on the intranet when scanned."""
from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """The QR code of `url` as an <svg> element that scales to the box the template gives it."""
    # Level M survives a scuffed or badly lit poster behind the display-case glass.
    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", dark="#000", light="#fff"))
