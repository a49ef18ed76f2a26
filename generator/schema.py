"""Validate stage: check a loaded mapping against a schema declared as data.

A schema is a tuple of `Field`s: name, kind, whether required, default, and the help text a
librarian reads (in `bulletin new` scaffolds and the README's field tables). `validate`
returns the clean values and records every problem it finds, so one run reports them all.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

from generator.load import LineMap
from generator.problems import Problems


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, int, bool, date, month, texts, ints, dates, choice, choices, records, isbn, call_number, time_range
    required: bool = False
    default: Any = None
    help: str = ""
    choices: tuple[str, ...] = ()
    item: "Schema | None" = None  # for kind "records"
    example: Any = None  # shown in scaffolds


@dataclass(frozen=True)
class Schema:
    name: str
    fields: tuple[Field, ...]
    help: str = ""

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


CALL_NUMBER = re.compile(r"^[A-Z][A-Z]?\d+([.\-]\d+)*(/[\w.\-]+)?$")
TIME_RANGE = re.compile(r"^\d{1,2}[:：]\d{2}\s*[-–—~～至]+\s*\d{1,2}[:：]\d{2}$")
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")  # written right, but a day the calendar lacks


# Control characters (pasted from Word, or written as "\x01" in a quoted YAML string) show as
# nothing on a page and make XML outputs (feeds, sitemap, calendar) invalid: they are dropped.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value).strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def check_value(field: Field, value: Any, where: tuple[str, int | None] | tuple[str, int | None, int | None],
                problems: Problems) -> tuple[bool, Any]:
    """Return (ok, clean value) for one field's value, recording a problem when it is wrong.

    `where` is (file, line) or (file, line, column of the value).
    """
    file, line = where[0], where[1]
    column = where[2] if len(where) > 2 else None
    kind = field.kind

    def wrong(code: str = "wrong_kind", **params: Any) -> tuple[bool, Any]:
        problems.error(code, file, line, column=column, field=field.name, value=_shown(value), expected=kind, **params)
        return False, None

    if kind == "text":
        text = _as_text(value)
        return (True, text) if text is not None else wrong()
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return True, value
        if isinstance(value, str) and value.strip().isdigit():
            return True, int(value.strip())
        return wrong()
    if kind == "bool":
        if isinstance(value, bool):
            return True, value
        if isinstance(value, str) and value.strip() in ("是", "否"):
            return True, value.strip() == "是"
        return wrong()
    if kind == "date":
        if isinstance(value, dt.datetime):
            return True, value.date()
        if isinstance(value, dt.date):
            return True, value
        if isinstance(value, str) and DATE_SHAPE.match(value.strip()):
            return wrong("no_such_date")
        return wrong("bad_date")
    if kind == "month":
        if isinstance(value, dt.date):
            return True, dt.date(value.year, value.month, 1)
        match = MONTH.match(str(value).strip()) if isinstance(value, str) else None
        if match and 1 <= int(match.group(2)) <= 12:
            return True, dt.date(int(match.group(1)), int(match.group(2)), 1)
        return wrong("bad_month")
    if kind == "texts":
        items = [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value
        if not isinstance(items, list) or any(_as_text(v) is None for v in items):
            return wrong()
        return True, [_as_text(v) for v in items if _as_text(v)]
    if kind in ("ints", "dates"):
        one = Field(field.name, kind[:-1])
        if not isinstance(value, list):
            return wrong()
        results = [check_value(one, v, where, problems) for v in value]
        if not all(ok for ok, _ in results):
            return False, None
        return True, [v for _, v in results]
    if kind == "choice":
        text = _as_text(value)
        if text in field.choices:
            return True, text
        return wrong("bad_choice", choices="、".join(field.choices))
    if kind == "choices":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            return wrong()
        bad = [v for v in items if _as_text(v) not in field.choices]
        if bad:
            return wrong("bad_choice", choices="、".join(field.choices))
        return True, [_as_text(v) for v in items]
    if kind == "isbn":
        text = _as_text(value)
        if text is None:
            return wrong()
        try:
            return True, stdnum_isbn.validate(text, convert=True)
        except ValidationError:
            compact = stdnum_isbn.compact(text)
            if len(compact) in (10, 13) and compact[:-1].isdigit():
                problems.error("bad_isbn_checksum", file, line, column=column, value=text)
            else:
                problems.error("bad_isbn", file, line, column=column, value=text)
            return False, None
    if kind == "call_number":
        text = _as_text(value)
        if text is not None and CALL_NUMBER.match(text.upper().replace(" ", "")):
            return True, text.upper().replace(" ", "")
        problems.error("bad_call_number", file, line, column=column, value=_shown(value))
        return False, None
    if kind == "time_range":
        if isinstance(value, int):  # YAML 1.1 reads an unquoted 12:00 as a number of minutes
            problems.error("unquoted_time", file, line, column=column, field=field.name)
            return False, None
        text = _as_text(value)
        if text is not None and TIME_RANGE.match(text):
            start, end = re.split(r"\s*[-–—~～至]+\s*", text.replace("：", ":"))
            return True, f"{start}–{end}"
        return wrong("bad_time_range")
    if kind == "record":
        if not isinstance(value, LineMap):
            return wrong()
        clean = validate(value, field.item, file, problems)
        return clean is not None, clean
    if kind == "records":
        if not isinstance(value, list):
            return wrong()
        records = []
        ok = True
        for entry in value:
            if isinstance(entry, (str, int)) and not isinstance(entry, bool) and field.item is not None:
                # a bare value stands for the record's first field: `- 李明` means `- name: 李明`
                first = field.item.fields[0].name
                entry_map = LineMap({first: entry})
                entry_map.line, entry_map.lines, entry_map.columns = line or 1, {}, {}
                entry = entry_map
            if not isinstance(entry, LineMap):
                problems.error("not_a_mapping_item", file, line, field=field.name)
                ok = False
                continue
            clean = validate(entry, field.item, file, problems)
            if clean is None:
                ok = False
            else:
                records.append(clean)
        return ok, records
    raise ValueError(f"unknown field kind {kind!r} in schema")  # a bug in a schema, not in content


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


Check = Callable[[dict[str, Any], LineMap, str, Problems], None]


def validate(data: LineMap, schema: Schema, file: str, problems: Problems) -> dict[str, Any] | None:
    """Check `data` against `schema`. Returns the clean values (with defaults and `_line`s), or None."""
    known = {f.name for f in schema.fields}
    clean: dict[str, Any] = {"_line": data.line, "_lines": dict(data.lines)}
    ok = True
    for key in data:
        if key not in known:
            key_text = str(key)
            suggestion = difflib.get_close_matches(key_text, sorted(known), n=1, cutoff=0.6)
            if "：" in key_text or "\u3000" in key_text:
                problems.error("fullwidth_key", file, data.line_of(key_text), key=key_text)
                ok = False
            else:
                problems.warn("unknown_field", file, data.line_of(key_text), key=key_text,
                              suggestion=suggestion[0] if suggestion else "", known="、".join(sorted(known)))
    for field in schema.fields:
        value = data.get(field.name)
        if value is None or value == "" or value == []:
            if field.required:
                problems.error("missing_field", file, data.line, field=field.name, help=field.help)
                ok = False
            default = field.default
            clean[field.name] = list(default) if isinstance(default, (list, tuple)) else default
            continue
        where = (file, data.line_of(field.name), data.column_of(field.name))
        field_ok, value_clean = check_value(field, value, where, problems)
        ok = ok and field_ok
        clean[field.name] = value_clean
    return clean if ok else None
