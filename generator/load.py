"""Load stage: read content files into plain records, keeping file and line for every field.

Nothing here knows what a book or an award is; it turns text into mappings and Markdown
bodies, and turns unreadable files into problems instead of tracebacks.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from generator.problems import Problems, relative_name

try:  # the C parser is several times faster; the pure-Python one gives the same result
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader


class LineMap(dict):
    """A YAML mapping that remembers the line (1-based) each key was written on."""

    lines: dict[str, int]
    line: int
    columns: dict[str, int]  # 1-based column where each key's value starts

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key, self.line)

    def column_of(self, key: str) -> int | None:
        return getattr(self, "columns", {}).get(key)


class LineLoader(_BaseLoader):
    line_offset = 0  # lines before the YAML starts in its file (front matter)

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []  # (key, first line, repeated line)

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = LineMap(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1 + self.line_offset
        mapping.lines = {}
        mapping.columns = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str):
                line = key_node.start_mark.line + 1 + self.line_offset
                if key in mapping.lines:
                    # YAML keeps the last value silently; the librarian loses the first one without knowing
                    self.duplicates.append((key, mapping.lines[key], line))
                mapping.lines[key] = line
                mapping.columns[key] = value_node.start_mark.column + 1
        return mapping

    def construct_timestamp(self, node):  # type: ignore[no-untyped-def]
        # PyYAML raises a bare ValueError for 2026-02-30; keep the text so the schema can say
        # which field holds a day that does not exist.
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_timestamp)


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


def parse_yaml(text: str, name: str, problems: Problems, line_offset: int = 0) -> Any:
    loader = LineLoader(text)
    loader.line_offset = line_offset
    lines = text.split("\n")
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        code, row, column = explain_yaml_error(exc, lines)
        excerpt = lines[row] if 0 <= row < len(lines) else ""
        problems.error(code, name, row + 1 + line_offset, column=column, excerpt=_printable(excerpt),
                       detail=str(exc.problem or exc))
        return None
    except yaml.reader.ReaderError as exc:  # a control character, often pasted from Word or a web page
        # libyaml counts its position in bytes; find the character itself instead
        at = max(text.find(chr(exc.character)), 0)
        row = text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.error("control_character", name, row + 1 + line_offset, column=column,
                       excerpt=_printable(lines[row]), char=f"U+{exc.character:04X}")
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        problems.error("yaml_syntax", name, None, detail=str(exc)[:200])
        return None
    finally:
        loader.dispose()
    for key, first, again in loader.duplicates:
        problems.error("duplicate_key", name, again, key=key, first=first)
    return data


@dataclass(frozen=True)
class _YamlFacts:
    """What PyYAML said about a mistake, and the lines it was said about."""

    problem: str
    context: str
    lines: list[str]
    row: int  # 0-based row of the mark, within the text
    column: int | None  # 1-based
    start: Any  # where the construct being read began (context_mark), or None

    @property
    def at_mark(self) -> tuple[int, int | None]:
        return self.row, self.column

    @property
    def at_start(self) -> tuple[int, int | None] | None:
        return (self.start.line, self.start.column + 1) if self.start is not None else None


Where = tuple[int, "int | None"]


def _fullwidth_colon(f: _YamlFacts) -> Where | None:
    # A full-width colon makes YAML read "author：吴承恩" as plain text, so the error surfaces
    # on the line after; look back one line for it.
    for candidate in (f.row, f.row - 1):
        if 0 <= candidate < len(f.lines) and "：" in f.lines[candidate] and ":" not in f.lines[candidate]:
            return candidate, f.lines[candidate].index("：") + 1
    return None


def _tab(f: _YamlFacts) -> Where | None:
    if "tab" not in f.problem and not ("cannot start any token" in f.problem and "\t" in f.lines[f.row]):
        return None
    tab_row = next((r for r in (f.row, f.row - 1) if 0 <= r < len(f.lines) and "\t" in f.lines[r]), f.row)
    return tab_row, f.lines[tab_row].find("\t") + 1 if "\t" in f.lines[tab_row] else None


def _mapping_value(f: _YamlFacts, indented: bool) -> Where | None:
    """"mapping values are not allowed": a line indented under one that is no field name, or a
    colon and a space inside a value."""
    if "mapping values are not allowed" not in f.problem:
        return None
    previous = next((f.lines[r] for r in range(f.row - 1, -1, -1) if f.lines[r].strip()), "")
    is_indent = _indent(f.lines[f.row]) > _indent(previous) and not previous.rstrip().endswith(":")
    if is_indent != indented:
        return None
    return (f.row, _indent(f.lines[f.row]) + 1) if indented else f.at_mark


def _text_after_quote(f: _YamlFacts) -> Where | None:  # title: "西游记"（青少版）
    ends_quoted = f.lines[f.row][: (f.column or 1) - 1].rstrip().endswith(('"', "'"))
    return f.at_mark if "expected key" in f.problem and f.column is not None and ends_quoted else None


def _problem_has(*words: str) -> Callable[[_YamlFacts], Where | None]:
    return lambda f: f.at_mark if any(w in f.problem for w in words) else None


def _start_if_context_has(*words: str) -> Callable[[_YamlFacts], Where | None]:
    return lambda f: f.at_start if any(w in f.context for w in words) else None


# The mistakes librarians make, as PyYAML words them: the first rule that finds a place wins.
YAML_MISTAKES: list[tuple[str, Callable[[_YamlFacts], Where | None]]] = [
    ("yaml_fullwidth_colon", _fullwidth_colon),
    ("yaml_tab", _tab),
    ("yaml_unclosed_quote", _start_if_context_has("quoted scalar")),
    ("yaml_unclosed_bracket", _start_if_context_has("flow")),
    ("yaml_missing_colon", lambda f: (f.start.line, None) if "could not find expected ':'" in f.problem and f.start else None),
    ("yaml_indent", lambda f: _mapping_value(f, indented=True)),
    ("yaml_colon_in_value", lambda f: _mapping_value(f, indented=False)),
    ("yaml_text_after_quote", _text_after_quote),
    ("yaml_indent", _problem_has("expected key", "indicator", "block end", "sequence entries")),
    ("yaml_reserved_character", lambda f: (f.row, 1) if "directive" in f.context else None),  # "%50 的学生"
    ("yaml_reserved_character", _start_if_context_has("anchor", "alias")),  # "& 出版社", "*重要*"
    ("yaml_reserved_character", _problem_has("cannot start any token", "undefined alias")),
]


def explain_yaml_error(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[str, int, int | None]:
    """Turn PyYAML's message into one of the mistakes librarians make: (code, 0-based row, column)."""
    mark = exc.problem_mark or exc.context_mark
    facts = _YamlFacts(exc.problem or "", exc.context or "", lines, min(mark.line, len(lines) - 1) if mark else 0,
                       mark.column + 1 if mark else None, exc.context_mark)
    for code, where in YAML_MISTAKES:
        found = where(facts)
        if found is not None:
            return code, *found
    return "yaml_syntax", facts.row, facts.column


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _printable(line: str) -> str:
    return "".join(c if c.isprintable() else "→" if c == "\t" else "\ufffd" for c in line)


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
        problems.error(code, name, None, value=_printable(slug), **params)
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
                     if entry.is_file() and os.path.splitext(entry.name)[1].lower() in CONTENT_SUFFIXES
                     and not entry.name.startswith((".", "_", "~"))]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(found)


def outside(path: Path, root: Path) -> bool:
    """True when `path` (a symlink, or inside one) leads out of the project folder."""
    return not path.resolve().is_relative_to(root.resolve())


def content_paths(root: Path, content_dir: Path, kind: str, problems: Problems) -> list[Path]:
    """The files of one kind that may be read: none that lead out of the project, no two that
    differ only in capitals (xiyouji.md and XiYouJi.md are one file on Windows and macOS)."""
    folder = content_dir / kind
    if folder.is_dir() and outside(folder, root):
        problems.error("symlink_outside", relative_name(folder, root), None, target=str(folder.resolve()))
        return []
    paths = []
    seen: dict[str, str] = {}
    for path, is_link in _content_entries(folder):
        name = relative_name(path, root)  # the link's own name, not where it leads
        if is_link and outside(path, root):  # only a link can lead out: skip the rest's resolve()
            problems.error("symlink_outside", name, None, target=str(path.resolve()))
            continue
        first = seen.setdefault(slug_of(path).casefold(), name)
        if first != name:
            problems.error("duplicate_slug", name, None, value=slug_of(path), other=first)
            continue
        paths.append(path)
    return paths

