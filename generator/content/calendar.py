"""Semester activity calendars (工作安排): activities by day, range or month, laid out month by month."""
from __future__ import annotations

import calendar as stdcalendar
import datetime as dt
from dataclasses import dataclass

from generator.config import Config
from generator.kinds import Date, LongText, Month, Records, Text, TimeRange
from generator.load import SourceFile
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page
from generator.schema import declare, schema_of, validate
from generator.urls import absolute_url, webcal_url

CALENDAR_FILE = "calendar/calendar.ics"  # every semester's dated activities, for calendar programs


@dataclass(frozen=True)
class Activity:
    title: str = declare(Text(), required=True, help="活动名称 title")
    date: dt.date | None = declare(Date(), help="日期（单日）a single day")
    start: dt.date = declare(Date(), help="开始日期（与 end 一起用）first day of a range")  # for a month-only item: the first of the month
    end: dt.date = declare(Date(), help="结束日期 last day of a range")  # for a month-only item: the last of the month
    month: dt.date | None = declare(Month(), help="只知道月份时写 YYYY-MM month only")
    time: str | None = declare(TimeRange(), help="时间，如 \"14:00-15:00\"（加引号）time")
    place: str | None = declare(Text(), help="地点 place")
    audience: str | None = declare(Text(), help="参加对象 who takes part")
    notes: str | None = declare(LongText(), help="备注 notes")
    month_only: bool = False
    source: str = ""
    line: int = 0

    @property
    def is_range(self) -> bool:
        return not self.month_only and self.start != self.end


ACTIVITY = schema_of(Activity, "activity")


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    in_month: bool
    is_today: bool
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class CalendarMonth:
    first_day: dt.date
    weeks: tuple[tuple[CalendarDay, ...], ...]  # Monday-first weeks
    dated: tuple[Activity, ...]  # activities with a day or range touching this month
    month_only: tuple[Activity, ...]
    is_current: bool


@dataclass(frozen=True)
class Semester:
    name: str = declare(Text(), name="semester", required=True, help="学期名称 semester name", example="2026—2027学年第一学期")
    first_day: dt.date = declare(Date(), required=True, help="开学日期 first day")
    last_day: dt.date = declare(Date(), required=True, help="学期结束日期 last day")
    activities: tuple[Activity, ...] = declare(Records(ACTIVITY), default=(), help="工作安排 activities")
    slug: str = ""
    months: tuple[CalendarMonth, ...] = ()
    source: str = ""
    url: str = ""


CALENDAR = schema_of(Semester, "calendar", help="学期工作安排 semester activity calendar")


def month_end(first: dt.date) -> dt.date:
    return first.replace(day=stdcalendar.monthrange(first.year, first.month)[1])


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (month_end(current) + dt.timedelta(days=1))
    return months


def _activity(entry: dict, source: SourceFile, problems: Problems) -> Activity | None:
    line = entry.line
    kinds = [k for k in ("date", "start", "month") if entry[k]]
    if len(kinds) != 1:
        problems.error("activity_when", source.name, line, title=entry["title"])
        return None
    if entry["date"]:
        start = end = entry["date"]
    elif entry["start"]:
        start, end = entry["start"], entry["end"] or entry["start"]
        if end < start:
            problems.error("range_backwards", source.name, line, start=start.isoformat(), end=end.isoformat())
            return None
    else:
        start, end = entry["month"], month_end(entry["month"])
    return Activity(**{**entry.record_values(ACTIVITY), "start": start, "end": end},
                    month_only=bool(entry["month"]), source=source.name, line=line)


def _on(activity: Activity, day: dt.date) -> bool:
    """Whether the month grid draws the activity on this day: a range of school days is not drawn
    on the weekend inside it (a week of reading festival is Monday to Friday), only on its ends."""
    if not activity.start <= day <= activity.end:
        return False
    return day.weekday() < 5 or day in (activity.start, activity.end)


def _month(first: dt.date, activities: list[Activity], today: dt.date) -> CalendarMonth:
    last = month_end(first)
    touching = [a for a in activities if a.start <= last and a.end >= first]
    dated = tuple(a for a in touching if not a.month_only)
    weeks = []
    for week in stdcalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(tuple(
            CalendarDay(
                date=day, in_month=day.month == first.month, is_today=day == today,
                activities=tuple(a for a in dated if _on(a, day)) if day.month == first.month else (),
            )
            for day in week
        ))
    return CalendarMonth(
        first_day=first, weeks=tuple(weeks), dated=dated,
        month_only=tuple(a for a in touching if a.month_only),
        is_current=first <= today <= last,
    )


