"""The README's field tables, written from the schemas so the two never disagree.

`python -m generator.docs` prints them; a test checks README.md holds the current text.
"""
from __future__ import annotations

from generator.config import CONFIG
from generator.kinds import Group
from generator.registry import content_types
from generator.schema import Schema


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
        rows.append(f"| `{prefix}{field.name}` | {field.kind.describe()} | {required} | {default} | {help_text} |")
        if field.item is not None:
            rows.extend(_rows(field.item, f"{prefix}{field.name}.{'' if isinstance(field.kind, Group) else '[].'}"))
    return rows


def field_tables() -> str:
    parts = []
    header = ["| field | kind | required | default | meaning |", "|---|---|---|---|---|"]
    parts.append("#### config.yaml\n\n" + "\n".join(header + _rows(CONFIG)))
    for content_type in content_types():
        schema = content_type.schema
        parts.append(f"#### {schema.help} — `{content_type.where}`\n\n" + "\n".join(header + _rows(schema)))
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
