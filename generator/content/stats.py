"""Borrowing statistics (借阅统计): loans per class per week, one file a month, and their charts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.charts import bar_chart, column_chart
from generator.config import Config
from generator.kinds import MONTH, Dates, Month, Number, Numbers, Records, Text
from generator.load import SourceFile
from generator.ordering import class_key
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page, sources
from generator.schema import declare, schema_of, validate


@dataclass(frozen=True)
class ClassLoans:
    class_name: str = declare(Text(), name="class", required=True, help="班级 class")
    pupils: int = declare(Number(), required=True, help="班级人数 pupils in the class")
    loans: tuple[int, ...] = declare(Numbers(), required=True, help="每周借书册数，与 weeks 顺序一致 books borrowed each week")

    @property
    def total(self) -> int:
        return sum(self.loans)

    @property
    def per_pupil(self) -> float:
        return self.total / self.pupils if self.pupils else 0.0


CLASS_LOANS = schema_of(ClassLoans, "class loans")


@dataclass(frozen=True)
class StatsMonth:
    month: dt.date = declare(Month(), required=True, help="统计月份 YYYY-MM month")
    weeks: tuple[dt.date, ...] = declare(Dates(), required=True, help="每周的周一日期 the Monday of each week counted")
    classes: tuple[ClassLoans, ...] = declare(Records(CLASS_LOANS, widget="table"), required=True, help="各班借阅数 loans per class")
    source: str = ""
    url: str = ""

    @property
    def total(self) -> int:
        return sum(c.total for c in self.classes)

    @property
    def week_totals(self) -> tuple[int, ...]:
        return tuple(sum(c.loans[i] for c in self.classes) for i in range(len(self.weeks)))


STATS = schema_of(StatsMonth, "stats", help="借阅统计 borrowing statistics")


def build_stats(sources_: list[SourceFile], made: dict, config: Config, problems: Problems) -> dict:
    class_names = set(made["roster"].class_names) if made["roster"] else set()
    months = []
    seen: dict = {}  # month -> file; two files for one month would make one page silently replace the other
    for source in sources_:
        clean = validate(source.data, STATS, source.name, problems)
        if clean is None:
            continue
        first = seen.setdefault(clean["month"], source.name)
        if first != source.name:
            problems.error("duplicate_month", source.name, clean.lines.get("month"),
                           value=f"{clean['month']:%Y-%m}", other=first)
            continue
        weeks, rows, ok = clean["weeks"], [], True
        for entry in clean["classes"]:
            if len(entry["loans"]) != len(weeks):
                problems.error("loans_weeks_mismatch", source.name, entry.lines.get("loans", entry.line),
                               value=entry["class"], loans=len(entry["loans"]), weeks=len(weeks))
                ok = False
                continue
            if class_names and entry["class"] not in class_names:
                problems.warn("unknown_class", source.name, entry.line, value=entry["class"])
            rows.append(ClassLoans(**entry.record_values(CLASS_LOANS)))
        if not ok:
            continue
        rows.sort(key=lambda r: class_key(r.class_name))
        month = clean["month"]
        months.append(StatsMonth(month, tuple(weeks), tuple(rows), source.name, f"stats/{month:%Y-%m}/"))
    months.sort(key=lambda m: m.month)
    return {"stats": tuple(months)}


def semester_totals(months: tuple[StatsMonth, ...]) -> list[tuple[str, int, int]]:
    """(class, loans so far this semester, pupils) summed over the stats files given."""
    totals: dict[str, list[int]] = {}
    for month in months:
        for row in month.classes:
            entry = totals.setdefault(row.class_name, [0, row.pupils])
            entry[0] += row.total
            entry[1] = row.pupils  # the latest count of pupils stands
    return [(name, loans, pupils) for name, (loans, pupils) in sorted(totals.items(), key=lambda kv: class_key(kv[0]))]


def semester_progress(months: tuple[StatsMonth, ...], semester) -> tuple[float, dt.date | None]:
    """How far through the semester the figures reach (0–1), and the last day they cover.

    Targets are per semester, so half-way through, a class is on track at half the target.
    """
    weeks = [w for m in months for w in m.weeks]
    if not weeks or semester is None:
        return 1.0, None
    covered = max(weeks) + dt.timedelta(days=6)
    length = (semester.last_day - semester.first_day).days or 1
    return min(max((covered - semester.first_day).days / length, 0.0), 1.0), covered


def stats_charts(months: tuple[StatsMonth, ...], config: Config, semester=None) -> dict[str, Any]:
    totals = semester_totals(months)
    progress, covered = semester_progress(months, semester)
    per_class = config.targets["per_class_per_semester"] * progress
    per_pupil = config.targets["per_pupil_per_semester"] * progress
    weeks = [(f"{week.month}/{week.day}", total) for m in months for week, total in zip(m.weeks, m.week_totals)]
    return {
        "class_totals": bar_chart([(name, loans) for name, loans, _ in totals], target=per_class),
        "per_pupil": bar_chart([(name, loans / pupils if pupils else 0) for name, loans, pupils in totals],
                               target=per_pupil, decimals=1),
        "trend": column_chart(weeks),
        "rows": [{"class_name": n, "loans": l, "pupils": p, "per_pupil": (l / p if p else 0),
                  "meets_class": l >= round(per_class),
                  # compared as printed, so 4.3 against a target shown as 4.3 is on target
                  "meets_pupil": bool(p) and round(l / p, 1) >= round(per_pupil, 1)} for n, l, p in totals],
        "total": sum(l for _, l, _ in totals),
        "targets": config.targets,
        "pace": {"progress": progress, "covered": covered, "per_class": per_class, "per_pupil": per_pupil},
    }


def stats_pages(site, config: Config) -> list[PageSpec]:
    if not site.stats:
        return []
    from generator.content.calendar import current_semester
    routes: list[PageSpec] = []
    add = add_page(routes)
    semester = current_semester(list(site.semesters), config.today)
    semester_months = tuple(m for m in site.stats
                            if semester is None or semester.first_day.replace(day=1) <= m.month <= semester.last_day)
    add("stats/", "stats.html", "stats", sources(site.stats), months=site.stats,
        charts=stats_charts(semester_months or site.stats, config, semester), semester=semester)
    for month in site.stats:
        # A month's page measures the semester so far, up to that month, against the pace.
        so_far = tuple(m for m in semester_months if m.month <= month.month) or (month,)
        add(month.url, "stats_month.html", "stats", sources(so_far), month=month, months=site.stats,
            charts=stats_charts(so_far, config, semester), semester=semester)
    return routes


def month_file(title: str, slug: str, today: dt.date) -> str:
    """`bulletin new stats 2026-11` makes 2026-11.yaml; without a month, this month's."""
    return title if MONTH.match(title) else f"{today:%Y-%m}"


def stats_search(site, t) -> list[SearchEntry]:
    """Each month's figures, found by its month or a class."""
    return [SearchEntry("stats", m.url, t("stats.month_title", month=t.date(m.month, "month")),
                        tags=tuple(c.class_name for c in m.classes), source=m.source) for m in site.stats]


TYPE = ContentType(
    name="stats", command="stats", schema=STATS, suffix=".yaml", file_pattern="<YYYY-MM>", order=60,
    model=build_stats, needs=("rosters",), pages=stats_pages, url_folders=("stats",),
    menu=(MenuEntry("stats", "stats/", 60, shown=lambda site: bool(site.stats)),),
    search=stats_search, scaffold=Scaffold("month", file_name=month_file),
)
