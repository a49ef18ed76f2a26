"""Saving a form: the submitted values applied to the file's round-trip document (only the fields
that changed are touched, so comments, key order, quoting and the body stay as they were), the
new text checked by the same code as `bulletin check`, each problem placed beside its field."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from generator.editor.forms import BODY, ORIGIN, Values, entry_indexes, form_values, name_of, posted_text
from generator.kinds import Group, Records
from generator.load import LineMap, content_paths, load_file
from generator.problems import Problem, Problems, relative_name
from generator.registry import ContentType
from generator.roundtrip import ContentDocument, editable
from generator.schema import Field, Schema

_PLAIN = YAML()
_PLAIN.width = 4096


def _read_back(value: Any) -> Any:
    """The value as the build (PyYAML, YAML 1.1) would read it, written as ruamel writes it."""
    out = io.StringIO()
    _PLAIN.dump({"v": value}, out)
    try:
        return yaml.load(out.getvalue(), Loader=yaml.CSafeLoader)["v"]
    except yaml.YAMLError:
        return None


def yaml_value(value: Any, old: Any) -> Any:
    """A value to put in the document: quoted as the old one was, or where YAML 1.1 would misread
    it (12:00, yes, 0123 as written plainly are not the text they look like)."""
    if isinstance(value, str):
        if isinstance(old, (DoubleQuotedScalarString, SingleQuotedScalarString)):
            return type(old)(value)
        if _read_back(value) != value:
            return DoubleQuotedScalarString(value)
        return value
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        items = [yaml_value(v, None) for v in value]
        if isinstance(old, CommentedSeq) and all(not isinstance(v, (dict, list)) for v in old):
            old[:] = items  # in place: the list keeps its [a, b] or one-per-line layout and comment
            return old
        return editable(items)
    return editable(value)


def _shown(f: Field, value: Any) -> str:
    return posted_text(f, form_values({f.name: value}, Schema("", (f,)))[(f.name,)])


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _put(mapping: CommentedMap, schema: Schema, name: str, value: Any) -> None:
    """Set a field; a field the file lacks goes where the schema has it, not at the end."""
    if name in mapping:
        mapping[name] = value
        return
    order = [f.name for f in schema.fields]
    later = order[order.index(name) + 1:] if name in order else []
    keys = list(mapping)
    position = next((keys.index(k) for k in keys if k in later), len(keys))
    mapping.insert(position, name, value)


def apply(mapping: CommentedMap, schema: Schema, values: Values, prefix: tuple = ()) -> None:
    """Change the fields of `mapping` whose submitted text differs from what the form showed."""
    for f in schema.fields:
        path = prefix + (f.name,)
        if isinstance(f.kind, (Records, Group)):
            _apply_entries(mapping, f, schema, values, path)
            continue
        old = mapping.get(f.name)
        new_text = posted_text(f, values.get(path))
        if new_text.strip() == _shown(f, old).strip():
            continue
        if old is None and f.default is not None and new_text.strip() == _shown(f, _plain(f.default)).strip():
            continue  # the form showed the default (a ticked box, a chosen option) and it was left so
        value = f.kind.from_form(new_text)
        if value is None or value == "" or value == []:
            mapping.pop(f.name, None)
        else:
            _put(mapping, schema, f.name, yaml_value(value, old))


def _entry(old: Any, f: Field, values: Values, path: tuple) -> Any:
    """One submitted entry, made from the file's entry it started as (kept if nothing changed)."""
    if isinstance(old, CommentedMap):
        apply(old, f.item, values, path)
        return old
    first = f.item.fields[0].name
    mapping = CommentedMap() if old is None else CommentedMap({first: old})  # `- 李明` is `- name: 李明`
    apply(mapping, f.item, values, path)
    return old if old is not None and list(mapping) == [first] and mapping[first] == old else mapping


