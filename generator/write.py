"""Write stage: put the whole site in a staging folder, then swap it in for output/.

A failed or interrupted build therefore never leaves a half-written output/. Files whose bytes
did not change are hard-linked from the previous output (copied where links are not possible),
so their modification times stay and rsync/robocopy copy only what changed. Files the
librarian put into output/ by hand (not in the last build's manifest) are carried over.
"""
from __future__ import annotations

import errno
import json
import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from generator.load import WINDOWS_RESERVED
from generator.problems import Problems, relative_name

MANIFEST = ".bulletin-manifest.json"


class Carry:
    """Stands for a file whose inputs did not change: the copy in the old output is kept as is."""

    def __repr__(self) -> str:
        return "CARRY"


CARRY = Carry()


@dataclass(frozen=True)
class PublishReport:
    written: int
    unchanged: int
    removed: int
    kept_by_hand: tuple[str, ...]


# Characters no Windows file name may hold (the site is copied to Windows servers and USB sticks);
# a URL could encode them, a file system cannot store them.
WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*\\\x00-\x1f]')


def unsafe_path(relative: str) -> bool:
    """True when an output path could leave output/ or cannot exist on Windows."""
    if not relative or relative.startswith("/") or WINDOWS_FORBIDDEN.search(relative):
        return True
    parts = relative.split("/")
    # Windows drops a name's trailing dots and spaces: "a." would be "a", another file's name.
    return any(part in ("", ".", "..") or part.endswith((".", " ")) or part.split(".")[0].upper() in WINDOWS_RESERVED
               or len(part.encode()) > 255 for part in parts) or posixpath.normpath(relative) != relative


def made_from(content: object, root: Path, default: str) -> str:
    """The file a problem about an output file names: the picture or theme file it is a copy of
    (which is the file to rename), else `default`."""
    return relative_name(content, root) if isinstance(content, Path) else default


def check_paths(paths: Iterable[tuple[str, str]], problems: Problems) -> None:
    """Record every output path that is unsafe, or that clashes with another once case is ignored.

    `paths` are (output path, content file it comes from). Two pages at books/XiYouJi/ and
    books/xiyouji/ are one folder on Windows; a file `feed.xml` and a page `feed.xml/` cannot both exist.
    """
    seen: dict[str, str] = {}
    folders: dict[str, str] = {}  # folder -> the content that makes a file inside it
    for relative, source in paths:
        if unsafe_path(relative):
            problems.error("unsafe_output_path", source, None, path=relative)
            continue
        key = relative.casefold()
        if key in seen:
            problems.error("output_path_clash", source, None, path=relative)
            continue
        seen[key] = source
        parts = key.split("/")
        for n in range(1, len(parts)):
            folders.setdefault("/".join(parts[:n]), source)
    for key in seen:
        if key in folders:
            problems.error("output_path_clash", folders[key], None, path=key)


