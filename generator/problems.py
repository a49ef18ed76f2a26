"""Problems found in content or configuration, kept as values until the command line prints them.

A problem names a message by its code in `messages.yaml` (so it can be said in Chinese or
English) and carries the values to fill in; the file and line tell the librarian where to look.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    file: str  # path relative to the project, with forward slashes
    line: int | str | None = None  # a line of a content file; a record number or Sheet1!12 in an imported file
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    severity: str = ERROR
    column: int | None = None  # 1-based, where the parser or the schema knows it
    excerpt: str = field(default="", compare=False)  # the offending line as written, shown under the message

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class Problems(list):
    """A list of Problem with helpers to add them; one per stage run."""

    def error(self, code: str, file: str, line: int | str | None = None, *, column: int | None = None,
              excerpt: str = "", **params: Any) -> None:
        self.append(Problem(code, file, line, params, ERROR, column, excerpt))

    def warn(self, code: str, file: str, line: int | str | None = None, *, column: int | None = None,
             excerpt: str = "", **params: Any) -> None:
        self.append(Problem(code, file, line, params, WARNING, column, excerpt))

    def errors_for(self, file: str) -> list[Problem]:
        return [p for p in self if p.is_error and p.file == file]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]


def as_errors(problems: list[Problem]) -> list[Problem]:
    """--strict: every warning counts as an error."""
    return [replace(p, severity=ERROR) for p in problems]


class BuildFailed(Exception):
    """Raised at a stage boundary when problems stop the build; carries all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def relative_name(path: Path, root: Path) -> str:
    """content/books/x.md: how messages and page inputs name a file."""
    # The name as the librarian sees it first: a symlink is named by where it sits, not where
    # it leads. Only when that fails is the disk asked (resolve() costs a system call a part).
    path_text, root_text = os.fspath(path), os.fspath(root)
    if os.path.isabs(path_text) and os.path.isabs(root_text) and os.sep == "/":
        # The common case, thousands of times a build, without pathlib's parsing.
        prefix = root_text.rstrip("/") + "/"
        if path_text.startswith(prefix) and "/./" not in path_text and "/../" not in path_text:
            return path_text[len(prefix):].rstrip("/")
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
