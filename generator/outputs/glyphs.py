"""Glyph coverage of the printables: a character that no font of the print stack has would print
as an empty box (or in some stray fallback font), so the build names it instead.

The stack is read from the theme's printables.css (every `font-family`), the font files and their
character sets from fontconfig (`fc-list`, `fc-match`; on a computer without fontconfig the
check is skipped with a note).
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
from html.parser import HTMLParser

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
def font_faces(families: tuple[str, ...]) -> dict[tuple[str, int], str] | None:
    """{(file, index in a collection): fontconfig's character set} of each installed face of
    `families`; None without fontconfig."""
    fc_list, fc_match = shutil.which("fc-list"), shutil.which("fc-match")
    if not fc_list or not fc_match:
        return None
    wanted = {f.casefold() for f in families if f.casefold() not in GENERIC}
    faces: dict[tuple[str, int], str] = {}
    for line in _run(fc_list, "--format", "%{family}\t%{file}\t%{index}\t%{charset}\n").splitlines():
        names, file, index, charset = (line.split("\t") + ["", "", "", ""])[:4]
        if file and {n.strip().casefold() for n in names.split(",")} & wanted:
            faces[(file, int(index or 0))] = charset
    for generic in (f for f in families if f.casefold() in GENERIC):
        file, index, charset = (_run(fc_match, "--format", "%{file}\t%{index}\t%{charset}", generic).split("\t") + ["", "", ""])[:3]
        if file:
            faces[(file, int(index or 0))] = charset
    return faces


@functools.lru_cache(maxsize=8)
def coverage(families: tuple[str, ...]) -> frozenset[int] | None:
    """Every code point some face of `families` has a glyph for; None without fontconfig.

    fontconfig keeps each installed font's character set in its own cache (made by fc-cache
    when fonts are installed), so asking it is instant, where reading the character map out of a
    Noto CJK file takes about a second and 100 MB of memory."""
    faces = font_faces(families)
    if faces is None:
        return None
    covered: set[int] = set()
    for charset in faces.values():
        covered.update(parse_charset(charset))
    return frozenset(covered)


def parse_charset(charset: str) -> set[int]:
    """fontconfig's %{charset}, space-separated hexadecimal code points and ranges ("20-7e a0")."""
    points: set[int] = set()
    for part in charset.split():
        first, _, last = part.partition("-")
        try:
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        except ValueError:
            continue
    return points


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
