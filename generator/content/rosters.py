"""Class library-assistant rosters (各班图书管理员名单) and the weekly borrowing rotation (借阅轮流表)."""
from __future__ import annotations

import datetime as dt

from generator.load import SourceFile
from generator.model import Assistant, Grade, Roster, RotationSlot, SchoolClass
from generator.ordering import class_key, grade_number, pinyin_key
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import ROSTER, ROTATION_SLOT

WEEKDAYS = ROTATION_SLOT.field("day").choices


def _assistants(entries: list[dict]) -> tuple[Assistant, ...]:
    # Those with a role (组长) first, then everyone by pinyin, as a posted list reads.
    people = [Assistant(e["name"], e["role"]) for e in entries]
    return tuple(sorted(people, key=lambda a: (a.role is None, pinyin_key(a.name))))


def build_rosters(sources: list[SourceFile], problems: Problems) -> list[Roster]:
    rosters = []
    for source in sources:
        clean = validate(source.data, ROSTER, source.name, problems)
        if clean is None:
            continue
        grades = []
        for grade in sorted(clean["grades"], key=lambda g: grade_number(g["grade"])):
            classes = sorted(grade["classes"], key=lambda c: class_key(c["class"]))
            grades.append(Grade(grade["grade"], tuple(SchoolClass(c["class"], _assistants(c["assistants"])) for c in classes)))
        known = {c.name for g in grades for c in g.classes}
        slots, ok = [], True
        for entry in clean["rotation"]:
            for name in entry["classes"]:
                if name not in known:
                    problems.error("rotation_unknown_class", source.name, entry["_line"], value=name)
                    ok = False
            slots.append(RotationSlot(entry["day"], entry["time"], tuple(sorted(entry["classes"], key=class_key)), entry["place"]))
        if not ok:
            continue
        slots.sort(key=lambda s: (s.time, WEEKDAYS.index(s.day)))
        days = tuple(d for d in WEEKDAYS if any(s.day == d for s in slots))
        times = tuple(sorted({s.time for s in slots}))
        grid = tuple(
            tuple(tuple(c for s in slots if s.time == t and s.day == d for c in s.classes) for d in days)
            for t in times
        )
        rosters.append(Roster(
            slug=source.slug, semester=clean["semester"], first_day=clean["first_day"], last_day=clean["last_day"],
            grades=tuple(grades), rotation=tuple(slots), rotation_days=days, rotation_times=times,
            rotation_grid=grid, source=source.name,
        ))
    rosters.sort(key=lambda r: (r.first_day or dt.date.min, r.slug))
    return rosters


def current_roster(rosters: list[Roster], today: dt.date) -> Roster | None:
    for roster in rosters:
        if roster.first_day and roster.last_day and roster.first_day <= today <= roster.last_day:
            return roster
    started = [r for r in rosters if r.first_day is None or r.first_day <= today]
    return (started or rosters or [None])[-1]
