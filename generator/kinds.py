"""Field kinds: what a value in a content file may be, each kind a small object.

A kind checks a value written in a file (the clean value, or a problem at file:line with a
hint), describes itself for the README's field tables, says which form widget edits it in the
preview's editor and how a submitted form value becomes a value for the file, and gives a
hypothesis strategy of values to throw at it (tests/test_properties.py). Adding a kind is a
class here, never another branch elsewhere; MkDocs' config_options and Lektor's types work so.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, ClassVar

from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

from generator.load import LineMap
from generator.problems import Problems
from generator.schema import At, Field, Schema, validate

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


# A whole value pasted from Word in curly quotes, “第三届读书节”: the quotes would show on the page.
CURLY_QUOTED = re.compile(r"^[“‘「『].*[”’」』]$", re.DOTALL)


class Text(Kind):
    name, words, widget = "text", "text", "text"

    def parse(self, field, value, at, problems):
        text = as_text(value)
        if text is None:
            return self.wrong(field, value, at, problems)
        if CURLY_QUOTED.match(text) and not re.search(r"[“‘「『”’」』]", text[1:-1]):
            problems.warn("curly_quotes", at.file, at.line, column=at.column, field=field.name, value=shown(text))
        return True, text


class LongText(Text):
    """A text of a few sentences (a description, a note): a text area in the editor."""
    widget = "textarea"


class BookRef(Text):
    """A book of the catalogue, by its file name (without .md) or its ISBN."""
    words, widget = "book: file name or ISBN", "book"


class ImageName(Text):
    """An image's file name, beside the content file or in content/images/."""
    words, widget = "image file name", "image"


class Number(Kind):
    name, words, widget = "int", "number", "number"

    def parse(self, field, value, at, problems):
        if isinstance(value, int) and not isinstance(value, bool):
            return True, value
        if isinstance(value, str) and value.strip().isdigit():
            return True, int(value.strip())
        return self.wrong(field, value, at, problems)

    def from_form(self, raw):
        text = raw.strip()
        return int(text) if text.isdigit() else (text or None)

    def strategy(self):
        st = _st()
        return st.one_of(st.integers(-10, 10**6), st.sampled_from(["12", "十二", "1.5", ""]))


class YesNo(Kind):
    name, words, widget = "bool", "true/false", "checkbox"

    def parse(self, field, value, at, problems):
        if isinstance(value, bool):
            return True, value
        if isinstance(value, str) and value.strip() in ("是", "否"):
            return True, value.strip() == "是"
        return self.wrong(field, value, at, problems)

    def from_form(self, raw):
        return raw.strip() in ("on", "true", "1", "是")

    def strategy(self):
        st = _st()
        return st.one_of(st.booleans(), st.sampled_from(["是", "否", "yes", "1"]))


class Date(Kind):
    name, words, widget = "date", "date YYYY-MM-DD", "date"

    def parse(self, field, value, at, problems):
        if isinstance(value, dt.datetime):
            return True, value.date()
        if isinstance(value, dt.date):
            return True, value
        if isinstance(value, str) and DATE_SHAPE.match(value.strip()):
            return self.wrong(field, value, at, problems, "no_such_date")
        return self.wrong(field, value, at, problems, "bad_date")

    def from_form(self, raw):
        text = raw.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text or None

    def strategy(self):
        st = _st()
        return st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
                         st.sampled_from(["2026-02-30", "2026-13-01", "3月5日", "2026/03/05"]))


class Month(Kind):
    name, words, widget = "month", "month YYYY-MM", "month"

    def parse(self, field, value, at, problems):
        if isinstance(value, dt.date):
            return True, dt.date(value.year, value.month, 1)
        match = MONTH.match(value.strip()) if isinstance(value, str) else None
        if match and 1 <= int(match.group(2)) <= 12:
            return True, dt.date(int(match.group(1)), int(match.group(2)), 1)
        return self.wrong(field, value, at, problems, "bad_month")

    def strategy(self):
        st = _st()
        return st.one_of(st.sampled_from(["2026-09", "2026-13", "2026-9", "九月"]), st.dates(dt.date(2000, 1, 1)))


class TimeRange(Kind):
    name, words, widget = "time_range", "time range \"HH:MM-HH:MM\"", "time_range"

    def parse(self, field, value, at, problems):
        if isinstance(value, int):  # YAML 1.1 reads an unquoted 12:00 as a number of minutes
            problems.error("unquoted_time", at.file, at.line, column=at.column, field=field.name)
            return False, None
        text = as_text(value)
        if text is not None and TIME_RANGE.match(text):
            start, end = TIME_DASHES.split(text.replace("：", ":"))
            return True, f"{start}–{end}"
        return self.wrong(field, value, at, problems, "bad_time_range")

    def strategy(self):
        return _st().sampled_from(["12:00-12:50", "12:00–12:50", "12：00-12：50", "12:00", 720, "中午"])


class Isbn(Kind):
    name, words, widget = "isbn", "ISBN", "isbn"

    def parse(self, field, value, at, problems):
        text = as_text(value)
        if text is None:
            return self.wrong(field, value, at, problems)
        try:
            return True, stdnum_isbn.validate(text, convert=True)
        except ValidationError:
            compact = stdnum_isbn.compact(text)
            code = "bad_isbn_checksum" if len(compact) in (10, 13) and compact[:-1].isdigit() else "bad_isbn"
            problems.error(code, at.file, at.line, column=at.column, value=text)
            return False, None

    def strategy(self):
        return _st().sampled_from(["978-7-02-000873-5", "9787020008735", "7020008739", "978-7-02-000873-6", "ISBN", 978])


