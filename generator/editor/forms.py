"""The editor's forms, made from the registry's schemas and the field kinds: no per-type code.

A form is a tree of `Input`s, one per field: a leaf input carries the text(s) shown in its
widget; a list of entries (`Records`) carries its entries, each a list of inputs, and a blank
entry for the browser to copy. An input's `name` is the field's name in the schema; inside
entries it is its path: `grades[0].classes[1].assistants[0].name`. The values come either from
the file (`form_values`) or from a submitted form (`submitted_values`), in one shape: a
`Values` map from such a path (as a tuple) to the texts the widget shows or posted.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from generator.kinds import TIME_DASHES, Dates, Group, ListOf, Month, Records, TimeRange
from generator.schema import Field, Schema

Path = tuple  # ("grades", 0, "classes", 1, "class")
Values = dict  # {Path: [text, ...]}

# Names the editor adds beside the schema's fields; an underscore keeps them apart.
ORIGIN = "_from"  # an entry's position in the file when the form was made (reordered entries keep theirs)
BODY = "_body"  # a Markdown file's text below the front matter
LIST_WIDGETS = {"numbers", "dates", "books"}  # one input per item: name[0], name[1] ...
MULTI_WIDGETS = {"checkboxes"}  # one name, several values
PLACEHOLDER = re.compile(r"__n\d+__")  # a blank entry's index, by depth: the browser puts the real one in
_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_LABEL_END = re.compile(r"[\s，,：:（(；;、]")


def label_of(field_or_schema: Field | Schema, language: str, words: Callable[[str], str | None]) -> str:
    """What a form calls a field: a translation `editor.labels.<name>` if the theme has one, else
    the Chinese words its help text starts with (书名 title -> 书名); in English the field's name."""
    own = words(f"editor.labels.{field_or_schema.name}")
    if own:
        return own
    if language != "zh-CN":
        return field_or_schema.name.replace("_", " ").capitalize()
    head = _LABEL_END.split(field_or_schema.help.strip(), maxsplit=1)[0]
    return head or field_or_schema.name


def name_of(path: Path) -> str:
    """("grades", 0, "class") -> "grades[0].class": an input's name."""
    text = ""
    for part in path:
        indexed = isinstance(part, int) or PLACEHOLDER.fullmatch(part)
        text += f"[{part}]" if indexed else (f".{part}" if text else part)
    return text


def path_of(name: str) -> Path | None:
    """An input's name back to its path; None for a name no form of ours makes."""
    parts = []
    position = 0
    for match in _TOKEN.finditer(name):
        if match.start() not in (position, position + 1) or (match.start() == position + 1 and name[position] != "."):
            return None
        parts.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        position = match.end()
    return tuple(parts) if parts and position == len(name) and isinstance(parts[0], str) else None


# -- values as the widgets show them --------------------------------------------------------

def shown_text(kind: Any, value: Any) -> str:
    """One value as its input shows it: dates ISO, yes/no as true/false, a time range normalised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%Y-%m}" if isinstance(kind, Month) else value.isoformat()
    text = str(value).strip()
    if isinstance(kind, TimeRange):
        text = "-".join(TIME_DASHES.split(text.replace("：", ":")))
    return text


def shown_list(kind: Any, value: Any) -> list[str]:
    each = kind.each if isinstance(kind, ListOf) else None
    items = value if isinstance(value, list) else [] if value in (None, "") else [value]
    return [shown_text(each, item) for item in items]


def form_values(data: Any, schema: Schema, prefix: Path = ()) -> Values:
    """A file's fields (a mapping as loaded) as the form shows them."""
    values: Values = {}
    mapping = data if isinstance(data, dict) else {}
    for f in schema.fields:
        path = prefix + (f.name,)
        value = mapping.get(f.name)
        if isinstance(f.kind, (Records, Group)):
            entries = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict):  # `- 李明` stands for the entry's first field
                    entry = {f.item.fields[0].name: entry}
                values[path + (index, ORIGIN)] = [str(index)]
                values.update(form_values(entry, f.item, path + (index,)))
        elif f.kind.widget in LIST_WIDGETS or f.kind.widget in MULTI_WIDGETS or f.kind.widget == "texts":
            values[path] = shown_list(f.kind, value)
        else:
            values[path] = [shown_text(f.kind, value)]
    return values


def submitted_values(pairs: Iterable[tuple[str, str]]) -> Values:
    """A posted form, as (name, value) pairs, in the same shape; indexed list items (weeks[1]) are
    gathered under their list's path, in order; names no form makes are dropped."""
    values: Values = {}
    items: dict[Path, dict[int, str]] = {}
    for name, text in pairs:
        path = path_of(name)
        if path is None:
            continue
        if isinstance(path[-1], int) and len(path) > 1:
            items.setdefault(path[:-1], {})[path[-1]] = text
        else:
            values.setdefault(path, []).append(text)
    for path, by_index in items.items():
        values[path] = [by_index[i] for i in sorted(by_index)]
    return values


