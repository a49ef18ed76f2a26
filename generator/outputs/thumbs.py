"""Thumbnails of the printables for their list (print/index.html): the first page of each PDF as a
small PNG, drawn by PDFium (pypdfium2), kept in the cache by the PDF's content."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from generator import filecache

WIDTH = 240  # pixels: the list shows them at half that, sharp on a high-density screen


def thumbnail(pdf: bytes, cache_dir: Path | None) -> bytes | None:
    """The PNG of the PDF's first page, WIDTH pixels wide; None when PDFium is not installed or
    cannot read it (the list then shows none)."""
    cached = filecache.entry(cache_dir, "thumbs", f"{hashlib.sha256(pdf).hexdigest()}.png")
    known = filecache.read(cached)
    if known is not None:
        return known
    try:
        import pypdfium2
    except ImportError:
        return None
    try:
        document = pypdfium2.PdfDocument(pdf)
        page = document[0]
        image = page.render(scale=WIDTH / page.get_width()).to_pil()
        document.close()
    except Exception:  # a PDF PDFium cannot read costs its thumbnail only
        return None
    data = io.BytesIO()
    image.convert("RGB").save(data, "PNG")
    png = data.getvalue()
    filecache.write(cached, png)
    return png
