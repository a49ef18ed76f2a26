"""Load stage: read content files into plain records, keeping file and line for every field.

Nothing here knows what a book or an award is; it turns text into mappings and Markdown
bodies, and turns unreadable files into problems instead of tracebacks.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key, self.line)


class LineLoader(_BaseLoader):
    line_offset = 0  # lines before the YAML starts in its file (front matter)

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = LineMap(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1 + self.line_offset
        mapping.lines = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str):
                mapping.lines[key] = key_node.start_mark.line + 1 + self.line_offset
        return mapping


def _timestamp_or_text(loader: LineLoader, node):
    # 2026-13-01 looks like a date to YAML but is none: keep the text, so the schema can say
    # which field holds it and on what line, instead of the YAML library failing the file.
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


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
    raw = path.read_bytes() if raw is None else raw
    try:
        text = raw.decode("utf-8-sig")  # Notepad writes a BOM; it must not end up in a title
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error("not_utf8", name, line)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, name: str, problems: Problems, line_offset: int = 0) -> Any:
    loader = LineLoader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        lines = text.split("\n")
        row = min(mark.line, len(lines) - 1) if mark else 0
        source_line = lines[row] if lines else ""
        # A full-width colon makes YAML read "author：吴承恩" as plain text, so the error surfaces
        # on the line after; look back one line for it.
        for candidate in (row, row - 1):
            if 0 <= candidate < len(lines) and "：" in lines[candidate] and ":" not in lines[candidate]:
                problems.error("yaml_fullwidth_colon", name, candidate + 1 + line_offset, text=lines[candidate].strip())
                return None
        code = "yaml_syntax"
        problems.error(code, name, line, detail=str(exc.problem or exc), text=source_line.strip())
        return None
    except yaml.YAMLError as exc:
        problems.error("yaml_syntax", name, None, detail=str(exc), text="")
        return None
    finally:
        loader.dispose()


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
        data.line, data.lines = 1, {}
    if data is None:
        return None
    if not isinstance(data, LineMap):
        problems.error("not_a_mapping", name, 1)
        return None
    return SourceFile(path, name, kind, slug_of(path), data, body, body_line)


def slug_of(path: Path) -> str:
    return path.stem


CONTENT_SUFFIXES = {".md", ".yaml", ".yml"}


def content_files(content_dir: Path, kind: str) -> list[Path]:
    folder = content_dir / kind
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in CONTENT_SUFFIXES and not p.name.startswith((".", "_", "~"))
    )


def load_content(root: Path, content_dir: Path, kinds: list[str], problems: Problems) -> dict[str, list[SourceFile]]:
    loaded: dict[str, list[SourceFile]] = {}
    for kind in kinds:
        files = []
        for path in content_files(content_dir, kind):
            source = load_file(path, root, kind, problems)
            if source is not None:
                files.append(source)
        loaded[kind] = files
    return loaded
