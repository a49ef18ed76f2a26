"""Validate stage: check a loaded mapping against a schema declared as data.

A schema is a tuple of `Field`s: a name, a kind (an object from `generator.kinds` that checks,
describes, scaffolds and edits one value), whether it is required, a default, and the help text
a librarian reads (in `bulletin new` scaffolds, the README's field tables and the editor's forms).
A content type's schema is read off its record class (`schema_of`), so each field is declared
once. `validate` returns the clean values and records every problem it finds, so one run
reports them all.
"""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from generator.load import LineMap
from generator.problems import Problems

if TYPE_CHECKING:
    from generator.kinds import Kind


@dataclass(frozen=True)
class Field:
    name: str  # as written in the content file
    kind: Kind
    required: bool = False
    default: Any = None
    help: str = ""
    example: Any = None  # a value the help may quote (e.g. in `bulletin new`'s comments)
    attr: str | None = None  # the record's attribute, where the name cannot be one ("class" -> "class_name")

    @property
    def choices(self) -> tuple[str, ...]:
        return getattr(self.kind, "choices", ())

    @property
    def item(self) -> Schema | None:
        """The schema of each entry, for a group or a list of entries."""
        return getattr(self.kind, "schema", None)

    @property
    def attribute(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True)
class Schema:
    name: str
    fields: tuple[Field, ...]
    help: str = ""

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def declare(kind: Kind, required: bool = False, default: Any = None, help: str = "", example: Any = None,
            name: str | None = None) -> Any:
    """A record attribute that is also a field of the content file (see `schema_of`).

    `name`: the field's name in the file where it differs from the attribute's."""
    return dataclasses.field(metadata={"field": (name, kind, required, default, help, example)})


def schema_of(record: type, name: str, help: str = "") -> Schema:
    """The schema of a record class: its attributes declared with `declare()`, in their order."""
    fields = []
    for attribute in dataclasses.fields(record):
        declared = attribute.metadata.get("field")
        if declared is None:
            continue  # made by the builder (slug, url, rendered text ...), not written by the librarian
        field_name, kind, required, default, help_text, example = declared
        fields.append(Field(field_name or attribute.name, kind, required, default, help_text, example,
                            attr=attribute.name if field_name else None))
    return Schema(name, tuple(fields), help)


class At(NamedTuple):
    """Where a value was written: file, line and (when known) the column its value starts at."""
    file: str
    line: int | None
    column: int | None = None


class Values(dict):
    """A mapping's clean values by field name, with the line each was written on."""

    line: int
    lines: dict[str, int]

    def __init__(self, line: int, lines: dict[str, int]) -> None:
        super().__init__()
        self.line, self.lines = line, lines

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)

    def record_values(self, schema: Schema) -> dict[str, Any]:
        """The values as a record built from `schema` takes them: by attribute, lists as tuples."""
        return {f.attribute: tuple(v) if isinstance(v := self[f.name], list) else v for f in schema.fields}


def check_value(field: Field, value: Any, at: At, problems: Problems) -> tuple[bool, Any]:
    """(ok, clean value) for one field's value, recording a problem when it is wrong."""
    return field.kind.check(field, value, at, problems)


def _unknown_keys(data: LineMap, known: set[str], file: str, problems: Problems) -> bool:
    """Warn on each key the schema does not know (with the nearest name); False when one is an error."""
    ok = True
    for key in data:
        if key in known:
            continue
        key_text = str(key)
        if "：" in key_text or "\u3000" in key_text:
            problems.error("fullwidth_key", file, data.line_of(key_text), key=key_text)
            ok = False
        else:
            suggestion = difflib.get_close_matches(key_text, sorted(known), n=1, cutoff=0.6)
            problems.warn("unknown_field", file, data.line_of(key_text), key=key_text,
                          suggestion=suggestion[0] if suggestion else "", known="、".join(sorted(known)))
    return ok


def validate(data: LineMap, schema: Schema, file: str, problems: Problems) -> Values | None:
    """Check `data` against `schema`. Returns the clean values (defaults filled in), or None."""
    clean = Values(data.line, dict(data.lines))
    ok = _unknown_keys(data, {f.name for f in schema.fields}, file, problems)
    for field in schema.fields:
        value = data.get(field.name)
        if value is None or value == "" or value == []:
            if field.required:
                code = "empty_field" if field.name in data else "missing_field"  # written, but left empty
                problems.error(code, file, data.line_of(field.name), field=field.name, help=field.help)
                ok = False
            default = field.default
            clean[field.name] = list(default) if isinstance(default, (list, tuple)) else default
            continue
        field_ok, clean[field.name] = field.kind.check(field, value, At(file, data.line_of(field.name),
                                                                        data.column_of(field.name)), problems)
        ok = ok and field_ok
    return clean if ok else None
