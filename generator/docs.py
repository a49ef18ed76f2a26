"""The README's field tables, written from the schemas so the two never disagree.

`python -m generator.docs` prints them; a test checks README.md holds the current text.
"""
from __future__ import annotations

from generator.config import CONFIG
from generator.schema import Field, Schema
from generator.schemas import CONTENT_TYPES

WHERE = {
    "books": "content/books/<slug>.md", "lists": "content/lists/<slug>.yaml", "calendar": "content/calendar/<semester>.yaml",
    "awards": "content/awards/<slug>.yaml", "rosters": "content/rosters/<semester>.yaml", "stats": "content/stats/<YYYY-MM>.yaml",
    "pages": "content/pages/<slug>.md", "news": "content/news/<YYYY-MM-DD-slug>.md",
    "newsletters": "content/newsletters/<slug>.yaml",
}
KIND_WORDS = {
    "text": "text", "int": "number", "bool": "true/false", "date": "date YYYY-MM-DD", "month": "month YYYY-MM",
    "texts": "list of text", "ints": "list of numbers", "dates": "list of dates", "choice": "one of", "choices": "list, each one of",
    "records": "list of entries", "record": "group of fields", "isbn": "ISBN", "call_number": "中图法 call number",
    "time_range": "time range \"HH:MM-HH:MM\"",
}


def _kind(field: Field) -> str:
    words = KIND_WORDS[field.kind]
    if field.choices:
        words += ": " + ", ".join(f"`{c}`" for c in field.choices)
    return words


def _default_text(value) -> str:
    if value in (None, "", (), []):
        return ""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, (list, tuple)):
        return "`[" + ", ".join(map(str, value)) + "]`"
    return f"`{value}`"


def _rows(schema: Schema, prefix: str = "") -> list[str]:
    rows = []
    for field in schema.fields:
        default = _default_text(field.default)
        required = "**yes**" if field.required else "no"
        help_text = field.help.replace("|", "\\|")
        rows.append(f"| `{prefix}{field.name}` | {_kind(field)} | {required} | {default} | {help_text} |")
        if field.item is not None:
            rows.extend(_rows(field.item, f"{prefix}{field.name}.{'' if field.kind == 'record' else '[].'}"))
    return rows


def field_tables() -> str:
    parts = []
    header = ["| field | kind | required | default | meaning |", "|---|---|---|---|---|"]
    parts.append("#### config.yaml\n\n" + "\n".join(header + _rows(CONFIG)))
    for name, schema in CONTENT_TYPES.items():
        parts.append(f"#### {schema.help} — `{WHERE[name]}`\n\n" + "\n".join(header + _rows(schema)))
    return "\n\n".join(parts) + "\n"


def update_readme(readme) -> None:
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split("<!-- fields:start -->\n", 1)
    tail = rest.split("<!-- fields:end -->", 1)[1]
    readme.write_text(f"{head}<!-- fields:start -->\n{field_tables()}<!-- fields:end -->{tail}", encoding="utf-8")


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if "--write" in sys.argv:  # python -m generator.docs --write: refresh README.md in place
        update_readme(Path(__file__).resolve().parent.parent / "README.md")
    else:
        print(field_tables(), end="")
