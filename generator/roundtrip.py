"""Change a few fields of a content file and nothing else: comments, key order, quoting, the
Markdown body stay byte for byte; the file is replaced atomically, and not at all if someone
saved it since it was read.

    document = read_document(path)          # ContentDocument: .data (the YAML), .body
    document.set("publisher", "中华书局")     # or a path: document.set(("classes", 0, "pupils"), 44)
    document.append(("weeks",), monday)
    document.write()                        # EditConflict when the file changed meanwhile

New files are made with `create_file`, which never replaces an existing one. The importers
use this module; the preview's editor is meant to as well.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

Key = str | int
KeyPath = str | int | tuple[Key, ...]

# Indentations that content files use (mapping, sequence, offset): the one that writes the
# unchanged file back exactly is the file's own. `bulletin new` and the sample use the first.
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1), (3, 5, 2))
BOM = "\ufeff"


class NotEditable(Exception):
    """The file cannot be changed without changing more than the fields asked for."""


class EditConflict(Exception):
    """The file was changed (by the librarian, an editor) after it was read."""


def digest_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass
class ContentDocument:
    """One content file as an editable document: its YAML (front matter for .md) and body."""

    path: Path
    data: CommentedMap
    body: str | None  # the Markdown after the front matter; None for a .yaml file
    digest: str  # of the bytes read, to refuse writing over a newer version
    _yaml: YAML = field(repr=False)
    _bom: str = ""
    _newline: str = "\n"
    _closing: str = "---"  # the line that ends the front matter (--- or ...)

    # -- reading values -----------------------------------------------------------------

    def get(self, path: KeyPath, default: Any = None) -> Any:
        node: Any = self.data
        for key in _keys(path):
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def is_empty(self, path: KeyPath) -> bool:
        """True when the field is missing or left blank (no value, "", or an empty list)."""
        value = self.get(path)
        return value is None or (isinstance(value, str) and not value.strip()) or value == []

    # -- changing values ----------------------------------------------------------------

    def set(self, path: KeyPath, value: Any) -> None:
        """Set one field; a missing key is added at the end of its mapping."""
        *parents, last = _keys(path)
        self._container(parents)[last] = editable(value)

    def append(self, path: KeyPath, value: Any) -> None:
        self.insert(path, len(self.get(path) or []), value)

    def insert(self, path: KeyPath, index: int, value: Any) -> None:
        """Insert into a list field; a missing or blank field becomes a one-line list."""
        target = self.get(path)
        if not isinstance(target, list):
            target = editable([])
            self.set(path, target)
        target.insert(index, editable(value))

    def _container(self, keys: Iterable[Key]) -> Any:
        node: Any = self.data
        for key in keys:
            node = node[key]
        return node

    # -- writing ------------------------------------------------------------------------

    def render(self) -> str:
        """The whole file's text as it would be written."""
        out = io.StringIO()
        if self.data or self.body is None:
            self._yaml.dump(self.data, out)
        text = out.getvalue()
        if self.body is not None:
            text = f"---\n{text}{self._closing}\n{self.body}"
        if self._newline != "\n":
            text = text.replace("\n", self._newline)
        return self._bom + text

    def write(self) -> None:
        """Replace the file atomically; EditConflict when it changed since it was read."""
        write_atomically(self.path, self.render(), expected_digest=self.digest)


def _keys(path: KeyPath) -> tuple[Key, ...]:
    return path if isinstance(path, tuple) else (path,)


def editable(value: Any) -> Any:
    """A plain value as ruamel writes it: lists of values on one line ([a, b]) as the content files do."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        return value
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(editable(v) for v in value)
        if not any(isinstance(v, dict) for v in value):
            seq.fa.set_flow_style()  # [a, b] on one line; a list of entries stays one entry a line
        return seq
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = editable(item)
        return mapping
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def quoted(text: str) -> DoubleQuotedScalarString:
    """A text value written in double quotes (an ISBN, which YAML would read as a number)."""
    return DoubleQuotedScalarString(text)


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML()  # round-trip mode: comments, order, flow style and quotes are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the librarian wrote on one line
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # [{name: 李娜}] stays so, not [name: 李娜]
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _load_exactly(text: str) -> tuple[CommentedMap, YAML]:
    """Parse YAML text and find the indentation that writes it back unchanged."""
    for indent in INDENTS:
        yaml = _yaml(indent)
        try:
            data = yaml.load(text)
        except YAMLError as exc:
            raise NotEditable(f"YAML: {exc}") from exc
        if data is None and not text.strip(" \n"):
            return CommentedMap(), yaml
        if not isinstance(data, CommentedMap):
            raise NotEditable("not a mapping of fields")
        out = io.StringIO()
        yaml.dump(data, out)
        if out.getvalue() == text:
            return data, yaml
    raise NotEditable("its layout would change if written again")


def parse_document(path: Path, raw: bytes) -> ContentDocument:
    """The document for these bytes (as read from `path`); NotEditable when it cannot round-trip."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotEditable("not UTF-8") from exc
    bom = BOM if text.startswith(BOM) else ""
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    if newline != "\n":
        if "\n" in text.replace("\r\n", ""):
            raise NotEditable("mixed line endings")
        text = text.replace("\r\n", "\n")
    digest = digest_of(raw)
    if path.suffix.lower() != ".md":
        data, yaml = _load_exactly(text)
        return ContentDocument(path, data, None, digest, yaml, bom, newline)
    lines = text.split("\n")
    if lines[0] != "---":
        raise NotEditable("no front matter")
    end = next((i for i in range(1, len(lines)) if lines[i] in ("---", "...")), None)
    if end is None:
        raise NotEditable("the front matter is not closed")
    front = "".join(line + "\n" for line in lines[1:end])
    data, yaml = _load_exactly(front)
    body = "\n".join(lines[end + 1:])
    return ContentDocument(path, data, body, digest, yaml, bom, newline, lines[end])


def read_document(path: Path) -> ContentDocument:
    return parse_document(path, path.read_bytes())


def write_atomically(path: Path, text: str, expected_digest: str | None = None) -> None:
    """Replace `path` with `text` in one step (a reader sees the old or the new file, never half).

    expected_digest: the digest of the file as it was read; EditConflict if it is not that now.
    """
    temporary = _temporary_beside(path, text)
    try:
        if expected_digest is not None:
            try:
                current = digest_of(path.read_bytes())
            except FileNotFoundError:
                current = None
            if current != expected_digest:
                raise EditConflict(str(path))
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise


def create_file(path: Path, content: str | bytes) -> None:
    """Write a new file atomically; FileExistsError (and nothing written) if the name is taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_beside(path, content)
    try:
        try:
            os.link(temporary, path)  # fails if the name exists: never replaces a file
        except FileExistsError:
            raise
        except OSError:
            # No hard links here (a FAT USB stick): claim the name first, then move the text in.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            os.replace(temporary, path)
    finally:
        _remove(temporary)


def _temporary_beside(path: Path, content: str | bytes) -> Path:
    # A dot name in the same folder: the build skips it, and os.replace stays on one disk.
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content.encode("utf-8") if isinstance(content, str) else content)
    except BaseException:
        _remove(Path(name))
        raise
    return Path(name)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
