"""The build, stage after stage: config -> load/validate/model -> routes -> render -> write.

This module wires the stages together and decides what needs doing again: every page has a
fingerprint made of its template(s), the digests of the content files it reads, and what all
pages share (config, translations, menu, today). A page whose fingerprint did not change is
carried over from the last output instead of being rendered. `Builder` keeps what it learnt
for the next build: in memory for `bulletin serve`, in `.bulletin-cache/` for `bulletin build`.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial, reduce
from operator import xor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator import __version__
from generator.config import Config
from generator.outputs import BuildContext, BuildOptions, extra_outputs
from generator.problems import BuildFailed, Problem, Problems, as_errors, relative_name
from generator.themes import theme_dirs
from generator.write import CARRY, PublishReport, Staging, check_paths, previous_files, write_in_place

if TYPE_CHECKING:
    import jinja2

    from generator.model import Site
    from generator.render import Renderer
    from generator.routes import PageSpec

# The stages that parse, render and write (Markdown, Jinja, Pillow, the outputs' libraries) are
# imported inside the methods that use them: a build with nothing to do never loads them.

CACHE_DIR = ".bulletin-cache"  # persistent build cache beside config.yaml; safe to delete
CACHE_FORMAT = 4  # bump when what the cache holds changes meaning


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


def _hash(*parts: Any) -> str:
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _tree_stamps(folder: Path) -> list[tuple[str, int, int]]:
    stamps = []
    for directory, _, names in os.walk(folder):
        for name in names:
            st = os.stat(os.path.join(directory, name))
            stamps.append((os.path.join(directory, name), st.st_mtime_ns, st.st_size))
    return stamps


class Builder:
    """Runs the stages and remembers, between builds, what it need not do again."""

    def __init__(self, config: Config, options: BuildOptions | None = None, persist: bool = True):
        self.config = config
        self.options = options or BuildOptions()
        self.cache_dir = config.root / CACHE_DIR
        self.persist = persist
        from generator.memo import ContentMemo
        self.memo = ContentMemo()
        self.fingerprints: dict[str, str] = {}
        self.stamps: str | None = None
        self.last_problems: list[Problem] = []
        self._markdown = None
        self.site: Site | None = None  # the last good build's model, for the preview's quick path
        self._renderer: Renderer | None = None
        self._renderer_key: str | None = None
        self._cached_build: str | None = None  # the build whose memo and fingerprints are in the cache
        if persist:
            self._load_state()

    @property
    def markdown(self):
        if self._markdown is None:
            from generator.markup import MarkdownRenderer
            self._markdown = MarkdownRenderer()
        return self._markdown

    # -- what changed --------------------------------------------------------------------

    def _input_stamps(self, dirs: list[Path]) -> tuple[str, dict[str, tuple[int, int]]]:
        """One digest over the stamps of every input (config, content, themes, today, options),
        and the content files' own stamps, {path: (mtime, size)}, which the memo can use as they are."""
        config = self.config
        stamps = [config.root / "config.yaml"]
        parts = [os.stat(stamps[0]).st_mtime_ns if stamps[0].exists() else 0]
        for folder in [config.content_dir, *dirs]:
            parts.append(sorted(_tree_stamps(folder)) if folder.is_dir() else ())
        content = {path: (mtime, size) for path, mtime, size in parts[1]}
        return _hash(__version__, CACHE_FORMAT, config, self.options, parts), content

    def _renderer_for(self, dirs: list[Path]) -> Renderer:
        """The renderer, kept between builds: compiled templates are reused, those whose file was
        edited are compiled again."""
        from generator.render import Renderer
        translations = _hash([(p, p.read_bytes()) for d in dirs for p in sorted((d / "i18n").glob("*.yaml"))], dirs)
        if self._renderer is None or self._renderer_key != translations:
            self._renderer = Renderer(self.config, dirs, {"site": self.config.site})
            self._renderer_key = translations
        self._renderer.refresh()  # templates edited since the last build are compiled again
        return self._renderer

    def _menu(self, renderer: Renderer, site: Site) -> str:
        """Give the templates the site's menu; return the key of what every page depends on
        besides its own inputs (version, config, translations, menu)."""
        from generator.routes import nav_items
        menu = nav_items(site), [(p.title, p.url) for p in site.pages]
        renderer.env.globals.update(nav=menu[0], pages_menu=site.pages)
        return _hash(__version__, self.config, self._renderer_key, menu)

    def _template_keys(self, renderer: Renderer, names: set[str]) -> dict[str, str]:
        read: dict[str, tuple[str, str | None]] = {}
        return {name: _hash(sorted(renderer.template_sources(name, read).items())) for name in names}

    def _fingerprints(self, pages: list[PageSpec], digests: dict[str, str], shared: str,
                      template_keys: dict[str, str]) -> dict[str, str]:
        # A page's input files combine by XOR of one number per file (its name and digest hashed
        # together), which needs no sorting: the index pages each read all the books, and sorting
        # thousands of digests for each of them was most of this function's time.
        numbers = {name: int(_hash(name, digest), 16) for name, digest in digests.items()}
        combined: dict[int, str] = {}  # many index pages share one inputs set: combine it once
        prints = {}
        for page in pages:
            key = id(page.inputs)
            if key not in combined:
                number = reduce(xor, [numbers.get(name) or int(_hash(name, ""), 16) for name in page.inputs], 0)
                combined[key] = format(number, "x")
            prints[page.path] = _hash(shared, template_keys[page.template], combined[key], page.path)
        return prints

    # -- the build -----------------------------------------------------------------------

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
        self.memo.only_changed = None  # the last build's changed files, not these: look at them again
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

    def build(self, problems: Problems, in_place: bool = False, changed: list[Path] | None = None) -> BuildResult:
        """Build and publish; raise BuildFailed (output untouched) when any error was found.

        in_place: update output/ file by file (the live preview) instead of swapping in a
        staged copy (what `bulletin build` does). changed: the files a watcher saw change;
        the others are taken as they were, without looking at them again.
        """
        started = time.perf_counter()
        config = self.config
        check_output_dir(config, problems)
        dirs = theme_dirs(config, problems)
        if problems.errors:
            raise BuildFailed(problems)
        previous = previous_files(config.output_dir)

        stamps, content_stamps = self._input_stamps(dirs)
        if stamps == self.stamps and previous is not None:
            problems.extend(p for p in self.last_problems if p not in problems)
            if self.options.strict and problems.warnings:
                raise BuildFailed(as_errors(problems))
            return BuildResult(config, None, [], list(problems), seconds=time.perf_counter() - started, nothing_changed=True)

        import jinja2

        from generator.content import build_site
        from generator.parallel import MIN_ITEMS, parallel_imap
        from generator.routes import build_routes

        self._load_records()
        self.memo.reset_for(_hash(config))
        content = config.content_dir
        self.memo.only_changed = None if changed is None or len(changed) > 50 else \
            {relative_name(p, config.root) for p in changed if p.is_relative_to(content)}
        self.memo.known_stamps = content_stamps  # saves a stat per file; true only for this moment,
        renderer = self._renderer_for(dirs)
        # With nothing to carry over (no earlier output, or nothing known of it) every page is
        # rendered: while workers make the records, this process compiles all the templates (once,
        # here, rather than in every worker that renders pages later). A rebuild that renders a
        # few pages compiles only what those use, when it uses it.
        everything = previous is None or not self.fingerprints
        try:
            site = build_site(config, problems, self.memo, self.markdown,
                              meanwhile=renderer.compile_all if everything else None)
        finally:
            self.memo.known_stamps = {}  # so the preview's quick path, later, must stat again
        if problems.errors:
            raise BuildFailed(problems)
        self.memo.forget_unseen()

        shared = self._menu(renderer, site)
        pages = build_routes(site, config)

        # Page paths are checked before anything is written, so no page can land outside output/.
        # A clash is reported against the content file that made the page.
        page_paths = [(p.path, next(iter(p.inputs)) if len(p.inputs) == 1 else config.file) for p in pages]
        check_paths(page_paths, problems)
        if problems.errors:
            raise BuildFailed(problems)

        def fingerprints() -> dict[str, str]:
            try:
                template_keys = self._template_keys(renderer, {p.template for p in pages})
            except jinja2.TemplateError as exc:
                self._template_problem(exc, "", problems)
                raise BuildFailed(problems)
            return self._fingerprints(pages, self.memo.digests, shared, template_keys)

        # When every page is rendered, the fingerprints (only kept for the next build) are made
        # while the workers render.
        prints = {} if everything else fingerprints()
        carried = set() if everything else {page.path for page in pages if page.path in previous
                                            and self.fingerprints.get(page.path) == prints[page.path]}
        to_render = [page for page in pages if page.path not in carried]

        # `bulletin build` has each page written into the staging folder by whoever rendered it
        # (a worker, for a big site), so pages never travel between processes and the whole site
        # is never in memory; the preview collects the few it renders and writes them in place.
        staging = None if in_place and previous is not None else Staging(config.output_dir)

        def render(page: PageSpec) -> bytes | bool | jinja2.TemplateError:
            try:
                html = renderer.render(page)
            except jinja2.TemplateError as exc:  # reported below, in the parent process
                return exc
            return staging.write(page.path, html) if staging else html

        files: dict[str, Any] = {}
        try:
            for path in carried:
                if staging:
                    staging.put(path, CARRY)
                else:
                    files[path] = CARRY
            # On a big site even a few pages are worth workers: after one book changed, its index
            # pages (thousands of books each) take as long as the other outputs this process makes
            # meanwhile. Not for the preview (in place): it has written the edited page first
            # already, and forks as little as it can while its server's threads run.
            spread_from = 2 if staging and len(pages) >= MIN_ITEMS else None
            with parallel_imap(render, to_render, min_items=spread_from) as outcomes:
                # While workers render the pages, this process makes the fingerprints (if still
                # to be made) and the other outputs.
                if everything:
                    prints = fingerprints()
                others, later = self._other_outputs(site, renderer, pages, dirs, problems)
                for page, outcome in zip(to_render, outcomes):
                    if isinstance(outcome, jinja2.TemplateError):
                        self._template_problem(outcome, page.template, problems)
                        raise BuildFailed(problems)
                    if staging:
                        staging.record(page.path, outcome)
                    else:
                        files[page.path] = outcome
            rendered = [page.path for page in to_render]
            # The pages' workers are gone: the cores are free for what was left for now (the PDFs).
            if others is not None:
                others = self._gather(later, others, problems)
            if others is None:  # a template of the other outputs is broken
                raise BuildFailed(problems)

            made_by_pages = {path for path, _ in page_paths}
            check_paths(page_paths + [(path, config.file) for path in others if path not in made_by_pages], problems)
            if problems.errors:
                raise BuildFailed(problems)
            if self.options.strict and problems.warnings:  # checked last: printables warn too
                raise BuildFailed(as_errors(problems))
            if staging:
                for path, content in others.items():
                    staging.put(path, content)
                report = staging.finish()
            else:
                files.update(others)
                report = write_in_place(files, config.output_dir)
        except BaseException:
            if staging:
                staging.discard()
            raise
        self.fingerprints, self.stamps, self.site = prints, stamps, site
        self.last_problems = [p for p in problems if not p.is_error]
        if self.persist:
            self._save_state()
        return BuildResult(
            config=config, site=site, pages=pages, problems=list(problems), report=report,
            seconds=time.perf_counter() - started, sections=Counter(p.section for p in pages), rendered=rendered,
        )

    def _other_outputs(self, site: Site, renderer: Renderer, pages: list[PageSpec], dirs: list[Path],
                       problems: Problems) -> tuple[dict[str, Any] | None, list[Callable[[], dict[str, Any]]]]:
        """Theme files, images, feeds, search index, sitemap, printables: ({output path: content},
        what they leave for after the pages: BuildContext.after_pages). None when a template they
        use is broken (the problem is recorded)."""
        from generator.render import static_files
        others: dict[str, Any] = dict(static_files(dirs))
        for source, site_path in site.images:
            others[site_path] = source
        context = BuildContext(site, self.config, renderer, pages, problems, self.options, self.cache_dir)
        others = self._gather([partial(extra, context) for extra in extra_outputs()], others, problems)
        return others, context.after_pages

    def _gather(self, makers: list[Callable[[], dict[str, Any]]], others: dict[str, Any],
                problems: Problems) -> dict[str, Any] | None:
        """`others` with what each maker adds; None when a template one uses is broken (recorded)."""
        import jinja2
        try:
            for make in makers:
                others.update(make())
        except jinja2.TemplateError as exc:
            self._template_problem(exc, "", problems)
            return None
        return others

    def _template_problem(self, exc: jinja2.TemplateError, template: str, problems: Problems) -> None:
        import jinja2
        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = relative_name(Path(exc.filename), self.config.root) if exc.filename else (exc.name or template)
            problems.error("template_error", where, exc.lineno, detail=exc.message)
        else:
            problems.error("template_error", template, None, detail=str(exc))

    # -- the cache between `bulletin build` runs ------------------------------------------

    # Two files: the stamps, small, are all a build with nothing to do reads; the memo (every
    # book's record) and the page fingerprints are read only when there is something to build.
    # Each names the build it comes from, so a pair from two different builds is not trusted.

    def _read_cache(self, name: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        try:
            with open(self.cache_dir / name, "rb") as handle:
                state = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None  # no cache, or one from another version: build everything
        if not isinstance(state, dict) or state.get("format") != (CACHE_FORMAT, __version__) \
                or state.get("output") != str(self.config.output_dir) or not set(keys) <= state.keys():
            return None
        return state

    def _load_state(self) -> None:
        state = self._read_cache("state.pickle", ("build", "stamps", "problems"))
        if state is not None:
            self.stamps, self.last_problems, self._cached_build = state["stamps"], state["problems"], state["build"]

    def _load_records(self) -> None:
        """The memo and fingerprints of the build the stamps come from (once, when needed)."""
        build_id, self._cached_build = self._cached_build, None
        if build_id is None:
            return
        state = self._read_cache("records.pickle", ("build", "fingerprints", "memo_key", "memo"))
        if state is not None and state["build"] == build_id:
            self.fingerprints = state["fingerprints"]
            self.memo.key, self.memo.entries = state["memo_key"], state["memo"]

    def _save_state(self) -> None:
        common = {"format": (CACHE_FORMAT, __version__), "output": str(self.config.output_dir),
                  "build": os.urandom(8).hex()}
        records = {**common, "fingerprints": self.fingerprints, "memo_key": self.memo.key, "memo": self.memo.entries}
        state = {**common, "stamps": self.stamps, "problems": self.last_problems}
        try:
            self.cache_dir.mkdir(exist_ok=True)
            for name, content in (("records.pickle", records), ("state.pickle", state)):
                temporary = self.cache_dir / f"{name}.tmp"
                with open(temporary, "wb") as handle:
                    pickle.dump(content, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.cache_dir / name)
        except OSError:
            pass  # a read-only project still builds; it just builds everything each time


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
