"""Loans per class and week -> the month's statistics file (content/stats/YYYY-MM.yaml).

A week goes into the file of the month its Monday is in. A new file is written whole; an
existing one gets the new week inserted in date order (every class's figures with it) and
nothing else changed. A week already there stays as it is unless --replace is given. Each
class's number of pupils comes from its latest statistics file.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.importers import Tally
from generator.scaffold import yaml_value as yaml_scalar
from generator.model import Site
from generator.ordering import class_key
from generator.problems import Problems, relative_name
from generator.roundtrip import ContentDocument, EditConflict, NotEditable, create_file, read_document
from generator.content.stats import STATS


@dataclass(frozen=True)
class StatsOptions:
    replace: bool = False
    dry_run: bool = False


def latest_pupils(site: Site) -> dict[str, int]:
    pupils: dict[str, int] = {}
    for month in site.stats:  # in month order: a later month's figure wins
        pupils.update({c.class_name: c.pupils for c in month.classes})
    return pupils


def write_loans(counts: Counter, site: Site, config: Config, options: StatsOptions, problems: Problems, tally: Tally) -> None:
    pupils = latest_pupils(site)
    files = {f"{m.month:%Y-%m}": config.root / m.source for m in site.stats}
    months: dict[str, set[dt.date]] = {}
    for _, monday in counts:
        months.setdefault(f"{monday:%Y-%m}", set()).add(monday)
    for month, mondays in sorted(months.items()):
        path = files.get(month, config.content_dir / "stats" / f"{month}.yaml")
        writer = MonthWriter(path, relative_name(path, config.root), counts, pupils, options, problems, tally)
        writer.write(month, sorted(mondays))


class MonthWriter:
    def __init__(self, path: Path, name: str, counts: Counter, pupils: dict[str, int], options: StatsOptions,
                 problems: Problems, tally: Tally):
        self.path, self.name, self.counts, self.pupils = path, name, counts, pupils
        self.options, self.problems, self.tally = options, problems, tally

    def classes(self, mondays: list[dt.date]) -> list[str]:
        return sorted({c for c, monday in self.counts if monday in mondays}, key=class_key)

    def loans(self, class_name: str, weeks: list[dt.date]) -> list[int]:
        return [self.counts.get((class_name, week), 0) for week in weeks]

    def write(self, month: str, mondays: list[dt.date]) -> None:
        if self.path.exists():
            self.edit(mondays)
        else:
            self.create(month, mondays)

    def _with_pupils(self, names: list[str], weeks: list[dt.date]) -> list[str]:
        """The classes whose pupils are known; the others are named, with the lines to add."""
        known = []
        for class_name in names:
            if class_name in self.pupils:
                known.append(class_name)
                continue
            loans = ", ".join(str(n) for n in self.loans(class_name, weeks))
            self.problems.warn("import_no_pupils", self.name, None, value=class_name, loans=f"[{loans}]")
            self.tally.skipped += 1
        return known

    def create(self, month: str, mondays: list[dt.date]) -> None:
        names = self._with_pupils(self.classes(mondays), mondays)
        if not names:
            return  # a statistics file needs at least one class
        if not self.options.dry_run:
            create_file(self.path, stats_text(month, mondays, [(n, self.pupils[n], self.loans(n, mondays)) for n in names]))
        self.tally.new.append({"file": self.name, "weeks": _days(mondays), "classes": len(names)})

    def edit(self, mondays: list[dt.date]) -> None:
        try:
            document = read_document(self.path)
        except NotEditable as exc:
            self.problems.error("import_not_editable", self.name, None, detail=str(exc))
            self.tally.skipped += 1
            return
        weeks = [_as_day(w) for w in document.get("weeks") or []]
        added, replaced = [], []
        for monday in mondays:
            if monday in weeks and not self.options.replace:
                self.problems.warn("import_week_exists", self.name, None, week=monday.isoformat())
                self.tally.existing.append({"file": self.name, "weeks": monday.isoformat()})
                continue
            if monday in weeks:
                replaced.append(monday)
                self._set_week(document, weeks.index(monday), monday)
            else:
                added.append(monday)
                self._insert_week(document, weeks, monday)
        if not added and not replaced:
            return
        written = set(self._entries(document))
        new = self._with_pupils([n for n in self.classes(added + replaced) if n not in written], weeks)
        for class_name in new:
            self._add_class(document, class_name, weeks)
        try:
            if not self.options.dry_run:
                document.write()
        except EditConflict:
            self.problems.error("import_file_changed", self.name, None)
            self.tally.skipped += 1
            return
        if added:
            self.tally.new.append({"file": self.name, "weeks": _days(added), "classes": len(written) + len(new)})
        if replaced:
            self.tally.filled.append({"file": self.name, "weeks": _days(replaced), "classes": len(written) + len(new)})

    def _entries(self, document: ContentDocument) -> dict[str, int]:
        return {str(entry.get("class")): i for i, entry in enumerate(document.get("classes") or [])}

    def _insert_week(self, document: ContentDocument, weeks: list[dt.date], monday: dt.date) -> None:
        at = bisect.bisect(weeks, monday)
        weeks.insert(at, monday)
        document.insert("weeks", at, monday)
        for class_name, i in self._entries(document).items():
            document.insert(("classes", i, "loans"), at, self.counts.get((class_name, monday), 0))

    def _set_week(self, document: ContentDocument, at: int, monday: dt.date) -> None:
        for class_name, i in self._entries(document).items():
            document.set(("classes", i, "loans", at), self.counts.get((class_name, monday), 0))

    def _add_class(self, document: ContentDocument, class_name: str, weeks: list[dt.date]) -> None:
        entries = document.get("classes") or []
        at = bisect.bisect([class_key(str(e.get("class"))) for e in entries], class_key(class_name))
        document.insert("classes", at, {"class": class_name, "pupils": self.pupils[class_name],
                                        "loans": self.loans(class_name, weeks)})


def _as_day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _days(days: list[dt.date]) -> str:
    return "、".join(d.isoformat() for d in days)


def stats_text(month: str, weeks: list[dt.date], classes: list[tuple[str, int, list[int]]]) -> str:
    """A new statistics file, each field with its explanation as `bulletin new` writes them."""
    helps = {f.name: f.help for f in STATS.fields}
    lines = [
        f"# {STATS.help}",
        f"month: {month}  # {helps['month']}",
        f"weeks: [{', '.join(w.isoformat() for w in weeks)}]  # {helps['weeks']}",
        f"classes:  # {helps['classes']}",
    ]
    for name, pupils, loans in classes:
        lines += [f"  - class: {yaml_scalar(name)}", f"    pupils: {pupils}", f"    loans: [{', '.join(map(str, loans))}]"]
    return "\n".join(lines) + "\n"
