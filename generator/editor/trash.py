"""Deleting from the editor: the file moves to `.bulletin-trash/` beside content/ (never inside
it, so the build does not see it), from where the editor can put it back."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from generator.roundtrip import create_file

TRASH = ".bulletin-trash"
_SEPARATOR = "__"  # <when>__<type>__<file name>


@dataclass(frozen=True)
class Trashed:
    name: str  # its name in the trash folder
    type: str
    file_name: str
    deleted: dt.datetime


def trash_dir(root: Path) -> Path:
    return root / TRASH


def move_to_trash(path: Path, type_name: str, root: Path) -> Trashed:
    folder = trash_dir(root)
    folder.mkdir(exist_ok=True)
    when = dt.datetime.now()
    name = f"{when:%Y%m%d-%H%M%S-%f}{_SEPARATOR}{type_name}{_SEPARATOR}{path.name}"
    os.replace(path, folder / name)
    return Trashed(name, type_name, path.name, when)


def trashed(root: Path) -> list[Trashed]:
    """What is in the trash, last deleted first."""
    found = []
    folder = trash_dir(root)
    for entry in sorted(folder.iterdir(), reverse=True) if folder.is_dir() else []:
        parts = entry.name.split(_SEPARATOR, 2)
        if len(parts) != 3 or not entry.is_file():
            continue
        try:
            when = dt.datetime.strptime(parts[0], "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        found.append(Trashed(entry.name, parts[1], parts[2], when))
    return found


def restore(item: Trashed, content_dir: Path, root: Path) -> Path:
    """Put a file back where it was; FileExistsError when a file of that name was made since."""
    target = content_dir / item.type / item.file_name
    source = trash_dir(root) / item.name
    create_file(target, source.read_bytes())  # never over a file: FileExistsError, both left alone
    os.unlink(source)
    return target
