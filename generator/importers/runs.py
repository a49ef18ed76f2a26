"""`import loans` and `import roster` from end to end: read each file's table, then write.

Both need the site as it is (the current roster, the latest statistics), so the content must
check without errors first.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from generator.config import Config
from generator.importers import Tally
from generator.importers.classes import ClassMatcher
from generator.importers.classlist import RosterOptions, read_class_list, write_roster
from generator.importers.loans import read_loans
from generator.importers.statsfile import StatsOptions, write_loans
from generator.importers.tables import Table, TableError, read_table
from generator.model import Site
from generator.problems import Problems


def _table(path: Path, name: str, problems: Problems) -> Table | None:
    try:
        return read_table(path.read_bytes(), path.suffix)
    except TableError as exc:
        problems.error(exc.args[0], name, None, detail=exc.args[1])
        return None


def import_loans(files: list[tuple[Path, str]], site: Site, config: Config, week: dt.date | None, replace: bool,
                 dry_run: bool, problems: Problems) -> Tally:
    tally = Tally()
    matcher = ClassMatcher(site.roster.class_names if site.roster else None)
    if site.roster is None:
        problems.warn("import_no_roster", "content/rosters", None)
    counts: Counter = Counter()
    for path, name in files:
        table = _table(path, name, problems)
        loans = read_loans(table, name, week, matcher, problems) if table else None
        if loans is None:
            continue
        counts.update(loans.counts)
        tally.skipped += loans.skipped
        code = f"summary_import_read_{loans.kind}" + ("_week" if loans.outside else "")
        tally.notes.append((code, {"file": name, "records": loans.rows, "outside": loans.outside}))
    write_loans(counts, site, config, StatsOptions(replace, dry_run), problems, tally)
    return tally


def import_roster(files: list[tuple[Path, str]], site: Site, config: Config, options: RosterOptions,
                  problems: Problems) -> Tally:
    tally = Tally()
    classes: dict[str, list[dict[str, str]]] = {}
    for path, name in files:
        table = _table(path, name, problems)
        if table is None:
            continue
        found, skipped = read_class_list(table, name, problems)
        tally.skipped += skipped
        tally.notes.append(("summary_import_read_class_list", {"file": name, "records": len(found)}))
        for class_name, people in found.items():
            known = classes.setdefault(class_name, [])
            known.extend(p for p in people if all(k["name"] != p["name"] for k in known))
    write_roster(classes, site, config, options, problems, tally)
    return tally
