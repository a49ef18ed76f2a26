"""Semester activity calendars (工作安排): activities by day, range or month, laid out month by month."""
from __future__ import annotations

import calendar as stdcalendar
import datetime as dt

from generator.load import SourceFile
from generator.model import Activity, CalendarDay, CalendarMonth, Semester
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import CALENDAR


def month_end(first: dt.date) -> dt.date:
    return first.replace(day=stdcalendar.monthrange(first.year, first.month)[1])


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (month_end(current) + dt.timedelta(days=1))
    return months


def _activity(entry: dict, source: SourceFile, problems: Problems) -> Activity | None:
    line = entry["_line"]
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
    return Activity(
        title=entry["title"], start=start, end=end, month_only=bool(entry["month"]), time=entry["time"],
        place=entry["place"], audience=entry["audience"], notes=entry["notes"], source=source.name, line=line,
    )


def _month(first: dt.date, activities: list[Activity], today: dt.date) -> CalendarMonth:
    last = month_end(first)
    touching = [a for a in activities if a.start <= last and a.end >= first]
    dated = tuple(a for a in touching if not a.month_only)
    weeks = []
    for week in stdcalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(tuple(
            CalendarDay(
                date=day, in_month=day.month == first.month, is_today=day == today,
                activities=tuple(a for a in dated if a.start <= day <= a.end) if day.month == first.month else (),
            )
            for day in week
        ))
    return CalendarMonth(
        first_day=first, weeks=tuple(weeks), dated=dated,
        month_only=tuple(a for a in touching if a.month_only),
        is_current=first <= today <= last,
    )


def build_semesters(sources: list[SourceFile], today: dt.date, problems: Problems) -> list[Semester]:
    semesters = []
    for source in sources:
        clean = validate(source.data, CALENDAR, source.name, problems)
        if clean is None:
            continue
        first_day, last_day = clean["first_day"], clean["last_day"]
        if last_day < first_day:
            problems.error("range_backwards", source.name, clean["_lines"].get("last_day"),
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
            slug=source.slug, name=clean["semester"], first_day=first_day, last_day=last_day,
            activities=tuple(activities),
            months=tuple(_month(m, activities, today) for m in months_between(first_day, last_day)),
            source=source.name, url=f"calendar/{source.slug}/",
        ))
    semesters.sort(key=lambda s: s.first_day)
    return semesters


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
