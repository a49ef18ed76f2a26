"""A cover from the editor (a phone photo dropped on the form): checked as an image with Pillow,
turned upright by its EXIF orientation, saved without the rest of EXIF (where and when it was
taken), named from the book's slug, never over another file."""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from generator.covers import MAX_COVER_BYTES, MAX_COVER_PIXELS, WEB_FORMATS
from generator.roundtrip import create_file


class CoverRefused(Exception):
    """code: a problem code of messages.yaml (cover_broken, cover_too_large); params for it."""

    def __init__(self, code: str, **params: str):
        super().__init__(code)
        self.code, self.params = code, params


def _opened(raw: bytes) -> Image.Image:
    if len(raw) > MAX_COVER_BYTES:
        raise CoverRefused("cover_too_large", size=f"{len(raw) / 1024 / 1024:.1f} MB",
                           limit=f"{MAX_COVER_BYTES // 1024 // 1024} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            if image.width * image.height > MAX_COVER_PIXELS:
                raise CoverRefused("cover_too_large", size=f"{image.width}×{image.height}",
                                   limit=f"{MAX_COVER_PIXELS // 1_000_000} megapixels")
            if image.format not in WEB_FORMATS:
                raise CoverRefused("cover_broken")
            image.load()
    except CoverRefused:
        raise
    except Exception as exc:  # Pillow raises many kinds for a damaged or foreign file
        raise CoverRefused("cover_broken") from exc
    return image


def save_cover(raw: bytes, slug: str, images_dir: Path) -> str:
    """Save the image as images_dir/<slug>.jpg (or .png), or <slug>-2.jpg ... when that is taken;
    return the file name for `cover:`. CoverRefused when it is no image the site can show."""
    image = _opened(raw)
    upright = ImageOps.exif_transpose(image)  # a new image: the orientation applied, no EXIF
    photo = image.format == "JPEG"
    if photo:
        upright = upright.convert("RGB")
    out = io.BytesIO()
    if photo:
        upright.save(out, "JPEG", quality=90, optimize=True)
    else:
        upright.save(out, "PNG", optimize=True)
    suffix = ".jpg" if photo else ".png"
    for number in range(1, 1000):
        name = f"{slug}{suffix}" if number == 1 else f"{slug}-{number}{suffix}"
        try:
            create_file(images_dir / name, out.getvalue())
            return name
        except FileExistsError:
            continue
    raise CoverRefused("cover_broken")
