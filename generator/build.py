"""The build, stage after stage: config -> load/validate/model -> routes -> render -> write.

`Builder.build` runs the stages in order; each is a method of a few lines, or a module of its
own: the model (generator/content), the routes (generator/routes.py), what to make again
(generator/plan.py: every output's fingerprint from its inputs, a pure function), the other
outputs (generator/outputs), the state kept between builds (generator/state.py) and the
writing (generator/write.py: a staging folder swapped in whole for `bulletin build`, files
replaced in place for the preview, behind one interface).
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator import __version__, filecache
from generator.config import Config
from generator.make import Maker, page_paths
from generator.outputs import BuildOptions
from generator.problems import BuildFailed, Problem, Problems, as_errors, relative_name
from generator.state import BuildState, digest, input_stamps
from generator.themes import theme_dirs
from generator.write import InPlace, PublishReport, Staging, check_paths, previous_files, write_in_place

if TYPE_CHECKING:
    from generator.model import Site
    from generator.render import Renderer
    from generator.routes import PageSpec

# The stages that parse, render and write (Markdown, Jinja, Pillow, the outputs' libraries) are
# imported inside the methods that use them: a build with nothing to do never loads them.


@dataclass
class BuildResult:
    config: Config
    site: Site | None  # None when nothing changed and nothing was done
    pages: list[PageSpec]
    problems: list[Problem]
    report: PublishReport | None = None
    seconds: float = 0.0
    sections: Counter = field(default_factory=Counter)
    rendered: list[str] = field(default_factory=list)  # pages rendered (the rest were unchanged)
    nothing_changed: bool = False


def check_output_dir(config: Config, problems: Problems) -> None:
    """Refuse an output folder whose replacement would touch the librarian's own files."""
    out = config.output_dir
    protected = [config.content_dir, config.themes_dir]
    if out == config.root or config.root.is_relative_to(out) \
            or any(out == p or p.is_relative_to(out) or out.is_relative_to(p) for p in protected):
        problems.error("unsafe_output", config.file, None, path=str(out))
        raise BuildFailed(problems)


