"""`bulletin new`: start a content file from its type's schema, every field explained in a comment.

Only the title (and the dates, today) are filled in: a required field the librarian has not
filled stays empty, so `bulletin check` names it at its line; what a value may be is said in
the comment beside it (examples, the school's own grade bands, the choices), never written as a
value that would pass the check and be published.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml

from generator.kinds import MONTH, Choice, Date, Month, Records, Texts
from generator.ordering import pinyin_slug
from generator.registry import ContentType, by_command
from generator.schema import Field, Schema

INDENT = "  "


def yaml_value(value: Any) -> str:
    """One value (text, number, date, list of texts) as YAML writes it after `key: `, quoted only
    when it must be. Most titles and names need no quotes: they are written without asking PyYAML's
    emitter, which takes a millisecond a value (most of a 5,000-record import's time)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and _plain(value, flow=False):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and _plain(v, flow=True) for v in value):
        return "[" + ", ".join(value) + "]"
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip().removesuffix("...").strip()


_RESOLVER = yaml.resolver.Resolver()
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _plain(text: str, flow: bool) -> bool:
    """Whether YAML reads `text` back as this same text when written bare."""
    if not text or text != text.strip() or text[0] in _INDICATORS or not text.isprintable():
        return False
    if ": " in text or " #" in text or text.endswith(":") or (flow and any(c in text for c in ",[]{}")):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"



def _note(field: Field, grade_bands: tuple[str, ...]) -> str:
    """The comment beside a field: its help, whether it must be filled, and what it may hold."""
    parts = [field.help, "必填 required" if field.required else "选填 optional"]
    if isinstance(field.kind, Choice):
        parts.append("可写 " + "、".join(field.kind.choices))
    elif field.name == "grade_bands" and grade_bands:
        parts.append("可写 " + "、".join(grade_bands))
    if field.default not in (None, "", (), []) and not isinstance(field.default, bool):
        default = field.default if not isinstance(field.default, tuple) else "、".join(field.default)
        parts.append(f"不写则是 {default}")
    elif field.example not in (None, "", [], False) and not isinstance(field.example, bool):
        example = field.example if not isinstance(field.example, list) else "、".join(map(str, field.example))
        parts.append(f"例如 {example}")
    return "；".join(parts)


def _value(field: Field, today: dt.date, title: str, title_field: str | None, values: dict[str, Any]) -> Any:
    if field.name in values:
        return values[field.name]
    if field.name == title_field and not (isinstance(field.kind, Month) and not MONTH.match(title)):
        return title
    if isinstance(field.kind, Date) and field.required:
        return today
    if isinstance(field.kind, Month) and (field.required or field.name == title_field):
        return f"{today:%Y-%m}"
    if isinstance(field.kind, Texts) or (isinstance(field.kind, Choice) and isinstance(field.default, tuple)):
        return []
    return None


def _lines(schema: Schema, today: dt.date, title: str, title_field: str | None, grade_bands: tuple[str, ...],
           values: dict[str, Any], indent: str = "") -> list[str]:
    lines = []
    for field in schema.fields:
        if isinstance(field.kind, Records):
            lines.append(f"{indent}{field.name}:  # {_note(field, grade_bands)}")
            entry = _lines(field.item, today, "", None, grade_bands, {}, indent + INDENT * 2)
            entry[0] = indent + INDENT + "- " + entry[0].lstrip()
            lines.extend(entry)
            continue
        text = f"{indent}{field.name}: {yaml_value(_value(field, today, title, title_field, values))}".rstrip()
        lines.append(f"{text}  # {_note(field, grade_bands)}")
    return lines


def scaffold_text(content_type: ContentType, title: str, today: dt.date, grade_bands: tuple[str, ...] = (),
                  values: dict[str, Any] | None = None, body: str | None = None) -> str:
    """A new file of this type: the title (and `values`, by field name: what an import knows)
    filled in, every other field empty and explained; `body`: the Markdown text, if known."""
    header = f"# {content_type.schema.help}\n# 填好后运行 bulletin check，它会指出还没填的必填项。\n"
    fields = "\n".join(_lines(content_type.schema, today, title, content_type.scaffold.title_field, grade_bands, values or {}))
    if content_type.suffix == ".md":
        return f"---\n{header}{fields}\n---\n\n{content_type.scaffold.body if body is None else body}\n"
    return f"{header}{fields}\n"


def new_path(content_type: ContentType, title: str, content_dir: Path, today: dt.date) -> Path:
    """Where `bulletin new` puts it: the type's folder, a name from the title's pinyin."""
    return content_type.folder_in(content_dir) / f"{content_type.scaffold.file_name(title, pinyin_slug(title), today)}{content_type.suffix}"


def write_new(path: Path, text: str) -> None:
    """Create the file with `text`, atomically and only if no file has its name (FileExistsError).

    Written beside it first and linked into place, so no reader ever sees half a file and a file
    someone made meanwhile is never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    try:
        os.link(temporary, path)  # fails when the name is taken, unlike a rename
    except FileExistsError:
        raise FileExistsError(path) from None
    except OSError:  # a file system without hard links: create exclusively, then fill
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    finally:
        temporary.unlink(missing_ok=True)


def scaffold(command: str, title: str, content_dir: Path, today: dt.date, grade_bands: tuple[str, ...] = ()) -> Path:
    """Write the new file and return its path; FileExistsError when it is already there."""
    content_type = by_command(command)
    path = new_path(content_type, title, content_dir, today)
    if path.exists():
        raise FileExistsError(path)
    write_new(path, scaffold_text(content_type, title, today, grade_bands))
    return path