def entry_indexes(values: Values, path: Path) -> list[int]:
    """The entries of a list of entries present in `values`, in order."""
    depth = len(path)
    return sorted({p[depth] for p in values if len(p) > depth and p[:depth] == path and isinstance(p[depth], int)})


def posted_text(f: Field, texts: list[str] | None) -> str:
    """What the widget posted for one field, as the kind's `from_form` takes it."""
    texts = [t.replace("\r\n", "\n") for t in texts or []]
    widget = f.kind.widget
    if widget == "time_range":
        parts = [t.strip() for t in texts if t.strip()]
        return "-".join(parts)
    if widget in LIST_WIDGETS or widget in MULTI_WIDGETS or widget == "texts":
        return "\n".join(t.strip() for t in texts if t.strip())
    return texts[-1] if texts else ""


# -- the form as a tree of inputs ------------------------------------------------------------

@dataclass
class Input:
    name: str  # as posted: grades[0].classes[1].class
    label: str
    help: str
    widget: str  # the kind's widget: text, date, records, table ...
    required: bool
    texts: list[str] = field(default_factory=list)  # what the widget shows (one, or one per item)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    entries: list[list["Input"]] = field(default_factory=list)  # of a list of entries
    origins: list[str] = field(default_factory=list)  # each entry's position in the file ("" if new)
    blank: list["Input"] = field(default_factory=list)  # an empty entry for "add" (index __n<depth>__)
    depth: int = 0  # how many lists of entries this one is inside
    columns: list[str] = field(default_factory=list)  # a table's headers for its list column
    columns_from: str = ""  # the list of dates those headers are (a month's weeks)
    problems: list[Any] = field(default_factory=list)  # (severity, message, hint) shown beside it
    default: str = ""

    @property
    def text(self) -> str:
        return self.texts[-1] if self.texts else ""

    @property
    def id(self) -> str:
        return "f-" + self.name


class FormMaker:
    """Makes the inputs of a schema in a theme's words (`words(key)` -> text or None)."""

    def __init__(self, language: str, words: Callable[[str], str | None]):
        self.language, self.words = language, words

    def choice_label(self, value: str) -> str:
        return self.words(f"editor.choices.{value}") or value

    def inputs(self, schema: Schema, values: Values, prefix: Path = ()) -> list[Input]:
        return [self.input(f, values, prefix, schema) for f in schema.fields]

    def input(self, f: Field, values: Values, prefix: Path, schema: Schema) -> Input:
        path = prefix + (f.name,)
        described = f.kind.form()
        default = "" if f.default in (None, (), []) else shown_text(f.kind, f.default) \
            if not isinstance(f.default, (list, tuple)) else "、".join(map(str, f.default))
        made = Input(name_of(path), label_of(f, self.language, self.words), f.help, described["widget"],
                     f.required, list(values.get(path, [])), default=default)
        if "choices" in described:
            made.choices = [(c, self.choice_label(c)) for c in described["choices"]]
        if isinstance(f.kind, (Records, Group)):
            indexes = entry_indexes(values, path)
            made.entries = [self.inputs(f.item, values, path + (i,)) for i in indexes]
            made.origins = [(values.get(path + (i, ORIGIN)) or [""])[-1] for i in indexes]
            made.depth = sum(1 for p in path if not isinstance(p, str) or PLACEHOLDER.fullmatch(p))
            made.blank = self.inputs(f.item, {}, path + (f"__n{made.depth}__",))
            made.columns, dates = self._columns(schema, values, prefix, made.entries)
            made.columns_from = name_of(prefix + (dates,)) if dates else ""
        return made

    def _columns(self, parent: Schema, values: Values, prefix: Path,
                 entries: list[list[Input]]) -> tuple[list[str], str]:
        """A table's headers for the list field of its rows (a month's loans): the parent's list of
        dates (the weeks) if it has one, else numbers; as many as the longest row or the dates."""
        dates = next((f for f in parent.fields if isinstance(f.kind, Dates)), None)
        heads = [t for t in values.get(prefix + (dates.name,), []) if t.strip()] if dates else []
        longest = max((len(i.texts) for entry in entries for i in entry if i.widget in LIST_WIDGETS), default=0)
        count = max(len(heads), longest)
        return [heads[i] if i < len(heads) else str(i + 1) for i in range(count)], dates.name if dates else ""

