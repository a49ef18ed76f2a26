"""Files the build derives and keeps in `.bulletin-cache/<kind>/`, named by a digest of what they are
made from (the printables' PDFs, their thumbnails, QR codes, the covers' sizes): read back when the same thing is
asked for again. Each build touches the entries it uses, in whichever process uses them, and
afterwards the entries no output asked for are pruned, so the folder does not grow for ever."""
from __future__ import annotations

import os
import time
from pathlib import Path

KINDS = ("pdf", "qr", "thumbs", "images")  # the folders of .bulletin-cache/ kept this way (images: generator/imageproc.py)


def entry(cache_dir: Path | None, kind: str, name: str) -> Path | None:
    """Where an entry of `kind` is kept; None without a cache folder (bulletin build --no-cache)."""
    return cache_dir / kind / name if cache_dir is not None else None


def read(path: Path | None) -> bytes | None:
    """The entry's bytes, marked as used by this build; None when there is none."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
        os.utime(path)
    except OSError:
        return None
    return data


def touch(path: Path) -> bool:
    """Mark the entry as used by this build without reading it; False when it is not there."""
    try:
        os.utime(path)
    except OSError:
        return False
    return True


def write(path: Path | None, data: bytes) -> None:
    """Keep `data` as the entry: written whole under another name, then renamed, so a build killed
    half-way never leaves a broken file that the cache would hand out. A read-only project still
    builds; it makes these again each time."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        pass


def prune(cache_dir: Path, since: float) -> int:
    """Remove the entries no output used since `since` (a build's start); the number removed."""
    removed = 0
    for kind in KINDS:
        try:
            entries = list(os.scandir(cache_dir / kind))
        except OSError:
            continue
        for item in entries:
            try:
                if item.is_file() and item.stat().st_mtime < since:
                    os.unlink(item.path)
                    removed += 1
            except OSError:
                pass
    return removed


def now() -> float:
    """A build's start as the entries' times count it. On a file system with a coarse clock (FAT
    on a USB stick: 2 s) an entry used at the very start may look older and be pruned: it is
    only made again next time."""
    return time.time()
