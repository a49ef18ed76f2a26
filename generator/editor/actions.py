"""What the editor's forms do to files: save a changed file, create a new one. Each returns an
`Outcome`: where to go next, or the page to show again (with its problems) and its status."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.editor.forms import BODY, Values, form_values, name_of, posted_text, submitted_values
from generator.editor.paths import NotAllowed, existing_file, new_file
from generator.editor.saving import Placed, apply, apply_body, check_text, place
from generator.scaffold import new_path
from generator.problems import Problem, relative_name
from generator.registry import ContentType
from generator.roundtrip import ContentDocument, EditConflict, NotEditable, create_file, parse_document, read_document


@dataclass
class Outcome:
    status: int
    redirect: str = ""  # after a save: the form again, saying so
    values: Values = field(default_factory=dict)  # the form to show again, as submitted
    placed: list[Placed] = field(default_factory=list)
    body: str | None = None
    digest: str = ""
    conflict: tuple[str, str] | None = None  # (the file as it is now, the text this save would write)


@dataclass
class Context:
    """What the actions need of the running preview."""
    config: Any
    site: Any  # the last good build's model (for the checks across types), or None
    markdown: Any


def _problems(content_type: ContentType, path: Path, text: str, context: Context) -> list[Placed]:
    found = check_text(content_type, path, text, context.config, context.site, context.markdown)
    return place(found, text, path, content_type, context.config.root)


def save(content_type: ContentType, slug: str, pairs: list[tuple[str, str]], context: Context) -> Outcome:
    """Apply a submitted form to its file; nothing is written when the result has an error or
    when the file changed since the form was made (then both versions are shown)."""
    path = existing_file(content_type, slug, context.config.content_dir)
    values = submitted_values(pairs)
    sent_digest = next((v for k, v in reversed(pairs) if k == "_hash"), "")
    document = read_document(path)  # NotEditable: the caller says so
    raw = path.read_bytes()
    original = raw.decode("utf-8", errors="replace")
    changed_since = document.digest != sent_digest
    apply(document.data, content_type.schema, values)
    apply_body(document, values)
    text = document.render()
    if changed_since:
        return Outcome(409, values=values, body=_body_of(values, document), digest=document.digest,
                       conflict=(original, text))
    placed = _problems(content_type, path, text, context)
    if any(p.problem.is_error for p in placed):
        return Outcome(422, values=values, placed=placed, body=_body_of(values, document), digest=sent_digest)
    if text.encode("utf-8") != raw:
        try:
            document.write()
        except EditConflict:
            now = path.read_bytes().decode("utf-8", errors="replace")
            return Outcome(409, values=values, body=_body_of(values, document), digest=document.digest,
                           conflict=(now, text))
    return Outcome(303, redirect=f"edit/{content_type.name}/{slug}?saved=1")


def _body_of(values: Values, document: ContentDocument) -> str | None:
    if document.body is None:
        return None
    return values.get((BODY,), [document.body])[-1].replace("\r\n", "\n")


def create(content_type: ContentType, pairs: list[tuple[str, str]], context: Context) -> Outcome:
    """A new file from a blank form, named by the type's scaffold from its title; never over a file."""
    config = context.config
    values = submitted_values(pairs)
    title_field = content_type.schema.fields[0] if content_type.scaffold.title_field is None \
        else content_type.schema.field(content_type.scaffold.title_field)
    title = posted_text(title_field, values.get((title_field.name,))).strip()
    path = new_file(content_type, new_path(content_type, title or "new", config.content_dir, config.today).stem,
                    config.content_dir)
    markdown = content_type.suffix == ".md"
    document = parse_document(path, b"---\n---\n" if markdown else b"")
    apply(document.data, content_type.schema, values)
    body = values.get((BODY,), [""])[-1].replace("\r\n", "\n").strip("\n")
    if markdown:
        document.body = f"\n{body}\n" if body else ""
    text = document.render()
    placed = _problems(content_type, path, text, context)
    if path.exists():
        placed.append(_exists(path, title_field.name, config.root))
    if any(p.problem.is_error for p in placed):
        return Outcome(422, values=values, placed=placed, body=body if markdown else None)
    try:
        create_file(path, text)
    except FileExistsError:
        return Outcome(422, values=values, placed=[_exists(path, title_field.name, config.root)],
                       body=body if markdown else None)
    return Outcome(303, redirect=f"edit/{content_type.name}/{path.stem}?saved=1")


def _exists(path: Path, field_name: str, root: Path) -> Placed:
    name = relative_name(path, root)
    return Placed(name_of((field_name,)), Problem("edit_file_exists", name, None, {"path": name}))


def current(content_type: ContentType, slug: str, context: Context) -> tuple[ContentDocument, Values, list[Placed]]:
    """A file as its form shows it, with the problems `bulletin check` finds in it now."""
    path = existing_file(content_type, slug, context.config.content_dir)
    document = read_document(path)
    text = path.read_bytes().decode("utf-8", errors="replace")
    return document, form_values(document.data, content_type.schema), _problems(content_type, path, text, context)


__all__ = ["Context", "NotAllowed", "NotEditable", "Outcome", "create", "current", "save"]