def build_semesters(sources: list[SourceFile], made: dict, config: Config, problems: Problems) -> dict:
    today = config.today
    semesters = []
    for source in sources:
        clean = validate(source.data, CALENDAR, source.name, problems)
        if clean is None:
            continue
        first_day, last_day = clean["first_day"], clean["last_day"]
        if last_day < first_day:
            problems.error("range_backwards", source.name, clean.lines.get("last_day"),
                           start=first_day.isoformat(), end=last_day.isoformat())
            continue
        activities = []
        for entry in clean["activities"]:
            activity = _activity(entry, source, problems)
            if activity is None:
                continue
            if activity.end < first_day.replace(day=1) or activity.start > month_end(last_day):
                problems.warn("outside_semester", source.name, activity.line, title=activity.title,
                              first=first_day.isoformat(), last=last_day.isoformat())
            activities.append(activity)
        activities.sort(key=lambda a: (a.start, a.month_only, a.end, a.line))
        semesters.append(Semester(
            **{**clean.record_values(CALENDAR), "activities": tuple(activities)}, slug=source.slug,
            months=tuple(_month(m, activities, today) for m in months_between(first_day, last_day)),
            source=source.name, url=f"calendar/{source.slug}/",
        ))
    semesters.sort(key=lambda s: s.first_day)
    return {"semesters": tuple(semesters)}


def current_semester(semesters: list[Semester], today: dt.date) -> Semester | None:
    """The semester under way today; else the next to come; else the latest one."""
    for semester in semesters:
        if semester.first_day <= today <= semester.last_day:
            return semester
    coming = [s for s in semesters if s.first_day > today]
    if coming:
        return coming[0]
    return semesters[-1] if semesters else None


def upcoming(semester: Semester | None, today: dt.date, limit: int | None = None) -> list[Activity]:
    if semester is None:
        return []
    items = [a for a in semester.activities if a.end >= today]
    return items[:limit] if limit else items


DAY_ITEMS = 2  # activities a day of the month grid names; the rest are "+N"


def day_cells(semester: Semester) -> dict[dt.date, tuple[tuple, tuple]]:
    """For each day of the semester's grids: the activities the cell names (those starting that
    day first, then those going on), and those it leaves to "+N", which link to the month's list."""
    cells = {}
    for month in semester.months:
        for day in (d for week in month.weeks for d in week if d.in_month and d.activities):
            ordered = sorted(day.activities, key=lambda a: (a.start != day.date, a.is_range, a.start))
            cells[day.date] = (tuple(ordered[:DAY_ITEMS]), tuple(ordered[DAY_ITEMS:]))
    return cells


def calendar_pages(site, config: Config) -> list[PageSpec]:
    """The current semester's calendar at calendar/, and every semester's at its own address."""
    if not site.semesters:
        return []
    routes: list[PageSpec] = []
    add = add_page(routes)
    semester = current_semester(list(site.semesters), config.today)
    base_url = config.site["base_url"]
    ics = {"download": CALENDAR_FILE, "subscribe": webcal_url(base_url, CALENDAR_FILE),
           "address": absolute_url(base_url, CALENDAR_FILE)}
    add("calendar/", "calendar.html", "calendar", frozenset({semester.source}), semester=semester,
        semesters=site.semesters, upcoming=upcoming(semester, config.today), ics=ics, cells=day_cells(semester))
    for other in site.semesters:
        add(other.url, "calendar.html", "calendar", frozenset({other.source}), semester=other,
            semesters=site.semesters, upcoming=upcoming(other, config.today), ics=ics, cells=day_cells(other))
    return routes


def calendar_search(site, t) -> list[SearchEntry]:
    """Each activity, found by its title, leading to its month on its semester's calendar."""
    return [SearchEntry("calendar", f"{semester.url}#m{activity.start:%Y-%m}", activity.title,
                        text=" ".join(filter(None, [t.date_range(activity.start, activity.end), activity.time,
                                                    activity.place, activity.audience, activity.notes])),
                        source=semester.source)
            for semester in site.semesters for activity in semester.activities]


TYPE = ContentType(
    name="calendar", command="calendar", schema=CALENDAR, suffix=".yaml", file_pattern="<semester>", order=30,
    model=build_semesters, pages=calendar_pages, url_folders=("calendar",),
    menu=(MenuEntry("calendar", "calendar/", 30, shown=lambda site: bool(site.semesters)),),
    search=calendar_search, scaffold=Scaffold("semester"),
)
