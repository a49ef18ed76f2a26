"""The `bulletin` command line: its commands and options, every word in the site's language.

Help texts come from messages.yaml (help_* codes), and so do argparse's own words ("usage:",
"options", its error messages): argparse asks gettext for each, and `speaking()` answers from
the catalogue while the command line is read. The language is the site's (config.yaml's
site.language, read before anything else), or `--language` for `bulletin init`.
"""
from __future__ import annotations

import argparse
import contextlib
import shutil
from pathlib import Path
from typing import Iterator

import yaml

from generator import __version__
from generator.console import catalogue, say

CONFIG_NAME = "config.yaml"


def find_config(start: Path) -> tuple[Path | None, list[Path]]:
    """config.yaml in `start` or the nearest folder above it, as git finds .git; and the folders
    looked in, for the message when there is none."""
    looked = []
    for folder in [start, *start.parents]:
        looked.append(folder)
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME, looked
    return None, looked


def language_of(argv: list[str]) -> str:
    """The language to speak before config.yaml is read properly: --language, else the site's."""
    if "--language" in argv[:-1]:
        return argv[argv.index("--language") + 1]
    config = Path(argv[argv.index("--config") + 1]) if "--config" in argv[:-1] else find_config(Path.cwd())[0]
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8-sig")) if config else None
        language = data["site"]["language"]
    except (OSError, yaml.YAMLError, TypeError, KeyError, AttributeError, ValueError):
        return "zh-CN"
    return language if language in ("zh-CN", "en") else "zh-CN"


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """argparse's own words (usage, errors) in `language` while the command line is read."""
    words = catalogue().get("argparse", {}).get(language) or {}
    original = argparse._
    argparse._ = lambda text: words.get(text, text)
    try:
        yield
    finally:
        argparse._ = original


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=min(100, shutil.get_terminal_size((100, 24)).columns))


def parser(language: str, commands: list[str]) -> argparse.ArgumentParser:
    """The parser, every help text in `language`. `commands`: what `bulletin new` may start."""
    def h(code: str, **params) -> str:
        return say(f"help_{code}", language, **params).replace("%", "%%")

    def command_parser(sub, name: str, **kwargs) -> argparse.ArgumentParser:
        made = sub.add_parser(name, help=h(name), description=h(name), add_help=False, formatter_class=_Formatter, **kwargs)
        made.add_argument("-h", "--help", action="help", help=h("help"))
        return made

    top = argparse.ArgumentParser(prog="bulletin", description=h("bulletin"), add_help=False, formatter_class=_Formatter)
    top.add_argument("-h", "--help", action="help", help=h("help"))
    top.add_argument("--version", action="version", version=f"bulletin {__version__}", help=h("version"))
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument("--config", type=Path, default=None, help=h("config"))
    noise = project.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help=h("quiet"))
    noise.add_argument("-v", "--verbose", action="store_true", help=h("verbose"))
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--output", type=Path, default=None, help=h("output"))
    output.add_argument("--strict", action="store_true", help=h("strict"))
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND", title=h("commands"))

    init = command_parser(sub, "init")
    init.add_argument("folder", nargs="?", type=Path, default=Path("."), help=h("init_folder"))
    init.add_argument("--school", help=h("init_school"))
    init.add_argument("--library", help=h("init_library"))
    init.add_argument("--grades", help=h("init_grades"))
    init.add_argument("--bands", help=h("init_bands"))
    init.add_argument("--language", choices=("zh-CN", "en"), help=h("init_language"))

    build = command_parser(sub, "build", parents=[project, output])
    build.add_argument("--no-pdf", action="store_true", help=h("no_pdf"))
    build.add_argument("--no-cache", action="store_true", help=h("no_cache"))
    check = command_parser(sub, "check", parents=[project])
    check.add_argument("--strict", action="store_true", help=h("strict"))
    serve = command_parser(sub, "serve", parents=[project, output])
    serve.add_argument("--port", type=int, default=8000, help=h("port"))
    serve.add_argument("--host", default="127.0.0.1", help=h("host"))
    serve.add_argument("--open", action="store_true", help=h("open"))
    serve.add_argument("--pdf", action="store_true", help=h("serve_pdf"))
    new = command_parser(sub, "new", parents=[project])
    new.add_argument("kind", choices=commands or None, metavar="TYPE", help=h("new_kind", types="|".join(commands)))
    new.add_argument("title", help=h("new_title"))
    try:
        from generator.importers.command import add_parser as add_import_parser
    except ImportError:  # pragma: no cover - the importers are part of the package
        pass
    else:
        add_import_parser(sub, project, h)
    for group in _groups(top):
        group.title = {"positional arguments": h("positional"), "options": h("options")}.get(group.title, group.title)
    return top


def _groups(top: argparse.ArgumentParser) -> Iterator[argparse._ArgumentGroup]:
    parsers = [top] + [p for action in top._actions if isinstance(action, argparse._SubParsersAction)
                       for p in action.choices.values()]
    for each in parsers:
        yield from each._action_groups


def wants_types(argv: list[str]) -> bool:
    """Whether reading this command line needs the content types (their modules imported): only
    `new` and help do; a build with nothing to do starts without them."""
    return bool({"new", "-h", "--help"} & set(argv)) or not argv


