"""`bulletin import books|loans|roster`: the command line's side of the importers.

Exit codes as for `bulletin build`: 0 imported (warnings allowed), 1 something in the files
could not be imported (the rest was), 2 the command was mistyped (a file or folder that is not
there, a --week that is not a Monday).
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any, Callable

from generator.config import Config
from generator.console import Console
from generator.importers import Tally
from generator.problems import BuildFailed, Problems

USAGE = 2


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: write the date as YYYY-MM-DD") from None


def add_parser(commands: Any, common: argparse.ArgumentParser, h: Callable[[str], str]) -> None:
    """`bulletin import …` on the command line's sub-commands; `h(code)`: a help text in the site's language."""
    command = commands.add_parser("import", help=h("import"), description=h("import"))
    what = command.add_subparsers(dest="what", required=True, metavar="WHAT", title=h("import_what"))
    books = what.add_parser("books", parents=[common], help=h("import_books"), description=h("import_books"))
    books.add_argument("files", nargs="+", metavar="FILE", help=h("import_files"))
    books.add_argument("--shelved", type=_day, help=h("import_shelved"))
    books.add_argument("--covers", type=Path, metavar="FOLDER", help=h("import_covers"))
    books.add_argument("--featured", action="store_true", help=h("import_featured"))
    books.add_argument("--update", action="store_true", help=h("import_update"))
    loans = what.add_parser("loans", parents=[common], help=h("import_loans"), description=h("import_loans"))
    loans.add_argument("files", nargs="+", metavar="FILE", help=h("import_files"))
    loans.add_argument("--week", type=_day, help=h("import_week"))
    loans.add_argument("--replace", action="store_true", help=h("import_replace_week"))
    roster = what.add_parser("roster", parents=[common], help=h("import_roster"), description=h("import_roster"))
    roster.add_argument("files", nargs="+", metavar="FILE", help=h("import_files"))
    roster.add_argument("--semester", help=h("import_semester"))
    roster.add_argument("--replace", action="store_true", help=h("import_replace_roster"))
    for parser in (books, loans, roster):
        parser.add_argument("--dry-run", action="store_true", help=h("import_dry_run"))


def _usage_problems(args: argparse.Namespace, problems: Problems) -> None:
    for name in args.files:
        if not Path(name).is_file():
            problems.error("import_file_missing", name, None)
    covers = getattr(args, "covers", None)
    if covers is not None and not covers.is_dir():
        problems.error("import_covers_missing", str(covers), None)
    week = getattr(args, "week", None)
    if week is not None and week.weekday() != 0:
        monday = week - dt.timedelta(days=week.weekday())
        problems.error("import_week_not_monday", str(week), None, monday=monday.isoformat())


def run_import(args: argparse.Namespace, config: Config, console: Console) -> int:
    code, problems, tally = execute(args, config)
    console.problems(problems)
    if tally is not None:
        show(console, tally, args.dry_run)
    elif code == 1:
        console.info("summary_import_content_errors")
    return code


def execute(args: argparse.Namespace, config: Config) -> tuple[int, Problems, Tally | None]:
    """(exit code, problems, what was done) of one `bulletin import`; nothing printed."""
    problems = Problems()
    _usage_problems(args, problems)
    if problems:
        return USAGE, problems, None
    from generator.importers.loans import WeekNeeded
    files = [(Path(name), name) for name in args.files]
    try:
        tally = _run(args.what, files, args, config, problems)
    except BuildFailed as failed:  # loans and roster read the site: its content must check first
        return 1, Problems(failed.problems), None
    except WeekNeeded as needed:  # known only once the file is read: a report, not a log
        usage = Problems()
        usage.error("import_week_needed", needed.args[0], None)
        return USAGE, usage, None
    return (1 if problems.errors else 0), problems, tally


def _run(what: str, files: list[tuple[Path, str]], args: argparse.Namespace, config: Config, problems: Problems) -> Tally:
    if what == "books":
        from generator.importers.books import BookOptions, import_books
        options = BookOptions(shelved=args.shelved or config.today, covers=args.covers, update=args.update,
                              dry_run=args.dry_run, featured=args.featured)
        return import_books(config, files, options, problems)
    from generator.build import check
    site = check(config, Problems())
    if what == "loans":
        from generator.importers.runs import import_loans
        return import_loans(files, site, config, args.week, args.replace, args.dry_run, problems)
    from generator.importers.classlist import RosterOptions
    from generator.importers.runs import import_roster
    return import_roster(files, site, config, RosterOptions(args.semester, args.replace, args.dry_run), problems)


def _where(entry: dict[str, Any]) -> str:
    return f"{entry['source']}:{entry['line']}" if "source" in entry else ""


def show(console: Console, tally: Tally, dry_run: bool) -> None:
    """The report: what each file held, one line per thing done, then the counts."""
    for code, params in tally.notes:
        params = dict(params)
        if "encodings" in params:
            found = params["encodings"]
            params["encodings"] = "、".join(_encoding(console, *e, counted=len(found) > 1) for e in found) or "-"
        if params.get("encoding"):
            params["encoding"] = console.say("summary_import_text_encoding", encoding=params["encoding"])
        console.info(code, **params)
    for bucket in ("new", "existing", "filled"):
        for entry in getattr(tally, bucket):
            what = "book" if "title" in entry else "weeks" if "weeks" in entry else "class"
            reason = console.say(f"summary_import_same_{entry['reason']}") if "reason" in entry else ""
            console.info(f"summary_import_{bucket}_{what}", **{**entry, "where": _where(entry), "reason": reason})
    console.info("summary_import_counts", new=len(tally.new), existing=len(tally.existing), filled=len(tally.filled),
                 skipped=tally.skipped)
    if dry_run:
        console.info("summary_import_dry_run")


def _encoding(console: Console, name: str, how: str, count: int, counted: bool) -> str:
    said = console.say("summary_import_declared" if how == "100$a" else "summary_import_sniffed", encoding=name)
    return f"{said} ×{count}" if counted else said