def staging_dir(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.staging")


def _previous_manifest(output_dir: Path) -> set[str] | None:
    try:
        return set(json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _same(old: str | Path, data: bytes) -> bool:
    try:
        if os.stat(old).st_size != len(data):
            return False
        with open(old, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


# A link that fails for these reasons would fail as a copy too: the disk's error is the answer.
DISK_FAILURES = {errno.ENOSPC, errno.EROFS, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _carry_over(old: str | Path, new: str | Path) -> None:
    try:
        os.link(old, new)
    except OSError as exc:  # another drive, or a file system without hard links
        if exc.errno in DISK_FAILURES:
            raise
        shutil.copy2(old, new)


class Staging:
    """The next output/, written file by file beside the current one and swapped in whole.

    A build puts each page in as soon as it is rendered (so it never holds the whole site in
    memory), then `finish()` carries over hand-added files, writes the manifest and swaps;
    `discard()` throws the staging folder away when the build fails.
    """

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.folder = staging_dir(output_dir)
        if self.folder.exists():
            shutil.rmtree(self.folder)  # left by a build that was killed
        self.folder.mkdir(parents=True)
        self.previous = _previous_manifest(output_dir) or set()
        self.had_output = output_dir.is_dir()  # else there is nothing to compare with or link
        self.paths: set[str] = set()
        self.written = self.unchanged = 0
        self._made_dirs: set[str] = set()

    def put(self, relative: str, content: bytes | Path | Carry) -> None:
        self.record(relative, self.write(relative, content))

    def write(self, relative: str, content: bytes | Path | Carry) -> bool:
        """Put one file into the staging folder; True when its bytes are new, False when the old
        output's file was linked. It touches only the file system, so forked workers may call it
        (the parent then `record()`s what they report)."""
        if unsafe_path(relative):  # checked before publishing; this is the last line of defence
            raise ValueError(f"unsafe output path {relative!r}")
        target = os.path.join(self.folder, relative)
        parent = os.path.dirname(target)
        if parent not in self._made_dirs:
            try:
                os.mkdir(parent)  # most pages are the only file of their own folder
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(parent, exist_ok=True)
            self._made_dirs.add(parent)
        old = os.path.join(self.output_dir, relative)
        if content is CARRY:
            _carry_over(old, target)
            return False
        data = content.read_bytes() if isinstance(content, Path) else content
        if self.had_output and _same(old, data):
            _carry_over(old, target)
            return False
        with open(target, "wb") as handle:
            handle.write(data)
        return True

    def record(self, relative: str, written: bool) -> None:
        self.paths.add(relative)
        if written:
            self.written += 1
        else:
            self.unchanged += 1

    def finish(self) -> PublishReport:
        kept: list[str] = []
        removed = 0
        for relative in _files_under(self.output_dir):
            if relative in self.paths or relative == MANIFEST or not (self.output_dir / relative).is_file():
                continue
            if relative in self.previous:
                removed += 1  # made by an earlier build, no longer part of the site
                continue
            target = self.folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            _carry_over(self.output_dir / relative, target)
            kept.append(relative)
        (self.folder / MANIFEST).write_text(json.dumps({"files": sorted(self.paths)}, ensure_ascii=False), encoding="utf-8")
        _swap(self.folder, self.output_dir)
        return PublishReport(self.written, self.unchanged, removed, tuple(kept))

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _files_under(folder: Path) -> list[str]:
    """Every file below `folder` as a sorted list of '/'-separated relative paths (none if absent)."""
    found = []
    for directory, _, names in os.walk(folder):
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        found.extend(name if prefix == "." else f"{prefix}/{name}" for name in names)
    return sorted(found)


def _swap(staging: Path, output_dir: Path) -> None:
    retired = output_dir.with_name(f".{output_dir.name}.old")
    if retired.exists():
        shutil.rmtree(retired)
    moved = output_dir.exists()
    if moved:
        os.replace(output_dir, retired)  # EBUSY when output/ is a mount point: nothing moved yet
    try:
        os.replace(staging, output_dir)
    except OSError:
        if moved:  # the old site goes back where it was
            os.replace(retired, output_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def previous_files(output_dir: Path) -> set[str] | None:
    """The files the last build wrote, or None when output/ is not one of ours (or is damaged)."""
    files = _previous_manifest(output_dir)
    folder = os.fspath(output_dir)
    if files is None or not all(os.path.isfile(os.path.join(folder, f)) for f in files):
        return None
    return files


class InPlace:
    """The preview's way to publish: output/ updated file by file, with the same interface as
    `Staging` (put, record, finish, discard), so the build writes through either the same way."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.files: dict[str, bytes | Path | Carry] = {}

    def put(self, relative: str, content: bytes | Path | Carry) -> None:
        self.files[relative] = content

    def write(self, relative: str, content: bytes | Path | Carry) -> bytes | Path | Carry:
        return content  # kept until finish(), which writes only what changed

    def record(self, relative: str, written: bytes | Path | Carry) -> None:
        self.files[relative] = written

    def finish(self) -> PublishReport:
        return write_in_place(self.files, self.output_dir)

    def discard(self) -> None:
        self.files = {}


def write_in_place(files: dict[str, bytes | Path | Carry], output_dir: Path, manifest: bool = True) -> PublishReport:
    """Update a built output/ file by file (each replaced atomically): the live preview's way.

    Faster than a whole staging folder when one page changed; a reader may briefly see new and
    old pages side by side, which a preview can afford and `bulletin build` never does.
    """
    previous = (_previous_manifest(output_dir) or set()) if manifest else set()
    written = unchanged = removed = 0
    for relative, content in files.items():
        if unsafe_path(relative):  # as in Staging.put: the last line of defence
            raise ValueError(f"unsafe output path {relative!r}")
        if content is CARRY:
            unchanged += 1
            continue
        data = content.read_bytes() if isinstance(content, Path) else content
        target = output_dir / relative
        if _same(target, data):
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written += 1
    if not manifest:  # a few pages ahead of a whole build, which writes the manifest
        return PublishReport(written, unchanged, removed, ())
    for relative in previous - set(files):
        try:
            (output_dir / relative).unlink()
            removed += 1
        except FileNotFoundError:
            pass
    (output_dir / MANIFEST).write_text(json.dumps({"files": sorted(files)}, ensure_ascii=False), encoding="utf-8")
    return PublishReport(written, unchanged, removed, ())
