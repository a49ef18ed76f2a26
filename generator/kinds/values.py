"""Kinds of single values: text, number, yes/no, date, month, time range, ISBN, call number, choice."""
from __future__ import annotations

import datetime as dt
import re

from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

from generator.kinds.base import CALL_NUMBER, DATE_SHAPE, MONTH, TIME_DASHES, TIME_RANGE, Kind, _st, as_text, shown


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