def _apply_entries(mapping: CommentedMap, f: Field, schema: Schema, values: Values, path: tuple) -> None:
    old = mapping.get(f.name)
    old_list = old if isinstance(old, list) else [old] if isinstance(old, dict) else []
    made, used = [], set()
    for index in entry_indexes(values, path):
        origin = (values.get(path + (index, ORIGIN)) or [""])[-1]
        start = None
        if origin.isdigit() and int(origin) < len(old_list) and int(origin) not in used:
            used.add(int(origin))
            start = old_list[int(origin)]
        made.append(_entry(start, f, values, path + (index,)))
    if isinstance(f.kind, Group):
        if made and made[0] is not old:
            _put(mapping, schema, f.name, made[0])
        return
    if isinstance(old, list) and len(made) == len(old) and all(a is b for a, b in zip(made, old)):
        return  # edited in place
    if not made:
        mapping.pop(f.name, None)
    elif isinstance(old, CommentedSeq):
        old[:] = made
    else:
        _put(mapping, schema, f.name, CommentedSeq(made))


def apply_body(document: ContentDocument, values: Values) -> None:
    if document.body is None or (BODY,) not in values:
        return
    text = values[(BODY,)][-1].replace("\r\n", "\n")
    if text != document.body:
        document.body = text


# -- checking, as `bulletin check` does --------------------------------------------------------

class _Made(dict):
    """The parts of the site other types made, from the preview's last good build; () for any missing."""
    def __missing__(self, key: str) -> Any:
        return ()


def check_text(content_type: ContentType, path: Path, text: str, config: Any, site: Any, markdown: Any) -> list[Problem]:
    """The problems `bulletin check` would report for this file if it held `text`."""
    problems = Problems()
    source = load_file(path, config.root, content_type.name, problems, raw=text.encode("utf-8"))
    if source is not None:
        if content_type.record is not None:
            content_type.record(source, config, markdown, problems)
        else:  # checks across the type's files (two stats files for one month ...) see the others as they are
            others = [s for s in (load_file(p, config.root, content_type.name, Problems())
                                  for p in content_paths(config.root, config.content_dir, content_type.name, Problems())
                                  if p.resolve() != path.resolve()) if s is not None]
            made = _Made(site.parts if site is not None else {})
            content_type.model([*others, source], made, config, problems)
    name = relative_name(path, config.root)
    return [p for p in problems if p.file == name]


@dataclass(frozen=True)
class Placed:
    """A problem and the input it belongs beside ("" for the form as a whole)."""
    name: str
    problem: Problem


def _places(data: LineMap, prefix: tuple = ()) -> tuple[list[tuple[int, tuple]], list[tuple[int, tuple]]]:
    """(line, path) of every key and of every entry's start, in a loaded file."""
    keys, entries = [], []
    for key, line in getattr(data, "lines", {}).items():
        keys.append((line, prefix + (key,)))
    for key, value in data.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, LineMap):
                    entries.append((item.line, prefix + (key, index)))
                    more_keys, more_entries = _places(item, prefix + (key, index))
                    keys += more_keys
                    entries += more_entries
        elif isinstance(value, LineMap):
            more_keys, more_entries = _places(value, prefix + (key,))
            keys += more_keys
            entries += more_entries
    return keys, entries


def place(problems: list[Problem], text: str, path: Path, content_type: ContentType, root: Path) -> list[Placed]:
    """Each problem with the input its line and field point at."""
    source = load_file(path, root, content_type.name, Problems(), raw=text.encode("utf-8"))
    keys, entries = _places(source.data) if source is not None else ([], [])
    placed = []
    for problem in problems:
        field = problem.params.get("field")
        at_entry = [p for line, p in entries if line == problem.line]
        on_line = [p for line, p in keys if line == problem.line]
        named = [p for p in on_line if field and p[-1] == field]
        if problem.code == "missing_field" and field:
            where = (at_entry[-1] if at_entry else ()) + (field,)
        elif named:
            where = max(named, key=len)
        elif at_entry and problem.line is not None:
            where = at_entry[-1]
        elif on_line:
            where = max(on_line, key=len)
        else:
            where = ()
        placed.append(Placed(name_of(where) if where else "", problem))
    return placed