class CallNumber(Kind):
    name, words, widget = "call_number", "中图法 call number", "call_number"

    def parse(self, field, value, at, problems):
        text = as_text(value)
        if text is not None and CALL_NUMBER.match(text.upper().replace(" ", "")):
            return True, text.upper().replace(" ", "")
        problems.error("bad_call_number", at.file, at.line, column=at.column, value=shown(value))
        return False, None

    def strategy(self):
        return _st().sampled_from(["I287.45", "i 287.45", "I242.4/12", "287.45", "西游记"])


class Choice(Kind):
    name, words, widget = "choice", "one of", "select"

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def parse(self, field, value, at, problems):
        text = as_text(value)
        if text in self.choices:
            return True, text
        return self.wrong(field, value, at, problems, "bad_choice", choices="、".join(self.choices))

    def describe(self):
        return self.words + ": " + ", ".join(f"`{c}`" for c in self.choices)

    def form(self):
        return {"widget": self.widget, "choices": list(self.choices)}

    def strategy(self):
        st = _st()
        return st.one_of(st.sampled_from(self.choices), st.text(max_size=6))


class Choices(Choice):
    name, words, widget = "choices", "list, each one of", "checkboxes"

    def parse(self, field, value, at, problems):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            return self.wrong(field, value, at, problems)
        if any(as_text(v) not in self.choices for v in items):
            return self.wrong(field, value, at, problems, "bad_choice", choices="、".join(self.choices))
        return True, [as_text(v) for v in items]

    def from_form(self, raw):
        return [line.strip() for line in raw.split("\n") if line.strip()]

    def strategy(self):
        st = _st()
        return st.one_of(st.lists(st.sampled_from(self.choices), max_size=3), st.sampled_from(self.choices))


class Texts(Kind):
    """A list of short texts: `[低年级, 中年级]` or one per line after `- `."""
    name, words, widget = "texts", "list of text", "texts"

    def parse(self, field, value, at, problems):
        items = [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value
        if not isinstance(items, list) or any(as_text(v) is None for v in items):
            return self.wrong(field, value, at, problems)
        return True, [as_text(v) for v in items if as_text(v)]

    def from_form(self, raw):
        return [line.strip() for line in raw.split("\n") if line.strip()]

    def strategy(self):
        st = _st()
        return st.one_of(st.lists(st.text(max_size=8), max_size=4), st.text(max_size=12))


class BookRefs(Texts):
    """Books of the catalogue, each by file name (without .md) or ISBN."""
    words, widget = "list of books: file name or ISBN", "books"


class ListOf(Kind):
    """A list whose every entry is of one simple kind (numbers, dates)."""

    def __init__(self, each: Kind) -> None:
        self.each = each

    def parse(self, field, value, at, problems):
        if not isinstance(value, list):
            return self.wrong(field, value, at, problems)
        results = [self.each.check(field, v, at, problems) for v in value]
        if not all(ok for ok, _ in results):
            return False, None
        return True, [v for _, v in results]

    def from_form(self, raw):
        return [self.each.from_form(line) for line in raw.replace(",", "\n").split("\n") if line.strip()]

    def strategy(self):
        st = _st()
        return st.one_of(st.lists(self.each.strategy(), max_size=5), self.each.strategy())


class Numbers(ListOf):
    name, words, widget = "ints", "list of numbers", "numbers"

    def __init__(self) -> None:
        super().__init__(Number())


class Dates(ListOf):
    name, words, widget = "dates", "list of dates", "dates"

    def __init__(self) -> None:
        super().__init__(Date())


class Group(Kind):
    """A group of fields under one name (config.yaml's `site:`)."""
    name, words, widget = "record", "group of fields", "group"

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def parse(self, field, value, at, problems):
        if not isinstance(value, LineMap):
            return self.wrong(field, value, at, problems)
        clean = validate(value, self.schema, at.file, problems)
        return clean is not None, clean

    def form(self):
        return {"widget": self.widget, "fields": self.schema.name}


class Records(Kind):
    """A list of entries, each a group of fields (a list's books, a roster's grades)."""
    name, words = "records", "list of entries"

    def __init__(self, schema: Schema, widget: str = "records") -> None:
        self.schema = schema
        self.widget = widget  # "table" for rows of figures (a month's loans)

    def parse(self, field, value, at, problems):
        if not isinstance(value, list):
            return self.wrong(field, value, at, problems)
        records, ok = [], True
        for entry in value:
            if isinstance(entry, (str, int)) and not isinstance(entry, bool):
                entry = self._bare(entry, at)
            if not isinstance(entry, LineMap):
                problems.error("not_a_mapping_item", at.file, at.line, field=field.name)
                ok = False
                continue
            clean = validate(entry, self.schema, at.file, problems)
            if clean is None:
                ok = False
            else:
                records.append(clean)
        return ok, records

    def _bare(self, entry: str | int, at: At) -> LineMap:
        """A bare value stands for the entry's first field: `- 李明` means `- name: 李明`."""
        entry_map = LineMap({self.schema.fields[0].name: entry})
        entry_map.line, entry_map.lines, entry_map.columns = at.line or 1, {}, {}
        return entry_map

    def form(self):
        return {"widget": self.widget, "fields": self.schema.name}
