"""What every field kind shares: the Kind class and the helpers the kinds use."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from generator.problems import Problems
from generator.schema import At, Field

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

CALL_NUMBER = re.compile(r"^[A-Z][A-Z]?\d+([.\-]\d+)*(/[\w.\-]+)?$")
TIME_RANGE = re.compile(r"^\d{1,2}[:：]\d{2}\s*[-–—~～至]+\s*\d{1,2}[:：]\d{2}$")
TIME_DASHES = re.compile(r"\s*[-–—~～至]+\s*")
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")  # written right, but a day the calendar lacks

# Control characters (pasted from Word, or written as "\x01" in a quoted YAML string) show as
# nothing on a page and make XML outputs (feeds, sitemap, calendar) invalid: they are dropped.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value).strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _st():
    from hypothesis import strategies  # a test library: loaded only when a test asks for strategies
    return strategies


class Kind:
    """One kind of value. Subclasses set the class attributes and override `parse`."""

    name: ClassVar[str]  # the kind's name in problems (`expected`)
    words: ClassVar[str]  # how the README's field tables name it
    widget: ClassVar[str]  # the editor's input for it (see generator/editor)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def check(self, field: Field, value: Any, at: At, problems: Problems) -> tuple[bool, Any]:
        """(ok, clean value); a problem recorded at `at` when the value is wrong."""
        return self.parse(field, value, at, problems)

    def parse(self, field: Field, value: Any, at: At, problems: Problems) -> tuple[bool, Any]:
        raise NotImplementedError

    def wrong(self, field: Field, value: Any, at: At, problems: Problems, code: str = "wrong_kind",
              **params: Any) -> tuple[bool, None]:
        problems.error(code, at.file, at.line, column=at.column, field=field.name, value=shown(value),
                       expected=self.name, **params)
        return False, None

    def describe(self) -> str:
        return self.words

    def form(self) -> dict[str, Any]:
        """What the editor needs to draw the widget."""
        return {"widget": self.widget}

    def from_form(self, raw: str) -> Any:
        """A submitted form value as it is to be written in the file (checked like any value after)."""
        text = raw.strip()
        return text or None

    def strategy(self) -> SearchStrategy:
        """Values this kind accepts, and near misses, as YAML would hand them over."""
        return _st().text(max_size=20)


