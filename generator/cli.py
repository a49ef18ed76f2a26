"""The `bulletin` command: init, build, check, serve, new, import.

Exit codes: 0 ok, 1 content errors, 2 usage, 3 the disk refused a write, 4 another build kept the
output folder busy too long, 130 Ctrl+C. Its words (help, argparse's own, every message) are in
the site's language (generator/arguments.py, messages.yaml).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.arguments import find_config, language_of, parser, speaking, wants_types
from generator.config import Config, load_config
from generator.console import Console
from generator.diskerrors import EXIT_CODE as DISK_EXIT_CODE, disk_problem
from generator.load import CONTENT_SUFFIXES
from generator.lock import BUSY_EXIT_CODE, BuildLock, Busy, busy_problem
from generator.problems import BuildFailed, Problem, Problems, as_errors

if TYPE_CHECKING:
    from generator.build import BuildResult

USAGE = 2


def _commands() -> list[str]:
    from generator.registry import content_types
    return [t.command for t in content_types()]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    language = language_of(argv)
    with speaking(language):
        args = parser(language, _commands() if wants_types(argv) else []).parse_args(argv)
    console = Console(language=language, verbosity=0 if getattr(args, "quiet", False) else 2 if getattr(args, "verbose", False) else 1)
    if args.command == "init":
        return _init(args, console)
    config_path, looked = (args.config, []) if args.config else find_config(Path.cwd())
    if config_path is None:
        console.problems([Problem("no_config_found", "config.yaml", None, {"folders": "、".join(map(str, looked))})])
        return 1
    try:
        config, config_problems = load_config(config_path, getattr(args, "output", None))
    except BuildFailed as failed:
        console.problems(failed.problems)
        return 1
    console.language = config.site["language"]
    try:
        return _command(args, config_path, config, Problems(config_problems), console)
    except Busy as busy:
        console.problems([busy_problem(busy, config.root)])
        return BUSY_EXIT_CODE
    except OSError as exc:  # the disk refused a write: said in words, not as a traceback
        failure = disk_problem(exc, config.root, config.output_dir if args.command == "build" else None)
        if failure is None:
            raise
        console.problems([failure])
        if args.command == "build":
            console.info("summary_failed", output=config.output_dir)
        return DISK_EXIT_CODE


def _command(args: argparse.Namespace, config_path: Path, config: Config, problems: Problems, console: Console) -> int:
    commands: dict[str, Callable[[], int]] = {
        "new": lambda: _new(args, config, console),
        "import": lambda: _import(args, config, console),
        "serve": lambda: _serve(args, config_path, config, console),
        "check": lambda: _check(args, config, problems, console),
        "build": lambda: _build(args, config, problems, console),
    }
    try:
        return commands[args.command]()
    except KeyboardInterrupt:
        console.info("interrupted")
        return 130


def _init(args: argparse.Namespace, console: Console) -> int:
    """A school's new site from the facts given as options, or asked for in a terminal."""
    from generator.init import School, default_bands, init_project
    asking = sys.stdin.isatty()

    def fact(given: str | None, question: str, default: str | None = None) -> str | None:
        if given:
            return given
        answer = input(console.say(question)).strip() if asking else ""
        return answer or default

    school = fact(args.school, "init_ask_school")
    grades = tuple(g.strip() for g in (fact(args.grades, "init_ask_grades") or "").replace("，", ",").replace("、", ",").split(",")
                   if g.strip())
    if not school or not grades:
        what = "--school" if not school else "--grades"
        console.problems([Problem("init_needs", str(args.folder), None, {"what": what, "folder": args.folder})])
        return USAGE
    library = fact(args.library, "init_ask_library", "图书室" if (args.language or "zh-CN") == "zh-CN" else "Library")
    bands = tuple(b.strip() for b in args.bands.replace("，", ",").split(",") if b.strip()) if args.bands else default_bands(grades)
    facts = School(school, library, grades, bands, args.language or "zh-CN")
    try:
        written = init_project(args.folder, facts, dt.date.today())
    except FileExistsError as exc:
        console.problems([Problem("init_exists", str(exc.args[0]), None, {"path": exc.args[0]})])
        return 1
    console.info("init_done", folder=args.folder, count=len(written))
    return 0


