"""Per-file results kept between builds, so an unchanged file is neither read nor rendered again.

A file is known by its stamp (modification time and size) and, when the stamp moved, by a
SHA-1 of its bytes. `bulletin build` keeps the memo in `.bulletin-cache/` (safe to delete);
`bulletin serve` keeps it in memory.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from generator.load import SourceFile, load_file
from generator.parallel import parallel_imap
from generator.problems import Problem, Problems, relative_name


@dataclass
class Entry:
    stamp: tuple[int, int]
    digest: str
    record: Any = None
    problems: tuple[Problem, ...] = ()
    has_record: bool = False


def stamp_of(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_mtime_ns, st.st_size


class ContentMemo:
    def __init__(self, key: str = "") -> None:
        self.key = key  # what the records also depend on (config); a new key empties the memo
        self.entries: dict[str, Entry] = {}
        self.seen: set[str] = set()  # files met in the current build, to forget deleted ones
        # When a watcher says which files changed, the others are taken as they were (no stat).
        self.only_changed: set[str] | None = None
        # Stamps the builder has just taken of the content files (path -> stamp), to save a stat each.
        self.known_stamps: dict[str, tuple[int, int]] = {}

    def restore(self, key: str, entries: dict[str, Entry]) -> None:
        """Take up the memo a build saved (BuildState)."""
        self.key, self.entries = key, entries

    def saved(self) -> tuple[str, dict[str, Entry]]:
        return self.key, self.entries

    def begin(self, key: str, only_changed: set[str] | None = None,
              known_stamps: dict[str, tuple[int, int]] | None = None) -> None:
        """Start a build's pass over the content. `key`: what the records also depend on (config;
        a new key empties the memo). `only_changed`: the files a watcher saw change (the others
        are taken as they were, unlooked at); `known_stamps`: stamps just taken of the content
        files, to save a stat each. Both hold until `end()`."""
        if key != self.key:
            self.key, self.entries = key, {}
        self.seen = set()
        self.only_changed = only_changed
        self.known_stamps = known_stamps or {}

    def end(self) -> None:
        """The pass is over: later lookups (the preview's quick path) look at the files again."""
        self.only_changed = None
        self.known_stamps = {}

    def _entry(self, path: Path, name: str, read: bool = True) -> tuple[Entry, bytes | None]:
        """The entry for a file, re-hashed only when its stamp moved; fresh entries lose their record.
        read=False: a file not met before is neither read nor hashed here; its entry has no
        digest yet (empty), to be filled in by whoever reads the file to make its record."""
        self.seen.add(name)
        entry = self.entries.get(name)
        if entry is not None and self.only_changed is not None and name not in self.only_changed:
            return entry, None
        try:
            stamp = self.known_stamps.get(str(path)) or stamp_of(path)
            if entry is not None and entry.stamp == stamp:
                return entry, None
            if entry is None and not read:
                entry = self.entries[name] = Entry(stamp, "")
                return entry, None
            raw = path.read_bytes()
        except OSError:
            # Unreadable: the loader reports it (and it is looked at again next time).
            self.entries.pop(name, None)
            return Entry((0, 0), ""), None
        digest = hashlib.sha1(raw).hexdigest()
        if entry is not None and entry.digest == digest:
            entry.stamp = stamp
            return entry, raw
        entry = Entry(stamp, digest)
        self.entries[name] = entry
        return entry, raw

    def digest(self, path: Path, root: Path) -> str:
        name = relative_name(path, root)
        return self._entry(path, name)[0].digest

    def load(self, path: Path, root: Path, kind: str, problems: Problems) -> SourceFile | None:
        """A file loaded as it is, for the kinds made whole rather than file by file; its digest is
        kept like a record's (every page's inputs have one), from the one reading of its bytes."""
        _, raw = self._entry(path, relative_name(path, root))
        return load_file(path, root, kind, problems, raw)

    def record(self, path: Path, root: Path, kind: str, make: Callable[[SourceFile, Problems], Any],
               problems: Problems) -> Any:
        """The model record for one content file, made again only when the file changed."""
        return self.records({kind: ([path], make)}, root, problems)[kind][0]

    def records(self, jobs: dict[str, tuple[list[Path], Callable[[SourceFile, Problems], Any]]], root: Path,
                problems: Problems, meanwhile: Callable[[], None] | None = None) -> dict[str, list[Any]]:
        """{kind: the records of its files}; those to be made again are made across processes,
        all kinds together. `meanwhile` runs in this process while the workers make them."""
        entries: dict[str, list[Entry]] = {}
        stale = []
        for kind, (paths, make) in jobs.items():
            entries[kind] = []
            for path in paths:
                name = relative_name(path, root)
                # A new file is read and hashed by the worker that makes its record, not here.
                entry, raw = self._entry(path, name, read=False)
                entries[kind].append(entry)
                if not entry.has_record or not _still_valid(entry.record):
                    stale.append((entry, name, path, raw, kind, make))

        def make_one(item: tuple[Entry, str, Path, bytes | None, str, Callable]) -> tuple[Any, tuple[Problem, ...], str]:
            entry, _, path, raw, kind, make = item
            local = Problems()
            digest = entry.digest
            if raw is None and not digest:
                try:
                    raw = path.read_bytes()
                except OSError:
                    pass  # load_file reports it
                else:
                    digest = hashlib.sha1(raw).hexdigest()
            source = load_file(path, root, kind, local, raw)
            return (make(source, local) if source is not None else None), tuple(local), digest

        with parallel_imap(make_one, stale) as results:
            if meanwhile is not None:
                meanwhile()
            for (entry, name, *_), (record, found, digest) in zip(stale, results):
                entry.record, entry.problems, entry.has_record, entry.digest = record, found, True, digest
                if not digest:  # unreadable: looked at again next time
                    self.entries.pop(name, None)
        for kind_entries in entries.values():
            for entry in kind_entries:
                problems.extend(entry.problems)
        return {kind: [entry.record for entry in kind_entries] for kind, kind_entries in entries.items()}

    @property
    def digests(self) -> dict[str, str]:
        """{file: digest of its bytes}."""
        return {name: self.entries[name].digest for name in self.seen if name in self.entries}

    @property
    def input_digests(self) -> dict[str, str]:
        """{file: digest of its bytes and of the other files its record is made from}: what the
        outputs' fingerprints are made of (a page showing a book changes with its cover)."""
        return {name: _digest_with_also_read(self.entries[name]) for name in self.seen if name in self.entries}

    def forget_unseen(self) -> None:
        for name in list(self.entries):
            if name not in self.seen:
                del self.entries[name]


def _still_valid(record: Any) -> bool:
    # A record made from other files besides its own (a book from its cover: `also_read`, (file,
    # stamp, digest) each) is made again when one of them changed or went away.
    try:
        return all(stamp_of(path) == stamp for path, stamp, _ in getattr(record, "also_read", ()))
    except OSError:
        return False


def _digest_with_also_read(entry: Entry) -> str:
    also = getattr(entry.record, "also_read", ())
    if not also:
        return entry.digest
    return hashlib.sha1("\0".join([entry.digest, *(file_digest for _, _, file_digest in also)]).encode()).hexdigest()
