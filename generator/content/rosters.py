"""Class library-assistant rosters (各班图书管理员名单) and the weekly borrowing rotation (借阅轮流表)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.config import Config
from generator.kinds import Choice, Date, Records, Text, Texts, TimeRange
from generator.load import SourceFile
from generator.ordering import class_key, grade_number, pinyin_key
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page
from generator.schema import Values, declare, schema_of, validate

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def clock(time_range: str) -> tuple[int, int]:
    """A time range's start as (hour, minute), so 8:00–8:40 comes before 14:00–14:40 (as text it does not)."""
    hour, _, minute = time_range.split("–")[0].partition(":")
    return int(hour), int(minute)


def looks_like_a_class(name: str) -> bool:
    """三年级(2)班, 初一3班: a rotation slot's entry that must be a class of the roster. Others
    (教师借阅, 图书管理员值班, 全校开放) are slots for something other than a class."""
    return name.endswith("班")


@dataclass(frozen=True)
class Assistant:
    name: str = declare(Text(), required=True, help="姓名 name")
    role: str | None = declare(Text(), help="职务，如 组长 role")


ASSISTANT = schema_of(Assistant, "assistant")


@dataclass(frozen=True)
class SchoolClass:
    name: str = declare(Text(), name="class", required=True, help="班级，如 一年级(1)班 class")
    assistants: tuple[Assistant, ...] = declare(Records(ASSISTANT), default=(), help="班级图书管理员 library assistants")


SCHOOL_CLASS = schema_of(SchoolClass, "class")


@dataclass(frozen=True)
class Grade:
    name: str = declare(Text(), name="grade", required=True, help="年级，如 一年级 grade")
    classes: tuple[SchoolClass, ...] = declare(Records(SCHOOL_CLASS), default=(), help="班级 classes")


GRADE = schema_of(Grade, "grade")


@dataclass(frozen=True)
class RotationSlot:
    day: str = declare(Choice(WEEKDAYS), required=True, help="星期 weekday")
    time: str = declare(TimeRange(), required=True, help="时间，如 \"12:00-12:50\"（加引号）time")
    classes: tuple[str, ...] = declare(Texts(), required=True, help="轮到借书的班级 classes borrowing in this slot")
    place: str | None = declare(Text(), help="地点 place")


ROTATION_SLOT = schema_of(RotationSlot, "rotation slot")


@dataclass(frozen=True)
class Roster:
    semester: str = declare(Text(), required=True, help="学期名称 semester", example="2026—2027学年第一学期")
    first_day: dt.date | None = declare(Date(), help="任期开始 first day of service")
    last_day: dt.date | None = declare(Date(), help="任期结束 last day of service")
    grades: tuple[Grade, ...] = declare(Records(GRADE), required=True, help="各年级班级和图书管理员 grades, classes, assistants")
    rotation: tuple[RotationSlot, ...] = declare(Records(ROTATION_SLOT), default=(), help="借阅轮流表 weekly borrowing rotation")
    slug: str = ""
    rotation_days: tuple[str, ...] = ()
    rotation_times: tuple[str, ...] = ()
    rotation_grid: tuple[tuple[tuple[str, ...], ...], ...] = ()  # [time][day] -> classes
    source: str = ""

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(c.name for g in self.grades for c in g.classes)


ROSTER = schema_of(Roster, "rosters", help="各班图书管理员名单与借阅轮流表 roster and rotation")


def _assistants(entries: list[Values]) -> tuple[Assistant, ...]:
    # Those with a role (组长) first, then everyone by pinyin, as a posted list reads.
    people = [Assistant(**e.record_values(ASSISTANT)) for e in entries]
    return tuple(sorted(people, key=lambda a: (a.role is None, pinyin_key(a.name))))


