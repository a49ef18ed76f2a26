"""What one build leaves for the next: the stamps of every input, each content file's record
(the memo), each output's fingerprint, and the last warnings.

`bulletin serve` keeps it in memory; `bulletin build` keeps it in `.bulletin-cache/` beside
config.yaml, in two files: the stamps, small, are all a build with nothing to do reads; the
memo and the fingerprints are read only when there is something to build. Each names the build
it comes from, so a pair from two different builds is not trusted. Safe to delete.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

from generator import __version__, filecache
from generator.config import Config
from generator.memo import ContentMemo
from generator.problems import Problem

CACHE_DIR = ".bulletin-cache"  # persistent build cache beside config.yaml; safe to delete
IMAGES_DIR = "images"  # in it: the covers' sizes by the content of their pictures (generator/imageproc.py)
CACHE_FORMAT = 5  # bump when what the cache holds changes meaning


def digest(*parts: Any) -> str:
    """One SHA-1 over the parts (bytes as they are, anything else by its repr)."""
    hashed = hashlib.sha1()
    for part in parts:
        hashed.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def _tree_stamps(folder: Path) -> list[tuple[str, int, int]]:
    stamps = []
    for directory, _, names in os.walk(folder):
        for name in names:
            st = os.stat(os.path.join(directory, name))
            stamps.append((os.path.join(directory, name), st.st_mtime_ns, st.st_size))
    return stamps


def input_stamps(config: Config, options: Any, theme_dirs: list[Path]) -> tuple[str, dict[str, tuple[int, int]]]:
    """One digest over the stamps of every input (config, content, themes, today, options), and
    the content files' own stamps, {path: (mtime, size)}, which the memo can use as they are."""
    config_file = config.root / "config.yaml"
    parts: list[Any] = [os.stat(config_file).st_mtime_ns if config_file.exists() else 0]
    for folder in [config.content_dir, *theme_dirs]:
        parts.append(sorted(_tree_stamps(folder)) if folder.is_dir() else ())
    content = {path: (mtime, size) for path, mtime, size in parts[1]}
    return digest(__version__, CACHE_FORMAT, config, options, parts), content


class BuildState:
    """The state between builds, with its persistence: nothing else reads or writes its files."""

    def __init__(self, config: Config, persist: bool) -> None:
        self.config = config
        self.folder = config.root / CACHE_DIR
        self.persist = persist
        self.memo = ContentMemo()
        self.fingerprints: dict[str, str] = {}  # output path -> fingerprint of what made it
        self.stamps: str | None = None
        self.problems: list[Problem] = []  # the last good build's warnings, said again when nothing changed
        self._saved_build: str | None = None  # the build whose memo and fingerprints are in the cache
        if persist:
            state = self._read("state.pickle", ("build", "stamps", "problems"))
            if state is not None:
                self.stamps, self.problems, self._saved_build = state["stamps"], state["problems"], state["build"]

    def forget_images(self) -> None:
        """The covers' sizes are made again (bulletin build --no-cache)."""
        shutil.rmtree(self.folder / IMAGES_DIR, ignore_errors=True)

    def unchanged(self, stamps: str) -> bool:
        return stamps == self.stamps

    def load_records(self) -> None:
        """The memo and fingerprints of the build the stamps come from (once, when needed)."""
        build_id, self._saved_build = self._saved_build, None
        if build_id is None:
            return
        state = self._read("records.pickle", ("build", "fingerprints", "memo_key", "memo"))
        if state is not None and state["build"] == build_id:
            self.fingerprints = state["fingerprints"]
            self.memo.restore(state["memo_key"], state["memo"])

    def remember(self, stamps: str, fingerprints: dict[str, str], problems: list[Problem], since: float) -> None:
        """After a good build: what the next one compares with (and, for `bulletin build`, saved);
        the derived files of .bulletin-cache/ that no output used since `since` are pruned."""
        self.stamps, self.fingerprints = stamps, fingerprints
        self.problems = [p for p in problems if not p.is_error]
        filecache.prune(self.folder, since)
        if self.persist:
            self._save()

    def _read(self, name: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        try:
            with open(self.folder / name, "rb") as handle:
                state = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            return None  # no cache, or one from another version: build everything
        if not isinstance(state, dict) or state.get("format") != (CACHE_FORMAT, __version__) \
                or state.get("output") != str(self.config.output_dir) or not set(keys) <= state.keys():
            return None
        return state

    def _save(self) -> None:
        common = {"format": (CACHE_FORMAT, __version__), "output": str(self.config.output_dir),
                  "build": os.urandom(8).hex()}
        key, entries = self.memo.saved()
        records = {**common, "fingerprints": self.fingerprints, "memo_key": key, "memo": entries}
        state = {**common, "stamps": self.stamps, "problems": self.problems}
        try:
            self.folder.mkdir(exist_ok=True)
            for name, content in (("records.pickle", records), ("state.pickle", state)):
                temporary = self.folder / f"{name}.tmp"
                with open(temporary, "wb") as handle:
                    pickle.dump(content, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.folder / name)
        except OSError:
            pass  # a read-only project still builds; it just builds everything each time
