"""The `bulletin` command: build, check, new (and serve).

Exit codes: 0 ok, 1 content errors, 2 usage, 3 the disk refused a write, 4 another build kept the
output folder busy too long, 130 Ctrl+C.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from generator.config import Config, load_config
from generator.console import Console
from generator.diskerrors import EXIT_CODE as DISK_EXIT_CODE, disk_problem
from generator.load import CONTENT_SUFFIXES
from generator.lock import BUSY_EXIT_CODE, BuildLock, Busy, busy_problem
from generator.problems import BuildFailed, Problems, as_errors

if TYPE_CHECKING:
    from generator.build import BuildResult


def _parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bulletin", description="School library bulletin: site and printables from Markdown and YAML.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=Path("config.yaml"), help="path of config.yaml (default: ./config.yaml)")
    common.add_argument("--output", type=Path, default=None, help="output folder (default: output/ beside config.yaml)")
    noise = common.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    noise.add_argument("-v", "--verbose", action="store_true", help="print every page written")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    common.add_argument("--no-cache", action="store_true", help="ignore .bulletin-cache/ and build everything again")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", parents=[common], help="build the site into output/")
    build_cmd.add_argument("--no-pdf", action="store_true", help="skip the PDFs of the printables (faster; the HTML versions are still made)")
    commands.add_parser("check", parents=[common], help="check the content without building")
    serve = commands.add_parser("serve", parents=[common], help="build, preview on 127.0.0.1, rebuild on every change")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on; 0.0.0.0 opens it to the school network")
    serve.add_argument("--open", action="store_true", help="open the site in the browser")
    serve.add_argument("--pdf", action="store_true", help="also remake the printables' PDFs on every change (slower)")
    new = commands.add_parser("new", parents=[common], help="start a new content file")
    # The content types are read (their modules imported) only when `new` needs them: a build
    # with nothing to do starts without them.
    wanted = "new" in argv or "-h" in argv or "--help" in argv
    new.add_argument("kind", choices=_commands() if wanted else None)
    new.add_argument("title")
    return parser


def _commands() -> list[str]:
    from generator.registry import content_types
    return [t.command for t in content_types()]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(argv).parse_args(argv)
    verbosity = 0 if args.quiet else 2 if args.verbose else 1
    console = Console(verbosity=verbosity)
    try:
        config, config_problems = load_config(args.config, args.output)
    except BuildFailed as failed:
        console.problems(failed.problems)
        return 1
    console.language = config.site["language"]
    problems = Problems(config_problems)
    try:
        return _command(args, config, problems, console)
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


def _command(args: argparse.Namespace, config: Config, problems: Problems, console: Console) -> int:
    if args.command == "new":
        from generator.scaffold import scaffold
        try:
            path = scaffold(args.kind, args.title, config.content_dir, config.today, config.grade_bands)
        except FileExistsError as exc:
            print(console.say("new_exists", path=exc.args[0]), file=console.err)
            return 1
        console.info("new_created", path=path)
        return 0

    if args.command == "serve":
        from generator.serve import serve
        from generator.outputs import BuildOptions
        return serve(args.config, config, console, host=args.host, port=args.port, open_browser=args.open,
                     options=BuildOptions(pdf=args.pdf))

    from generator.build import build, check
    from generator.outputs import BuildOptions
    try:
        if args.command == "check":
            check(config, problems)
            if args.strict and problems.warnings:
                raise BuildFailed(as_errors(problems))
            console.problems(problems)
            content_files = [p for p in config.content_dir.rglob("*") if p.suffix.lower() in CONTENT_SUFFIXES]
            console.info("summary_checked", files=len(content_files))
            return 0
        with BuildLock(config.output_dir, on_wait=lambda: console.info("build_waiting", output=config.output_dir)):
            result = build(config, problems, cache=not args.no_cache,
                           options=BuildOptions(pdf=not args.no_pdf, strict=args.strict, reuse=not args.no_cache))
    except BuildFailed as failed:
        console.problems(failed.problems)
        console.info("summary_failed", output=config.output_dir)
        return 1
    except KeyboardInterrupt:
        console.info("interrupted")
        return 130
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
