"""Thumbnails of the printables for their list (print/index.html): the first page of each PDF as a
small PNG, drawn by PDFium (pypdfium2), kept in the cache by the PDF's content."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

WIDTH = 240  # pixels: the list shows them at half that, sharp on a high-density screen


def thumbnail(pdf: bytes, cache_dir: Path | None) -> bytes | None:
    """The PNG of the PDF's first page, WIDTH pixels wide; None when PDFium is not installed or
    cannot read it (the list then shows none)."""
    cached = cache_dir / "thumbs" / f"{hashlib.sha256(pdf).hexdigest()}.png" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
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
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(".part")
            temporary.write_bytes(png)
            temporary.replace(cached)
        except OSError:
            pass
    return png
