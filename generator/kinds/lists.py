"""Kinds made of other values: lists of texts, of numbers, of dates, a group of fields, a list of entries."""
from __future__ import annotations

from generator.kinds.base import Kind, _st, as_text
from generator.kinds.values import Date, Number
from generator.load import LineMap
from generator.schema import At, Schema, validate


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
