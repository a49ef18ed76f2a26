"""Which theme folders a site uses: its own theme first, then the bundled default."""
from __future__ import annotations

import os
from pathlib import Path

from generator.config import Config
from generator.load import leads_out
from generator.problems import Problems

BUNDLED_THEMES = Path(__file__).resolve().parent.parent / "themes"


def theme_dirs(config: Config, problems: Problems | None = None) -> list[Path]:
    """The theme folders to search, most specific first (site theme, then the default)."""
    dirs: list[Path] = []
    for base in (config.themes_dir, BUNDLED_THEMES):
        for name in (config.theme, "default"):
            candidate = base / name
            if candidate.is_dir() and candidate.resolve() not in [d.resolve() for d in dirs]:
                dirs.append(candidate)
    if problems is not None and not any(d.name == config.theme for d in dirs):
        problems.error("unknown_theme", config.file, None, value=config.theme)
    for own in (d for d in dirs if problems is not None and not d.is_relative_to(BUNDLED_THEMES)):
        _links_out(own, config.root, problems)
    return dirs


def _links_out(folder: Path, root: Path, problems: Problems) -> None:
    """Record every file or folder of a project's theme that is a link leading out of the project:
    templates and translations would be read from elsewhere on the computer, static files published."""
    if leads_out(folder, root, problems):
        return
    for directory, folders, files in os.walk(folder):  # a linked folder is listed, not entered
        for name in folders + files:
            path = Path(directory, name)
            if path.is_symlink():
                leads_out(path, root, problems)