def _new(args: argparse.Namespace, config: Config, console: Console) -> int:
    from generator.scaffold import scaffold
    try:
        path = scaffold(args.kind, args.title, config.content_dir, config.today, config.grade_bands)
    except FileExistsError as exc:
        print(console.say("new_exists", path=exc.args[0]), file=console.err)
        return 1
    console.info("new_created", path=path)
    return 0


def _import(args: argparse.Namespace, config: Config, console: Console) -> int:
    from generator.importers.command import run_import
    return run_import(args, config, console)


def _serve(args: argparse.Namespace, config_path: Path, config: Config, console: Console) -> int:
    from generator.outputs import BuildOptions
    from generator.serve import serve
    return serve(config_path, config, console, host=args.host, port=args.port, open_browser=args.open,
                 options=BuildOptions(pdf=args.pdf))


def _check(args: argparse.Namespace, config: Config, problems: Problems, console: Console) -> int:
    from generator.build import check
    try:
        check(config, problems)
        if args.strict and problems.warnings:
            raise BuildFailed(as_errors(problems))
    except BuildFailed as failed:
        console.problems(failed.problems)
        console.info("summary_check_failed", errors=sum(1 for p in failed.problems if p.is_error))
        return 1
    console.problems(problems)
    content_files = [p for p in config.content_dir.rglob("*") if p.suffix.lower() in CONTENT_SUFFIXES]
    console.info("summary_checked", files=len(content_files))
    return 0


def _build(args: argparse.Namespace, config: Config, problems: Problems, console: Console) -> int:
    from generator.build import build
    from generator.outputs import BuildOptions
    try:
        with BuildLock(config.output_dir, on_wait=lambda: console.info("build_waiting", output=config.output_dir)):
            result = build(config, problems, cache=not args.no_cache,
                           options=BuildOptions(pdf=not args.no_pdf, strict=args.strict, reuse=not args.no_cache))
    except BuildFailed as failed:
        console.problems(failed.problems)
        console.info("summary_failed", output=config.output_dir)
        return 1
    return _report_built(result, config, console)


def _report_built(result: BuildResult, config: Config, console: Console) -> int:
    console.problems(result.problems)
    if result.nothing_changed:
        console.info("summary_nothing_changed", output=config.output_dir, seconds=result.seconds)
        return 0
    sections = "，".join(f"{name} {count}" for name, count in sorted(result.sections.items()))
    console.info("summary_built", pages=len(result.pages), rendered=len(result.rendered), output=config.output_dir,
                 seconds=result.seconds)
    console.info("summary_sections", sections=sections)
    if result.site.scheduled:
        console.info("summary_scheduled", count=len(result.site.scheduled), files="、".join(result.site.scheduled))
    if result.report:
        console.info("summary_files", written=result.report.written, unchanged=result.report.unchanged, removed=result.report.removed)
        if result.report.kept_by_hand:
            console.info("summary_kept", count=len(result.report.kept_by_hand), files="、".join(result.report.kept_by_hand[:5]))
    for page in result.pages:
        console.detail(page.path)
    return 0


def run() -> None:
    """The `bulletin` command: main(), then leave without tearing the interpreter down.

    After a big build the process holds the whole site's model (hundreds of thousands of
    objects); a normal exit frees them one by one, 0.2 s at 5,000 books for nothing, as the
    operating system takes the memory back anyway (mypy ends the same way). Every file is
    written and closed by then; only the console's buffers are left to flush. An exception
    still takes the normal way out, with its traceback.
    """
    # A build makes hundreds of thousands of objects that live to its end (the model, compiled
    # templates, pypinyin's dictionaries), and with the default thresholds the collector walks
    # them over and over: 0.2 s of a 2 s one-book rebuild at 5,000 books. Young objects are
    # collected 70 times less often; peak memory stays the same (measured).
    gc.set_threshold(50_000, 20, 20)
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
