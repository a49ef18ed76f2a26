"""Render stage: page specs + a theme -> HTML bytes, through Jinja with autoescaping.

A theme is a folder with `templates/`, `static/` and `i18n/`. The site's own theme (from
config.yaml) is searched first, then the bundled default, so a site can override one template.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

import jinja2
from jinja2 import meta, nodes
from markupsafe import Markup

from generator.config import Config
from generator.i18n import Translations
from generator.outputs.typeset import justify, keep, keep_title, keep_titles
from generator.routes import PageSpec
from generator.urls import output_path, relative_url, root_prefix, url_path

@jinja2.pass_context
def _url(context: Any, site_path: str) -> str:
    if "#" in site_path:
        return relative_url(context["page_path"], site_path)
    return context["root"] + url_path(output_path(site_path))


def _shared_fragments(fragments: dict[tuple[str, str, str], Markup]):
    @jinja2.pass_context
    def shared(context: Any, name: str) -> Markup:
        """Template `name` rendered for this page, reused for every page at the same depth in the
        same section: for fragments that depend on nothing else (the header and its menu), which
        would otherwise be rendered again for each of thousands of pages."""
        key = (name, context["root"], context["section"])
        html = fragments.get(key)
        if html is None:
            html = fragments[key] = Markup(context.environment.get_template(name).render(context.get_all()))
        return html
    return shared


class Renderer:
    def __init__(self, config: Config, dirs: list[Path], globals_: dict[str, Any]):
        self.translations = Translations.load(dirs, config.site["language"])
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d / "templates") for d in dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Jinja would look at every template file's time on every render (thousands of stat
            # calls a build); `refresh()` does it once per build instead.
            auto_reload=False,
        )
        self._references: dict[tuple[str, str], list[str]] = {}  # (template, source) -> templates it names
        self._template_keys: dict[str, str] = {}  # name -> template_key(), until refresh()
        self._read: dict[str, tuple[str, str | None]] = {}  # name -> (source, file), until refresh()
        t = self.translations
        # The 404 page is served at any depth; its links start from the site's path on the server.
        base_path = urlsplit(config.site["base_url"]).path if config.site["base_url"] else ""
        self.fragments: dict[tuple[str, str, str], Markup] = {}  # see _shared_fragments(); emptied by refresh()
        self.env.globals.update(globals_, t=t, url=_url, shared=_shared_fragments(self.fragments),
                                lang=config.site["language"], today=config.today,
                                base_path=base_path)
        self.env.filters.update(
            date=lambda d, style="long": t.date(d, style),
            daterange=lambda a: t.date_range(a.start, a.end, keep),
            keep=keep,
            keep_title=keep_title,
            keep_titles=keep_titles,
            justify=justify,
        )

    def set_menu(self, nav: list[tuple[str, str]], pages_menu: tuple) -> None:
        """The site's menu, which every page's header shows."""
        self.env.globals.update(nav=nav, pages_menu=pages_menu)

    def template_key(self, name: str) -> str:
        """A digest of the template's source and of every template it uses, read once a build."""
        key = self._template_keys.get(name)
        if key is None:
            from generator.state import digest
            key = self._template_keys[name] = digest(sorted(self.template_sources(name, self._read).items()))
        return key

    def refresh(self) -> None:
        """Forget the compiled templates whose file was edited since they were compiled, the
        templates' keys, and the shared fragments (the menu may have changed too)."""
        self.fragments.clear()
        self._template_keys.clear()
        self._read.clear()
        cache = self.env.cache
        if cache is not None:
            for key, template in list(cache.items()):
                if not template.is_up_to_date:
                    del cache[key]

    def compile_all(self) -> None:
        """Compile every template of the theme now, so that forked workers inherit them compiled.
        A broken one is left for the page that uses it to report (it may be used by none)."""
        for name in self.env.list_templates(extensions=["html"]):
            try:
                self.env.get_template(name)
            except jinja2.TemplateError:
                pass

    def render(self, page: PageSpec) -> bytes:
        template = self.env.get_template(page.template)
        html = template.render(page.context, page_path=page.path, section=page.section, root=root_prefix(page.path))
        return html.encode("utf-8")

    def template_sources(self, name: str, read: dict[str, tuple[str, str | None]] | None = None) -> dict[str, str]:
        """The source of the template and of every template it extends, includes or imports.
        `read`: (source, file) of the templates already read in this build (most pages share base.html)."""
        read = {} if read is None else read
        sources: dict[str, str] = {}
        pending = [name]
        while pending:
            current = pending.pop()
            if current in sources:
                continue
            if current not in read:
                read[current] = self.env.loader.get_source(self.env, current)[:2]
            source, filename = read[current]
            sources[current] = source
            key = (current, source)
            if key not in self._references:  # parsing is the slow part, and most pages share base.html
                self._references[key] = _referenced_templates(self.env.parse(source, current, filename))
            pending.extend(self._references[key])
        return sources


def _referenced_templates(tree: nodes.Template) -> list[str]:
    """Templates named by extends, include and import, and by shared("...")."""
    names = [n for n in meta.find_referenced_templates(tree) if n]
    names += [call.args[0].value for call in tree.find_all(nodes.Call)
              if isinstance(call.node, nodes.Name) and call.node.name == "shared"
              and call.args and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str)]
    return names


def template_problem(exc: jinja2.TemplateError, template: str, root: Path, problems) -> None:
    """A broken template as a problem naming its file and line (or the template being rendered)."""
    from generator.problems import relative_name
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = relative_name(Path(exc.filename), root) if exc.filename else (exc.name or template)
        problems.error("template_error", where, exc.lineno, detail=exc.message)
    else:
        problems.error("template_error", template, None, detail=str(exc))


def static_files(dirs: list[Path]) -> dict[str, Path]:
    """assets/<name> -> file, the site theme's file winning over the default's."""
    files: dict[str, Path] = {}
    for theme_dir in reversed(dirs):
        static = theme_dir / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    files["assets/" + path.relative_to(static).as_posix()] = path
    return files