def _grades(clean: Values) -> tuple[Grade, ...]:
    grades = []
    for grade in sorted(clean["grades"], key=lambda g: grade_number(g["grade"])):
        classes = sorted(grade["classes"], key=lambda c: class_key(c["class"]))
        grades.append(Grade(grade["grade"], tuple(SchoolClass(c["class"], _assistants(c["assistants"])) for c in classes)))
    return tuple(grades)


def _rotation(clean: Values, known: set[str], source: SourceFile, problems: Problems) -> list[RotationSlot] | None:
    """The rotation's slots by time and weekday; None when a slot names a class the roster lacks."""
    slots, ok = [], True
    for entry in clean["rotation"]:
        for name in entry["classes"]:
            if name not in known and looks_like_a_class(name):
                problems.error("rotation_unknown_class", source.name, entry.line, value=name)
                ok = False
        slots.append(RotationSlot(**{**entry.record_values(ROTATION_SLOT),
                                     "classes": tuple(sorted(entry["classes"], key=class_key))}))
    slots.sort(key=lambda s: (WEEKDAYS.index(s.day), clock(s.time)))  # a class's slots read in weekday order
    return slots if ok else None


def build_rosters(sources: list[SourceFile], made: dict, config: Config, problems: Problems) -> dict:
    """Every semester's roster, and the one in force today (`roster`)."""
    rosters = []
    for source in sources:
        clean = validate(source.data, ROSTER, source.name, problems)
        if clean is None:
            continue
        grades = _grades(clean)
        slots = _rotation(clean, {c.name for g in grades for c in g.classes}, source, problems)
        if slots is None:
            continue
        days = tuple(d for d in WEEKDAYS if any(s.day == d for s in slots))
        times = tuple(sorted({s.time for s in slots}, key=clock))
        grid = tuple(
            tuple(tuple(c for s in slots if s.time == t and s.day == d for c in s.classes) for d in days)
            for t in times
        )
        rosters.append(Roster(
            **{**clean.record_values(ROSTER), "grades": grades, "rotation": tuple(slots)}, slug=source.slug,
            rotation_days=days, rotation_times=times, rotation_grid=grid, source=source.name,
        ))
    rosters.sort(key=lambda r: (r.first_day or dt.date.min, r.slug))
    return {"rosters": tuple(rosters), "roster": current_roster(rosters, config.today)}


def current_roster(rosters: list[Roster], today: dt.date) -> Roster | None:
    for roster in rosters:
        if roster.first_day and roster.last_day and roster.first_day <= today <= roster.last_day:
            return roster
    started = [r for r in rosters if r.first_day is None or r.first_day <= today]
    return (started or rosters or [None])[-1]


def roster_pages(site, config: Config) -> list[PageSpec]:
    if not site.roster:
        return []
    routes: list[PageSpec] = []
    add = add_page(routes)
    add("roster/", "roster.html", "roster", frozenset({site.roster.source}), roster=site.roster)
    add("rotation/", "rotation.html", "rotation", frozenset({site.roster.source}), roster=site.roster)
    return routes


def roster_search(site, t) -> list[SearchEntry]:
    """The roster, found by a class or an assistant's name; the rotation, by a class."""
    roster = site.roster
    if roster is None:
        return []
    people = tuple(a.name for g in roster.grades for c in g.classes for a in c.assistants)
    return [SearchEntry("roster", "roster/", t("roster.title"), tags=roster.class_names + people,
                        text=roster.semester, source=roster.source),
            SearchEntry("roster", "rotation/", t("rotation.title"), tags=roster.class_names,
                        text=roster.semester, source=roster.source)]


TYPE = ContentType(
    name="rosters", command="roster", schema=ROSTER, suffix=".yaml", file_pattern="<semester>", order=50,
    model=build_rosters, pages=roster_pages, url_folders=("roster", "rotation"),
    menu=(MenuEntry("roster", "roster/", 50, shown=lambda site: bool(site.roster)),
          MenuEntry("rotation", "rotation/", 51, shown=lambda site: bool(site.roster))),
    search=roster_search, scaffold=Scaffold("semester"),
)
