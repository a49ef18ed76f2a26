"""All terminal output: problems and summaries, in the site's language (messages.yaml)."""
from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import yaml

from generator.problems import Problem

MESSAGES = Path(__file__).with_name("messages.yaml")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Any]:
    return yaml.load(MESSAGES.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def say(code: str, language: str, part: str = "message", **params: Any) -> str:
    entry = catalogue().get(code, {})
    texts = entry.get(language) or entry.get("en") or {}
    text = texts.get(part)
    if text is None:
        return code if part == "message" else ""
    return text.format_map(_Params(params))


def _width(text: str) -> int:
    # Chinese characters take two terminal cells, so the caret must count them twice.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def show_line(excerpt: str, line: int | None, column: int | None) -> str:
    """The offending line as the librarian wrote it, with a caret under the column when known."""
    number = str(line or "")
    shown = f"    {number} | {excerpt}"
    if column and column - 1 <= len(excerpt):
        shown += f"\n    {' ' * len(number)} | {' ' * _width(excerpt[: column - 1])}^"
    return shown


def _line_order(line: int | str | None) -> tuple[int, str, int]:
    # Content files have line numbers; imported spreadsheets name a row as Sheet1!12.
    if not isinstance(line, str):
        return 0, "", line or 0
    sheet, _, row = line.rpartition("!")
    return 1, sheet, int(row) if row.isdigit() else 0


class Console:
    def __init__(self, language: str = "zh-CN", verbosity: int = 1, out: TextIO | None = None, err: TextIO | None = None):
        self.language = language
        self.verbosity = verbosity  # 0 quiet, 1 normal, 2 verbose
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def say(self, code: str, **params: Any) -> str:
        return say(code, self.language, **params)

    def info(self, code: str, **params: Any) -> None:
        if self.verbosity >= 1:
            print(self.say(code, **params), file=self.out)

    def detail(self, text: str) -> None:
        if self.verbosity >= 2:
            print(text, file=self.out)

    def format_problem(self, problem: Problem) -> str:
        params = {k: v for k, v in problem.params.items()}
        label = self.say("label_error" if problem.is_error else "label_warning")
        where = problem.file
        if problem.line:
            where += f":{problem.line}"
            if problem.column:
                where += f":{problem.column}"
        message = say(problem.code, self.language, **params)
        hint = say(problem.code, self.language, part="hint", **params)
        if problem.code == "unknown_field" and not params.get("suggestion"):
            hint = hint.split("？", 1)[-1].split("? ", 1)[-1]
        text = f"{where}: {label}: {message}"
        if problem.excerpt:
            text += "\n" + show_line(problem.excerpt, problem.line, problem.column)
        if hint:
            text += f"\n    {self.say('label_fix')}: {hint}"
        return text

    def problems(self, problems: list[Problem]) -> None:
        ordered = sorted(problems, key=lambda p: (not p.is_error, p.file, _line_order(p.line)))
        for problem in ordered:
            if problem.is_error or self.verbosity >= 1:
                print(self.format_problem(problem), file=self.err)
        errors = sum(1 for p in problems if p.is_error)
        if problems and (errors or self.verbosity >= 1):
            print(self.say("summary_problems", errors=errors, warnings=len(problems) - errors), file=self.err)
