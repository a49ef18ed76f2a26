"""`bulletin new`: start a content file from its schema, every field explained in a comment."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from generator.kinds import Date, Month, Records
from generator.ordering import pinyin_slug
from generator.registry import by_command
from generator.schema import Field, Schema


def _value(field: Field, today: dt.date, title: str, is_title: bool) -> Any:
    if is_title:
        return title
    if isinstance(field.kind, Date):
        return today
    if isinstance(field.kind, Month):
        return f"{today:%Y-%m}"
    return field.example if field.example is not None else ("" if field.required else None)


def _dump(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def _lines(schema: Schema, today: dt.date, title: str, title_field: str, indent: str = "") -> list[str]:
    lines = []
    for field in schema.fields:
        required = "必填 required" if field.required else "选填 optional"
        if isinstance(field.kind, Records):
            lines.append(f"{indent}{field.name}:  # {field.help}（{required}）")
            item_lines = _lines(field.item, today, "", "", indent + "    ")
            item_lines[0] = indent + "  - " + item_lines[0].lstrip()
            lines.extend(item_lines)
            continue
        value = _dump(_value(field, today, title, field.name == title_field))
        text = f"{indent}{field.name}: {value}".rstrip()
        lines.append(f"{text}  # {field.help}（{required}）")
    return lines


def scaffold(command: str, title: str, content_dir: Path, today: dt.date) -> Path:
    """Write the new file and return its path; FileExistsError when it is already there."""
    content_type = by_command(command)
    schema, suffix = content_type.schema, content_type.suffix
    path = content_type.folder_in(content_dir) / f"{content_type.scaffold.file_name(pinyin_slug(title), today)}{suffix}"
    if path.exists():
        raise FileExistsError(path)
    header = f"# {schema.help}\n"
    body = "\n".join(_lines(schema, today, title, content_type.scaffold.title_field))
    if suffix == ".md":
        text = f"---\n{header}{body}\n---\n\n{content_type.scaffold.body}\n"
    else:
        text = f"{header}{body}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