class Builder:
    """Runs the stages; its BuildState remembers, between builds, what it need not do again."""

    def __init__(self, config: Config, options: BuildOptions | None = None, persist: bool = True):
        self.config = config
        self.options = options or BuildOptions()
        self.state = BuildState(config, persist)
        if not self.options.reuse:
            self.state.forget_images()
        self.site: Site | None = None  # the last good build's model, for the preview's quick path
        self._markdown = None
        self._renderer: Renderer | None = None
        self._renderer_key: str | None = None

    @property
    def memo(self):
        return self.state.memo

    @property
    def markdown(self):
        if self._markdown is None:
            from generator.markup import MarkdownRenderer
            self._markdown = MarkdownRenderer()
        return self._markdown

    def build(self, problems: Problems, in_place: bool = False, changed: list[Path] | None = None) -> BuildResult:
        """Build and publish; raise BuildFailed (output untouched) when any error was found.

        in_place: update output/ file by file (the live preview) instead of swapping in a
        staged copy (what `bulletin build` does). changed: the files a watcher saw change;
        the others are taken as they were, without looking at them again.
        """
        started, since = time.perf_counter(), filecache.now()
        dirs = self._theme(problems)
        previous = previous_files(self.config.output_dir)
        stamps, content_stamps = input_stamps(self.config, self.options, dirs)
        if self.state.unchanged(stamps) and previous is not None:
            return self._nothing_changed(problems, started)
        self.state.load_records()
        renderer = self._renderer_for(dirs)
        # With nothing to carry over (no earlier output, or nothing known of it) every output is
        # made: while workers make the records, this process compiles all the templates (once,
        # here, rather than in every worker that renders pages later). A rebuild that renders a
        # few pages compiles only what those use, when it uses it.
        everything = previous is None or not self.state.fingerprints
        site = self._model(problems, changed, content_stamps, renderer.compile_all if everything else None)
        shared = self._menu(renderer, site)
        pages = self._routes(site, problems)
        sink = InPlace(self.config.output_dir) if in_place and previous is not None else Staging(self.config.output_dir)
        maker = Maker(self.config, self.options, self.state, renderer, shared, problems)
        try:
            rendered, prints = maker.make(site, pages, dirs, previous if not everything else None, sink)
            report = sink.finish()
        except BaseException:
            sink.discard()
            raise
        self.site = site
        self.state.remember(stamps, prints, problems, since)
        return BuildResult(config=self.config, site=site, pages=pages, problems=list(problems), report=report,
                           seconds=time.perf_counter() - started, sections=Counter(p.section for p in pages),
                           rendered=rendered)

    # -- the stages -----------------------------------------------------------------------

    def _theme(self, problems: Problems) -> list[Path]:
        check_output_dir(self.config, problems)
        dirs = theme_dirs(self.config, problems)
        if problems.errors:
            raise BuildFailed(problems)
        return dirs

    def _nothing_changed(self, problems: Problems, started: float) -> BuildResult:
        problems.extend(p for p in self.state.problems if p not in problems)
        if self.options.strict and problems.warnings:
            raise BuildFailed(as_errors(problems))
        return BuildResult(self.config, None, [], list(problems), seconds=time.perf_counter() - started,
                           nothing_changed=True)

    def _model(self, problems: Problems, changed: list[Path] | None, content_stamps: dict[str, tuple[int, int]],
               meanwhile: Callable[[], None] | None) -> Site:
        from generator.content import build_site
        config = self.config
        only_changed = None if changed is None or len(changed) > 50 else \
            {relative_name(p, config.root) for p in changed if p.is_relative_to(config.content_dir)}
        self.memo.begin(digest(config), only_changed, content_stamps)
        try:
            site = build_site(config, problems, self.memo, self.markdown, meanwhile=meanwhile)
        finally:
            self.memo.end()
        if problems.errors:
            raise BuildFailed(problems)
        self.memo.forget_unseen()
        return site

    def _routes(self, site: Site, problems: Problems) -> list[PageSpec]:
        """Every page; their paths are checked before anything is written, so no page can land
        outside output/. A clash is reported against the content file that made the page."""
        from generator.routes import build_routes
        pages = build_routes(site, self.config)
        check_paths(page_paths(pages, self.config), problems)
        if problems.errors:
            raise BuildFailed(problems)
        return pages

    # -- what every page shares ------------------------------------------------------------

    def _renderer_for(self, dirs: list[Path]) -> Renderer:
        """The renderer, kept between builds: compiled templates are reused, those whose file was
        edited are compiled again."""
        from generator.render import Renderer
        translations = digest([(p, p.read_bytes()) for d in dirs for p in sorted((d / "i18n").glob("*.yaml"))], dirs)
        if self._renderer is None or self._renderer_key != translations:
            self._renderer = Renderer(self.config, dirs, {"site": self.config.site})
            self._renderer_key = translations
        self._renderer.refresh()  # templates edited since the last build are compiled again
        return self._renderer

    def _menu(self, renderer: Renderer, site: Site) -> str:
        """Give the templates the site's menu; return the key of what every output depends on
        besides its own inputs (version, config, translations, menu)."""
        from generator.routes import nav_items
        menu = nav_items(site), [(p.title, p.url) for p in site.pages]
        renderer.set_menu(menu[0], site.pages)
        return digest(__version__, self.config, self._renderer_key, menu)

    # -- the preview's quick path -----------------------------------------------------------

    def render_own_pages_first(self, changed: list[Path]) -> list[str]:
        """Live preview's quick path: an edited book, news item or page gets its own page
        rendered and written at once, before the full incremental build renders the indexes."""
        import jinja2

        from generator.content import make_record
        from generator.registry import type_of
        if self.site is None or self._renderer is None:
            return []
        written = []
        self._renderer.refresh()
        for path in changed:
            content_type = type_of(path, self.config.content_dir)
            if content_type is None or content_type.record_pages is None or not path.is_file():
                continue
            local = Problems()
            record = self.memo.record(path, self.config.root, content_type.name,
                                      make_record(content_type, self.config, self.markdown), local)
            if record is None or local.errors:
                continue
            for page in content_type.record_pages(record, self.site):
                try:
                    write_in_place({page.path: self._renderer.render(page)}, self.config.output_dir, manifest=False)
                except jinja2.TemplateError:
                    continue  # the full build that follows reports it
                written.append(page.path)
        return written


def check(config: Config, problems: Problems) -> Site:
    """Load and model all content, collecting every problem; raise BuildFailed on errors."""
    from generator.content import build_site
    site = build_site(config, problems)
    if problems.errors:
        raise BuildFailed(problems)
    return site


def build(config: Config, problems: Problems, options: BuildOptions | None = None, cache: bool = False) -> BuildResult:
    """One build. With cache=True it reuses and updates `.bulletin-cache/` (the command line's way)."""
    return Builder(config, options, persist=cache).build(problems)

