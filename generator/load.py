"""Load stage: read content files into plain records, keeping file and line for every field.

Nothing here knows what a book or an award is; it turns text into mappings and Markdown
bodies, and turns unreadable files into problems instead of tracebacks.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.problems import Problems, relative_name
from generator.yamlparse import LineMap, parse_yaml, printable  # noqa: F401 - LineMap, parse_yaml: read from here by config and schema


@dataclass(frozen=True)
class SourceFile:
    """One content file as read: its data (front matter or whole YAML) and Markdown body."""

    path: Path  # absolute
    name: str  # relative to the project, for messages
    kind: str  # content folder: books, lists, ...
    slug: str
    data: LineMap
    body: str = ""
    body_line: int = 1


def read_text(path: Path, name: str, problems: Problems, raw: bytes | None = None) -> str | None:
    """The file's text with BOM and Windows line endings removed; None (and a problem) if unreadable."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as exc:
        problems.error("unreadable_file", name, None, detail=exc.strerror or str(exc))
        return None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raw = raw.decode("utf-16", errors="replace").encode("utf-8")  # Notepad's "Unicode"
    try:
        text = raw.decode("utf-8-sig")  # Notepad writes a BOM; it must not end up in a title
    except UnicodeDecodeError as exc:
        text = legacy_chinese(raw)
        if text is None:
            start = raw.rfind(b"\n", 0, exc.start) + 1
            line = raw[: exc.start].count(b"\n") + 1
            column = len(raw[start: exc.start].decode("utf-8", errors="replace")) + 1
            problems.error("not_utf8", name, line, column=column)
            return None
        problems.warn("encoding_gbk", name, None)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def legacy_chinese(raw: bytes) -> str | None:
    """Decode a file saved as GBK/GB18030 ("ANSI" on Chinese Windows), or None when unsure.

    A strict GB18030 decode succeeds on many byte strings that are not Chinese at all (Big5,
    Windows-1252 pasted from Word), and would put garbage on a page. So the result is kept only
    when nearly all its characters are common ones: GB2312 level-1 hanzi (the 3755 most used)
    or Chinese punctuation. A file with many rare characters is refused instead, with how to
    re-save it as UTF-8.
    """
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return None
    return text if sum(_common_chinese(c) for c in wide) >= 0.9 * len(wide) else None


def _common_chinese(char: str) -> bool:
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xD7  # punctuation and full-width rows; level-1 hanzi


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line the body starts on); None when there is no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "", "", len(lines)


def load_file(path: Path, root: Path, kind: str, problems: Problems, raw: bytes | None = None) -> SourceFile | None:
    name = relative_name(path, root)
    slug = slug_of(path)
    wrong = slug_problem(slug)
    if wrong is not None:
        code, params = wrong
        problems.error(code, name, None, value=printable(slug), **params)
        return None
    text = read_text(path, name, problems, raw)
    if text is None:
        return None
    if path.suffix.lower() == ".md":
        front, body, body_line = split_front_matter(text)
        if front is None:
            problems.error("no_front_matter", name, 1)
            return None
        data = parse_yaml(front, name, problems, line_offset=1)
    else:
        body, body_line = "", 1
        data = parse_yaml(text, name, problems)
    if data is None and not problems.errors_for(name):
        data = LineMap()
        data.line, data.lines, data.columns = 1, {}, {}
    if data is None:
        return None
    if not isinstance(data, LineMap):
        problems.error("not_a_mapping", name, 1)
        return None
    return SourceFile(path, name, kind, slug, data, body, body_line)


def slug_of(path: Path) -> str:
    return path.stem


# A slug becomes a folder in output/ and a part of every link to it, and the site is copied to
# Windows servers and USB sticks: keep out what a URL or a Windows file name cannot hold.
UNSAFE_CHARACTERS = set('<>:"/\\|?*#%')
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
MAX_SLUG_CHARACTERS = 80
MAX_SLUG_BYTES = 200  # file systems count bytes (255 at most); a Chinese character takes 3


def slug_problem(slug: str) -> tuple[str, dict[str, Any]] | None:
    """Why this file name cannot be a page's address, as (problem code, params); None if it can."""
    bad = [c for c in slug if c in UNSAFE_CHARACTERS or not (c.isprintable() or c == " ")]
    if bad:
        return "slug_bad_character", {"character": bad[0] if bad[0].isprintable() else f"U+{ord(bad[0]):04X}"}
    if slug != slug.strip() or slug.startswith(".") or slug.endswith(".") or not slug:
        return "slug_bad_character", {"character": "." if "." in slug else " "}
    if slug.split(".")[0].strip().upper() in WINDOWS_RESERVED:
        return "slug_windows_name", {}
    if len(slug) > MAX_SLUG_CHARACTERS or len(slug.encode("utf-8", errors="replace")) > MAX_SLUG_BYTES:
        return "slug_too_long", {"length": len(slug), "limit": MAX_SLUG_CHARACTERS}
    return None


CONTENT_SUFFIXES = {".md", ".yaml", ".yml"}


def content_files(content_dir: Path, kind: str) -> list[Path]:
    return [path for path, _ in _content_entries(content_dir / kind)]


def _content_entries(folder: Path) -> list[tuple[Path, bool]]:
    """(file, is it a symbolic link) for the content files of a folder, sorted; from one directory
    read, without a stat call per file (thousands of books make those add up)."""
    try:
        with os.scandir(folder) as entries:
            found = [(Path(entry.path), entry.is_symlink()) for entry in entries
                     if entry.is_file() and _suffix(entry.name) in CONTENT_SUFFIXES and not _hidden(entry.name)]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(found)


def _suffix(name: str) -> str:
    """.md for xiyouji.md and for ..md too (as Path.suffix; os.path.splitext sees no suffix in ..md)."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _hidden(name: str) -> bool:
    """Files of editors and systems (.DS_Store, .#draft.md, ~$notes.md) and drafts (_draft.md):
    not content. A name of dots only (..md, ...md) is a mistake to report, not a hidden file."""
    return name.startswith((".", "_", "~")) and name[: name.rfind(".")].strip(".") != ""


def outside(path: Path, root: Path) -> bool:
    """True when `path` (a symlink, or inside one) leads out of the project folder."""
    return not path.resolve().is_relative_to(root.resolve())


def leads_out(path: Path, root: Path, problems: Problems) -> bool:
    """True, with the problem recorded, when `path` leads out of the project (a content file,
    a cover or a theme's file that is a link to elsewhere on the computer): it would be copied
    into output/ and published, or read into pages."""
    if not outside(path, root):
        return False
    problems.error("symlink_outside", relative_name(path, root), None, target=str(path.resolve()))
    return True


def content_paths(root: Path, content_dir: Path, kind: str, problems: Problems) -> list[Path]:
    """The files of one kind that may be read: none that lead out of the project, no two that
    differ only in capitals (xiyouji.md and XiYouJi.md are one file on Windows and macOS)."""
    folder = content_dir / kind
    if folder.is_dir() and leads_out(folder, root, problems):
        return []
    paths = []
    seen: dict[str, str] = {}
    for path, is_link in _content_entries(folder):
        name = relative_name(path, root)  # the link's own name, not where it leads
        if is_link and leads_out(path, root, problems):  # only a link can lead out: skip the rest's resolve()
            continue
        first = seen.setdefault(slug_of(path).casefold(), name)
        if first != name:
            problems.error("duplicate_slug", name, None, value=slug_of(path), other=first)
            continue
        paths.append(path)
    return paths

