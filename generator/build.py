"""The build, stage after stage: config -> load -> validate/model -> routes -> render -> write.

This module only wires the stages together; each stage lives in its own module.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.config import Config
from generator.content import KINDS, build_site
from generator.load import load_content
from generator.model import Site
from generator.problems import BuildFailed, Problem, Problems, relative_name
from generator.render import Renderer, static_files, theme_dirs
from generator.routes import PageSpec, build_routes, nav_items
from generator.outputs import EXTRA_OUTPUTS, BuildContext, BuildOptions
from generator.write import PublishReport, check_paths, publish

CACHE_DIR = ".bulletin-cache"  # persistent build cache beside config.yaml; safe to delete


@dataclass
class BuildResult:
    config: Config
    site: Site
    pages: list[PageSpec]
    problems: list[Problem]
    report: PublishReport | None = None
    seconds: float = 0.0
    sections: Counter = field(default_factory=Counter)


def check(config: Config, problems: Problems) -> Site:
    """Load and model all content, collecting every problem; raise BuildFailed on errors."""
    loaded = load_content(config.root, config.content_dir, KINDS, problems)
    site = build_site(loaded, config, problems)
    if problems.errors:
        raise BuildFailed(problems)
    return site


def render_site(site: Site, config: Config, problems: Problems,
                options: BuildOptions | None = None) -> tuple[list[PageSpec], dict[str, bytes | Path]]:
    dirs = theme_dirs(config, problems)
    if problems.errors:
        raise BuildFailed(problems)
    renderer = Renderer(config, dirs, {"site": config.site, "nav": nav_items(site), "pages_menu": site.pages})
    pages = build_routes(site, config)
    files: dict[str, bytes | Path] = {}
    for page in pages:
        try:
            files[page.path] = renderer.render(page)
        except jinja2.TemplateSyntaxError as exc:
            where = relative_name(Path(exc.filename), config.root) if exc.filename else page.template
            problems.error("template_error", where, exc.lineno, detail=exc.message)
            break
        except jinja2.TemplateError as exc:
            problems.error("template_error", page.template, None, detail=str(exc))
            break
    if problems.errors:
        raise BuildFailed(problems)
    files.update(static_files(dirs))
    for source, site_path in site.images:
        files[site_path] = source
    context = BuildContext(site, config, renderer, pages, problems, options or BuildOptions(), config.root / CACHE_DIR)
    for extra in EXTRA_OUTPUTS:
        files.update(extra(context))
    # Pages first, so a clash is reported against the content file that made the page.
    page_paths = [(p.path, next(iter(p.inputs)) if len(p.inputs) == 1 else config.file) for p in pages]
    made_by_pages = {path for path, _ in page_paths}
    check_paths(page_paths + [(path, config.file) for path in files if path not in made_by_pages], problems)
    if problems.errors:
        raise BuildFailed(problems)
    return pages, files


def check_output_dir(config: Config, problems: Problems) -> None:
    """Refuse an output folder whose replacement would touch the librarian's own files."""
    out = config.output_dir
    protected = [config.root, config.content_dir, config.themes_dir]
    if any(out == p or p.is_relative_to(out) or out.is_relative_to(p) for p in protected[1:]) or out == config.root \
            or config.root.is_relative_to(out):
        problems.error("unsafe_output", config.file, None, path=str(out))
        raise BuildFailed(problems)


def build(config: Config, problems: Problems, write: bool = True, options: BuildOptions | None = None) -> BuildResult:
    """Run every stage; raise BuildFailed (output untouched) when any error was found."""
    started = time.perf_counter()
    check_output_dir(config, problems)
    site = check(config, problems)
    pages, files = render_site(site, config, problems, options)
    report = publish(files, config.output_dir) if write else None
    return BuildResult(
        config=config, site=site, pages=pages, problems=list(problems), report=report,
        seconds=time.perf_counter() - started, sections=Counter(p.section for p in pages),
    )
