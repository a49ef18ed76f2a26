"""Which file a request means: a write names a registered type and a slug, never a path, and
only a content file of that type, directly in its folder under content/, can be meant."""
from __future__ import annotations

from pathlib import Path

from generator.load import slug_problem
from generator.registry import ContentType, content_types


class NotAllowed(Exception):
    """The request names something the editor may not touch."""


def content_type_named(name: str) -> ContentType:
    found = next((t for t in content_types() if t.name == name), None)
    if found is None:
        raise NotAllowed(f"no content type {name!r}")
    return found


def checked_slug(slug: str) -> str:
    if not slug or "/" in slug or "\\" in slug or ".." in slug or slug_problem(slug) is not None:
        raise NotAllowed(f"not a file name: {slug!r}")
    return slug


def _inside(path: Path, content_dir: Path) -> bool:
    """In the type's folder under content/, with no symbolic link on the way out of it."""
    folder = path.parent
    if folder.is_symlink() or path.is_symlink():
        return False
    return path.resolve().parent == folder.resolve() and folder.resolve().parent == content_dir.resolve()


def existing_file(content_type: ContentType, slug: str, content_dir: Path) -> Path:
    """The content file of this type and slug; NotAllowed when there is none (or it leads out)."""
    folder = content_type.folder_in(content_dir)
    suffixes = (content_type.suffix,) if content_type.suffix == ".md" else (".yaml", ".yml")
    for suffix in suffixes:
        path = folder / f"{checked_slug(slug)}{suffix}"
        if path.is_file() or path.is_symlink():
            if not _inside(path, content_dir):
                raise NotAllowed(f"{path} leads out of content/")
            return path
    raise NotAllowed(f"no {content_type.name} file {slug!r}")


def new_file(content_type: ContentType, file_stem: str, content_dir: Path) -> Path:
    """Where a new file of this type goes (its name from the type's scaffold)."""
    folder = content_type.folder_in(content_dir)
    path = folder / f"{checked_slug(file_stem)}{content_type.suffix}"
    if folder.exists() and (folder.is_symlink() or folder.resolve().parent != content_dir.resolve()):
        raise NotAllowed(f"{folder} leads out of content/")
    return path
