"""Glyph coverage of the printables: a character that no font of the print stack has would print
as an empty box (or in some stray fallback font), so the build names it instead.

The stack is read from the theme's printables.css (every `font-family`), the font files from
fontconfig (`fc-list`, `fc-match`; on a computer without fontconfig the check is skipped with a
note), their character maps with fontTools. The union of the maps is kept in the build cache,
keyed by the font files' names, sizes and dates, so a build only reads it back.
"""
from __future__ import annotations

import functools
import hashlib
import pickle
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)")
_IGNORED = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff]")  # spaces and invisible marks need no glyph


def stack(css: str) -> list[str]:
    """Every family the stylesheet names, in order, once."""
    families: list[str] = []
    for declaration in _FAMILY.findall(css):
        for name in declaration.split(","):
            name = name.strip().strip("\"'")
            if name and name not in families:
                families.append(name)
    return families


def _run(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


@functools.lru_cache(maxsize=8)
def font_faces(families: tuple[str, ...]) -> tuple[tuple[str, int], ...] | None:
    """(file, index in a collection) of each installed face of `families`; None without fontconfig."""
    fc_list, fc_match = shutil.which("fc-list"), shutil.which("fc-match")
    if not fc_list or not fc_match:
        return None
    wanted = {f.casefold() for f in families if f.casefold() not in GENERIC}
    faces: dict[tuple[str, int], None] = {}
    for line in _run(fc_list, "--format", "%{family}\t%{file}\t%{index}\n").splitlines():
        names, _, rest = line.partition("\t")
        file, _, index = rest.partition("\t")
        if file and {n.strip().casefold() for n in names.split(",")} & wanted:
            faces[(file, int(index or 0))] = None
    for generic in (f for f in families if f.casefold() in GENERIC):
        found = _run(fc_match, "--format", "%{file}\t%{index}", generic).partition("\t")
        if found[0]:
            faces[(found[0], int(found[2] or 0))] = None
    return tuple(sorted(faces))


def _read_cmaps(faces: tuple[tuple[str, int], ...]) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for file, index in faces:
        try:
            with TTFont(file, fontNumber=index, lazy=True) as font:
                covered.update(font.getBestCmap() or {})
        except Exception:  # a broken or unreadable font file covers nothing; the others still count
            continue
    return frozenset(covered)


_MEMORY: dict[str, frozenset[int]] = {}


def coverage(faces: tuple[tuple[str, int], ...], cache_dir: Path | None) -> frozenset[int]:
    """Every code point some face in `faces` has a glyph for (reading Noto CJK takes about a second,
    so the answer is kept in memory and in `cache_dir`)."""
    stamps = []
    for file, index in faces:
        try:
            st = Path(file).stat()
            stamps.append((file, index, st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append((file, index, 0, 0))
    key = hashlib.sha256(repr(stamps).encode()).hexdigest()
    if key in _MEMORY:
        return _MEMORY[key]
    stored = cache_dir / "glyphs" / f"{key}.pickle" if cache_dir else None
    if stored and stored.is_file():
        try:
            _MEMORY[key] = pickle.loads(stored.read_bytes())
            return _MEMORY[key]
        except (pickle.UnpicklingError, EOFError, ValueError):
            pass
    covered = _MEMORY[key] = _read_cmaps(faces)
    if stored:
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.with_suffix(".part").write_bytes(pickle.dumps(covered, protocol=pickle.HIGHEST_PROTOCOL))
            stored.with_suffix(".part").replace(stored)
        except OSError:
            pass  # a read-only project reads the fonts again next time
    return covered


class _Text(HTMLParser):
    """The text a sheet prints: character data and alt text, not its styles or markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "svg", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "svg", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def printed_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def missing(text: str, covered: frozenset[int]) -> list[str]:
    """The characters of `text` no face covers, each once, in order of appearance."""
    return list(dict.fromkeys(c for c in _IGNORED.sub("", text) if ord(c) not in covered))
