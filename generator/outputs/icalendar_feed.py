"""The semester calendar as an iCalendar file (calendar/calendar.ics) for teachers' calendar programs.

Dated activities and date ranges become all-day events; a single day with a time ("14:00-15:00")
becomes a timed event in local (floating) time, which is the school's own time for everyone who
subscribes. Month-only items have no day, so they stay on the site and out of the file.
UIDs depend on the semester, the title and which occurrence of that title it is, not on the
date, so a subscribed calendar moves an event whose date changed instead of adding a second one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import icalendar

from generator.content.calendar import CALENDAR_FILE, Activity, Semester
from generator.outputs import EXTRA_OUTPUTS, BuildContext, Derived
from generator.routes import sources
from generator.urls import absolute_url

UID_DOMAIN = "library-bulletin"
REFRESH = dt.timedelta(hours=12)  # how often subscribers are asked to look again (PT12H)


def _times(activity: Activity) -> tuple[dt.datetime, dt.datetime] | None:
    """(start, end) for a single day with a "HH:MM-HH:MM" time (the model writes an en dash); None for all-day events."""
    if activity.is_range or not activity.time:
        return None
    try:
        first, last = (dt.time.fromisoformat(part.strip()) for part in re.split(r"[-–—~～至]", activity.time, maxsplit=1))
    except ValueError:
        return None
    return dt.datetime.combine(activity.start, first), dt.datetime.combine(activity.start, last)


def event_uid(site_title: str, semester: Semester, title: str, occurrence: int) -> str:
    key = "\x00".join((site_title, semester.slug, title, str(occurrence)))
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}@{UID_DOMAIN}"


def _event(activity: Activity, uid: str, stamp: dt.datetime, context: BuildContext, page_url: str | None) -> icalendar.Event:
    t = context.renderer.translations
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", activity.title)
    times = _times(activity)
    if times:
        event.add("dtstart", times[0])
        event.add("dtend", times[1])
    else:
        event.add("dtstart", activity.start)
        event.add("dtend", activity.end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
    if activity.place:
        event.add("location", activity.place)
    lines = []
    if activity.time and not times:
        lines.append(t("subscribe.field", label=t("calendar.time"), value=activity.time))
    if activity.audience:
        lines.append(t("subscribe.field", label=t("calendar.audience"), value=activity.audience))
    if activity.notes:
        lines.append(t("subscribe.field", label=t("calendar.notes"), value=activity.notes))
    if lines:
        event.add("description", "\n".join(lines))
    if page_url:
        event.add("url", page_url)
    return event


def calendar_file(context: BuildContext) -> list[Derived]:
    if not context.site.semesters:
        return []
    return [Derived(CALENDAR_FILE, sources(context.site.semesters), lambda: _calendar(context))]


def _calendar(context: BuildContext) -> bytes:
    site, config = context.site, context.config
    title = context.renderer.translations("subscribe.calendar_name", title=config.site["title"])
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{UID_DOMAIN}//{config.site['language']}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")  # the same hint, for Outlook and Google
    stamp = dt.datetime.combine(config.today, dt.time(), tzinfo=dt.timezone.utc)
    for semester in site.semesters:
        page_url = absolute_url(config.site["base_url"], semester.url)
        seen: dict[str, int] = {}
        for activity in sorted(semester.activities, key=lambda a: (a.start, a.end, a.line)):
            if activity.month_only:
                continue
            seen[activity.title] = seen.get(activity.title, 0) + 1
            uid = event_uid(config.site["title"], semester, activity.title, seen[activity.title])
            cal.add_component(_event(activity, uid, stamp, context, page_url))
    return cal.to_ical()


EXTRA_OUTPUTS.append(calendar_file)
