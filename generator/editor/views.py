"""The editor's pages: Jinja templates of the theme (templates/editor/), in its translations."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from generator.console import say
from generator.editor.forms import FormMaker, label_of
from generator.i18n import Translations
from generator.problems import Problem
from generator.registry import ContentType, content_types
from generator.themes import theme_dirs

STATIC = Path(__file__).with_name("static")


class Views:
    """Renders editor pages for one config (made again when config.yaml changes)."""

    def __init__(self, config: Any):
        self.config = config
        self.language = config.site["language"]
        dirs = theme_dirs(config)
        self.translations = Translations.load(dirs, self.language)
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d / "templates") for d in dirs]),
                                      autoescape=True, undefined=jinja2.StrictUndefined,
                                      trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(t=self.translations, lang=self.language, site=config.site,
                                type_label=self.type_label)
        self.forms = FormMaker(self.language, self.word)

    def word(self, key: str) -> str | None:
        value = self.translations.strings.get(key)
        return value if isinstance(value, str) else None

    def type_label(self, content_type: ContentType | str) -> str:
        if isinstance(content_type, str):
            content_type = next(t for t in content_types() if t.name == content_type)
        return self.word(f"editor.types.{content_type.name}") or label_of(content_type.schema, self.language, self.word)

    def problem_text(self, problem: Problem) -> dict[str, str]:
        """A problem as the form shows it: its message and how to fix it, in the site's language."""
        return {"severity": problem.severity, "message": say(problem.code, self.language, **problem.params),
                "hint": say(problem.code, self.language, part="hint", **problem.params)}

    def render(self, template: str, **context: Any) -> bytes:
        return self.env.get_template(f"editor/{template}").render(**context).encode("utf-8")


def static_file(name: str) -> tuple[bytes, str] | None:
    """The editor's own script and style sheet (never copied into output/)."""
    types = {"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}
    if name not in types:
        return None
    return (STATIC / name).read_bytes(), types[name]
