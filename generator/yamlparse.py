"""YAML text to data: mappings that remember the line of each field, and PyYAML's errors turned
into the mistakes librarians make (a full-width colon, a tab, an unclosed quote), at their place."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import yaml

from generator.problems import Problems

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


def parse_yaml(text: str, name: str, problems: Problems, line_offset: int = 0) -> Any:
    lines = text.split("\n")
    reused = _anchor_or_alias(text)
    if reused is not None:
        sign, anchor, mark = reused
        problems.error("yaml_anchor", name, mark.line + 1 + line_offset, column=mark.column + 1,
                       excerpt=_excerpt(lines, mark.line), sign=sign, anchor=anchor)
        return None
    loader = LineLoader(text)
    loader.line_offset = line_offset
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        code, row, column = explain_yaml_error(exc, lines)
        problems.error(code, name, row + 1 + line_offset, column=column, excerpt=_excerpt(lines, row),
                       detail=str(exc.problem or exc))
        return None
    except yaml.reader.ReaderError as exc:  # a control character, often pasted from Word or a web page
        # libyaml counts its position in bytes; find the character itself instead
        at = max(text.find(chr(exc.character)), 0)
        row = text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.error("control_character", name, row + 1 + line_offset, column=column,
                       excerpt=printable(lines[row]), char=f"U+{exc.character:04X}")
        return None
    except RecursionError:  # nested deeper than the constructor can follow, though libyaml could
        mark = _too_deep_at(text)
        row, column = (mark.line, mark.column + 1) if mark is not None else (0, None)
        problems.error("yaml_too_deep", name, row + 1 + line_offset, column=column, excerpt=_excerpt(lines, row))
        return None
    except yaml.YAMLError as exc:
        problems.error("yaml_syntax", name, None, detail=str(exc)[:200])
        return None
    finally:
        loader.dispose()
    for key, first, again in loader.duplicates:
        problems.error("duplicate_key", name, again, key=key, first=first)
    return data


def _excerpt(lines: list[str], row: int) -> str:
    """The line to show under a message; none for a line too long to show (nesting thousands deep)."""
    line = lines[row] if 0 <= row < len(lines) else ""
    return printable(line) if len(line) <= MAX_EXCERPT else ""


MAX_EXCERPT = 200
MAX_DEPTH = 100  # a content file needs five or six levels (grades, classes, assistants, ...)


# Anchors (&name) and aliases (*name) let one YAML value stand for another many times over:
# eleven lines of them can stand for billions of values (the "billion laughs"), and "&A 组"
# silently loses its "&A". Librarians never need them, so no content file (nor config.yaml)
# may use them. Only a text with a "&" or "*" in it can, and only that one is looked through.
def _anchor_or_alias(text: str) -> tuple[str, str, Any] | None:
    """("&" or "*", its name, its mark) for the first anchor or alias of the text; None when there
    is none, or when the text cannot be read (the parse that follows says why)."""
    if "&" not in text and "*" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                return "*", event.anchor, event.start_mark
            if getattr(event, "anchor", None) is not None:
                return "&", event.anchor, event.start_mark
    except yaml.YAMLError:
        pass
    return None


def _too_deep_at(text: str) -> Any:
    """The mark where the text's nesting first goes past MAX_DEPTH (None if it never does)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


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
    ("yaml_too_deep", _problem_has("nesting depth")),  # libyaml stops at 1,000 levels
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


def printable(line: str) -> str:
    return "".join(c if c.isprintable() else "→" if c == "\t" else "\ufffd" for c in line)
