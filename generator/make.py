"""Make the outputs: the pages whose inputs changed rendered (across workers on a big site) while
this process makes the other outputs (theme files, images, feeds, search index, printables),
each made again only when its fingerprint moved (generator/plan.py), all put into the sink."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator.config import Config
from generator.outputs import BuildContext, BuildOptions, Made, gather
from generator.problems import BuildFailed, Problems, as_errors
from generator.state import BuildState, digest
from generator.write import CARRY, InPlace, Staging, check_paths, made_from

if TYPE_CHECKING:
    from generator.model import Site
    from generator.render import Renderer
    from generator.routes import PageSpec


def page_paths(pages: list[PageSpec], config: Config) -> list[tuple[str, str]]:
    """(output path, the content file a clash is reported against: its only input, or config.yaml)."""
    return [(p.path, next(iter(p.inputs)) if len(p.inputs) == 1 else config.file) for p in pages]


class Maker:
    """One build's making of its outputs, with what it needs at hand."""

    def __init__(self, config: Config, options: BuildOptions, state: BuildState, renderer: Renderer, shared: str,
                 problems: Problems) -> None:
        self.config, self.options, self.state = config, options, state
        self.renderer, self.shared, self.problems = renderer, shared, problems

    def make(self, site: Site, pages: list[PageSpec], dirs: list[Path], previous: set[str] | None,
             sink: Staging | InPlace) -> tuple[list[str], dict[str, str]]:
        """Render the pages whose inputs changed (across workers on a big site) while this process
        makes the other outputs; put everything into `sink`. -> (pages rendered, fingerprints)."""
        import jinja2

        from generator.parallel import MIN_ITEMS, parallel_imap
        from generator.plan import fingerprints, plan
        from generator.render import template_problem

        def page_prints() -> dict[str, str]:
            return fingerprints(pages, self.state.memo.input_digests, self.shared, self._keys(pages))

        # When every page is rendered, the fingerprints (only kept for the next build) are made
        # while the workers render.
        page_plan = plan([p.path for p in pages], page_prints() if previous is not None else {},
                         self.state.fingerprints, previous)
        to_render = [page for page in pages if page.path not in page_plan.carried]
        for path in page_plan.carried:
            sink.put(path, CARRY)

        def render(page: PageSpec) -> Any:
            try:
                return sink.write(page.path, self.renderer.render(page))  # a worker writes what it rendered
            except jinja2.TemplateError as exc:  # reported below, in the parent process
                return exc

        # On a big site even a few pages are worth workers: after one book changed, its index
        # pages (thousands of books each) take as long as the other outputs this process makes
        # meanwhile. Not for the preview (in place): it has written the edited page first
        # already, and forks as little as it can while its server's threads run.
        spread_from = 2 if isinstance(sink, Staging) and len(pages) >= MIN_ITEMS else None
        with parallel_imap(render, to_render, min_items=spread_from) as outcomes:
            prints = page_plan.fingerprints or page_prints()
            others, derived_prints, later = self._other_outputs(site, pages, dirs, previous)
            for page, outcome in zip(to_render, outcomes):
                if isinstance(outcome, jinja2.TemplateError):
                    template_problem(outcome, page.template, self.config.root, self.problems)
                    raise BuildFailed(self.problems)
                sink.record(page.path, outcome)
        # The pages' workers are gone: the cores are free for what was left for now (the PDFs).
        others.update(self._made(later))
        self._check_others(pages, others)
        for path, content in others.items():
            sink.put(path, content)
        return [page.path for page in to_render], {**prints, **derived_prints}

    def _other_outputs(self, site: Site, pages: list[PageSpec], dirs: list[Path], previous: set[str] | None) -> tuple[dict[str, Any], dict[str, str], list]:
        """Theme files, images, feeds, search index, sitemap, printables: ({output path: content},
        the fingerprints of the derived ones, what they leave for after the pages)."""
        from generator.plan import fingerprints, plan
        from generator.render import static_files
        others: dict[str, Any] = dict(static_files(dirs))
        # Images copied as they are; a cover's print size, which the printables read from its file
        # here, is published by the derived outputs below, which take its place.
        others.update((site_path, source) for source, site_path in site.images)
        context = BuildContext(site, self.config, self.renderer, pages, self.problems, self.options,
                               self.state.folder if self.options.reuse else None)
        derived, made = self._guarded(lambda: gather(context))
        others.update(made)
        keys = {d.path: digest(d.key, [self._template_key(name) for name in d.templates]) for d in derived}
        prints = fingerprints(derived, self.state.memo.input_digests, self.shared, keys)
        derived_plan = plan([d.path for d in derived], prints, self.state.fingerprints, previous)
        for output in derived:
            others[output.path] = CARRY if output.path in derived_plan.carried else self._guarded(output.make)
        return others, prints, context.after_pages

    def _made(self, makers: list[Callable[[], Made]]) -> Made:
        made: Made = {}
        for make in makers:
            made.update(self._guarded(make))
        return made

    def _guarded(self, make: Callable[[], Any]) -> Any:
        """make(), with a broken template it uses reported as a problem that stops the build."""
        import jinja2

        from generator.render import template_problem
        try:
            return make()
        except jinja2.TemplateError as exc:
            template_problem(exc, "", self.config.root, self.problems)
            raise BuildFailed(self.problems) from None

    def _check_others(self, pages: list[PageSpec], others: dict[str, Any]) -> None:
        paths = page_paths(pages, self.config)
        made_by_pages = {path for path, _ in paths}
        check_paths(paths + [(path, made_from(content, self.config.root, self.config.file)) for path, content in others.items()
                             if path not in made_by_pages], self.problems)
        if self.problems.errors:
            raise BuildFailed(self.problems)
        if self.options.strict and self.problems.warnings:  # checked last: printables warn too
            raise BuildFailed(as_errors(self.problems))

    def _keys(self, pages: list[PageSpec]) -> dict[str, str]:
        """{page path: the key of its template, the templates that one uses, and the fragments
        its context names (the sections other types add)}."""
        keys: dict[str, str] = {}
        by_templates: dict[tuple[str, ...], str] = {}
        for page in pages:
            names = (page.template, *page.fragments)
            if names not in by_templates:
                by_templates[names] = digest([self._template_key(name) for name in names])
            keys[page.path] = by_templates[names]
        return keys

    def _template_key(self, name: str) -> str:
        return self._guarded(lambda: self.renderer.template_key(name))
