"""Which theme folders a site uses: its own theme first, then the bundled default."""
from __future__ import annotations

from pathlib import Path

from generator.config import Config
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
    return dirs
