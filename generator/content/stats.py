"""Borrowing statistics (借阅统计): loans per class per week, one file a month."""
from __future__ import annotations

from generator.load import SourceFile
from generator.model import ClassLoans, StatsMonth
from generator.ordering import class_key
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import STATS


def build_stats(sources: list[SourceFile], class_names: set[str], problems: Problems) -> list[StatsMonth]:
    months = []
    seen: dict = {}  # month -> file; two files for one month would make one page silently replace the other
    for source in sources:
        clean = validate(source.data, STATS, source.name, problems)
        if clean is None:
            continue
        first = seen.setdefault(clean["month"], source.name)
        if first != source.name:
            problems.error("duplicate_month", source.name, clean["_lines"].get("month"),
                           value=f"{clean['month']:%Y-%m}", other=first)
            continue
        weeks, rows, ok = clean["weeks"], [], True
        for entry in clean["classes"]:
            if len(entry["loans"]) != len(weeks):
                problems.error("loans_weeks_mismatch", source.name, entry["_lines"].get("loans", entry["_line"]),
                               value=entry["class"], loans=len(entry["loans"]), weeks=len(weeks))
                ok = False
                continue
            if class_names and entry["class"] not in class_names:
                problems.warn("unknown_class", source.name, entry["_line"], value=entry["class"])
            rows.append(ClassLoans(entry["class"], entry["pupils"], tuple(entry["loans"])))
        if not ok:
            continue
        rows.sort(key=lambda r: class_key(r.class_name))
        month = clean["month"]
        months.append(StatsMonth(month, tuple(weeks), tuple(rows), source.name, f"stats/{month:%Y-%m}/"))
    months.sort(key=lambda m: m.month)
    return months
