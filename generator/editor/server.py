"""The editor inside `bulletin serve`: requests under /_edit/<token>/ are answered here.

serve.py hands over every request whose path starts with /_edit/ (`Editor.handle`) and asks
for the 编辑 link to put on each page it serves (`Editor.link`). Nothing here runs in
`bulletin build`, and the editor exists only while the preview listens on a loopback address.
"""
from __future__ import annotations

import html
import traceback
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, parse_qsl, quote, urlsplit

from generator.editor import actions
from generator.editor.catalog import Catalog, PageSources, page_of, search
from generator.editor.forms import BODY
from generator.editor.paths import NotAllowed, checked_slug, content_type_named, existing_file
from generator.editor.responses import refuse, send, send_books, send_cover, send_image
from generator.editor.security import Guard
from generator.editor.trash import move_to_trash, restore, trashed
from generator.editor.views import Views, static_file
from generator.markup import MarkdownRenderer
from generator.ordering import pinyin_slug
from generator.registry import content_types
from generator.roundtrip import NotEditable

NOTICES = ("deleted", "restore_exists")  # what the home page may be asked to say (?notice=)
MAX_FORM_BYTES = 4 * 1024 * 1024
MAX_UPLOAD_BYTES = 12 * 1024 * 1024


class Editor:
    """The editor of one running preview (`preview`: generator.serve.Preview)."""

    def __init__(self, preview: Any, port: int, host: str = "127.0.0.1"):
        self.preview = preview
        self.guard = Guard(port, host)
        self.catalog = Catalog(preview.config.root, preview.config.content_dir)
        self.page_sources = PageSources()
        self.markdown = MarkdownRenderer()  # its own: the builder's is busy in rebuilds
        self._views: Views | None = None

    @property
    def views(self) -> Views:
        if self._views is None or self._views.config is not self.preview.config:
            self._views = Views(self.preview.config)
        return self._views

    def address(self, host: str) -> str:
        return f"http://{host}:{self.guard.port}{self.guard.base}"

    def context(self) -> actions.Context:
        return actions.Context(self.preview.config, self.preview.builder.site, self.markdown)

    # -- the link on every served page ---------------------------------------------------

    def link(self, handler: Any, page_path: str) -> str:
        """The 编辑 link for a served page (its content file's form, or its type's list)."""
        if not self.guard.host_ok(handler.headers.get("Host")):
            return ""
        source, section = self.page_sources.source(page_path, self.preview.builder.site, self.preview.config.content_dir)
        href = self.guard.base
        parts = source.split("/") if source else []
        if len(parts) == 3 and parts[0] == "content":
            href += f"edit/{parts[1]}/{quote(parts[2].rsplit('.', 1)[0])}"
        elif section:
            href += f"?type={section}"
        words = html.escape(self.views.word("editor.edit_link") or "编辑")
        return (f'<a id="bulletin-edit" href="{html.escape(href)}" style="position:fixed;right:16px;bottom:16px;'
                'z-index:99998;background:#1f5f8b;color:#fff;padding:10px 18px;border-radius:24px;'
                'font:16px/1.2 system-ui,sans-serif;text-decoration:none;box-shadow:0 2px 8px rgba(0,0,0,.3)">'
                f"✎ {words}</a>")

    # -- requests ------------------------------------------------------------------------

    def handle(self, handler: Any, method: str) -> None:
        host = handler.headers.get("Host")
        if not self.guard.host_ok(host):  # a DNS-rebinding page arrives under its own name
            return refuse(handler, HTTPStatus.FORBIDDEN, "wrong host")
        address = urlsplit(handler.path)
        rest = self.guard.rest(address.path)
        if rest is None:
            return refuse(handler, HTTPStatus.FORBIDDEN, "this address needs the token bulletin serve printed")
        query = {k: v[-1] for k, v in parse_qs(address.query).items()}
        try:
            if method == "GET":
                return self._get(handler, rest, query)
            if not self.guard.origin_ok(handler.headers.get("Origin"), host):
                return refuse(handler, HTTPStatus.FORBIDDEN, "a write must come from the editor's own pages")
            return self._post(handler, rest, query)
        except NotAllowed as exc:
            return refuse(handler, HTTPStatus.BAD_REQUEST, str(exc))
        except NotEditable as exc:
            return self._page(handler, HTTPStatus.CONFLICT, "message.html", heading=self.views.word("editor.not_editable"),
                              detail=str(exc))
        except Exception:  # a fault here must not stop the preview; say so and keep serving
            traceback.print_exc()
            return refuse(handler, HTTPStatus.INTERNAL_SERVER_ERROR, "internal error: see the terminal")

    def _get(self, handler: Any, rest: str, query: dict[str, str]) -> None:
        head, _, tail = rest.partition("/")
        if rest == "":
            return self._home(handler, query)
        if head == "static" and (found := static_file(tail)):
            return send(handler, HTTPStatus.OK, found[0], found[1])
        if rest == "books.json":
            return self._books(handler)
        if head == "image":
            return self._image(handler, checked_slug(tail))
        if head == "edit":
            type_name, _, slug = tail.partition("/")
            return self._form(handler, content_type_named(type_name), checked_slug(slug), query)
        if head == "new":
            return self._form_page(handler, HTTPStatus.OK, content_type_named(tail), None, {}, [], None, "")
        return refuse(handler, HTTPStatus.NOT_FOUND, "no such editor page")

    def _post(self, handler: Any, rest: str, query: dict[str, str]) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        if length > MAX_UPLOAD_BYTES:
            return refuse(handler, HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")
        raw = handler.rfile.read(length)
        head, _, tail = rest.partition("/")
        if head in ("preview", "cover"):  # sent by the script: the token in a header
            if not self.guard.csrf_ok(handler.headers.get("X-CSRF-Token")):
                return refuse(handler, HTTPStatus.FORBIDDEN, "no CSRF token")
            return self._preview(handler, raw) if head == "preview" else self._cover(handler, raw, query)
        if length > MAX_FORM_BYTES:
            return refuse(handler, HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")
        pairs = parse_qsl(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
        if not self.guard.csrf_ok(next((v for k, v in pairs if k == "_csrf"), None)):
            return refuse(handler, HTTPStatus.FORBIDDEN, "no CSRF token")
        type_name, _, slug = tail.partition("/")
        if head == "save":
            content_type = content_type_named(type_name)
            outcome = actions.save(content_type, checked_slug(slug), pairs, self.context())
            return self._outcome(handler, outcome, content_type, slug)
        if head == "create":
            content_type = content_type_named(type_name)
            return self._outcome(handler, actions.create(content_type, pairs, self.context()), content_type, None)
        if head == "delete":
            return self._delete(handler, content_type_named(type_name), checked_slug(slug))
        if head == "restore":
            return self._restore(handler, tail)
        return refuse(handler, HTTPStatus.NOT_FOUND, "no such editor action")

    # -- pages ---------------------------------------------------------------------------

    def _page(self, handler: Any, status: int, template: str, **context: Any) -> None:
        context.update(base=self.guard.base, csrf=self.guard.csrf, types=content_types())
        send(handler, status, self.views.render(template, **context))

    def _redirect(self, handler: Any, where: str) -> None:
        send(handler, HTTPStatus.SEE_OTHER, b"", headers=(("Location", self.guard.base + where),))

    def _home(self, handler: Any, query: dict[str, str]) -> None:
        everything = self.catalog.items(self.preview.builder.memo)
        type_name = query.get("type", "")
        found = search(everything, query.get("q", ""), type_name)
        shown, number, pages = page_of(found, int(query["page"]) if query.get("page", "").isdigit() else 1)
        counts = {t.name: sum(1 for i in everything if i.type == t.name) for t in content_types()}
        self._page(handler, HTTPStatus.OK, "home.html", items=shown, found=len(found), number=number, pages=pages,
                   query=query.get("q", ""), type_name=type_name, counts=counts, trash=trashed(self.preview.config.root)[:20],
                   notice=query.get("notice", "") if query.get("notice") in NOTICES else "")

    def _form(self, handler: Any, content_type: Any, slug: str, query: dict[str, str]) -> None:
        document, values, placed = actions.current(content_type, slug, self.context())
        self._form_page(handler, HTTPStatus.OK, content_type, slug, values, placed, document.body, document.digest,
                        saved="saved" in query)

    def _form_page(self, handler: Any, status: int, content_type: Any, slug: str | None, values: dict, placed: list,
                   body: str | None, digest: str, saved: bool = False, conflict: tuple[str, str] | None = None) -> None:
        views = self.views
        problems: dict[str, list] = {}
        for item in placed:
            problems.setdefault(item.name, []).append(views.problem_text(item.problem))
        if body is None and slug is None and content_type.suffix == ".md":
            body = ""
        suffix = ".md" if content_type.suffix == ".md" else ".yaml"
        site = self.preview.builder.site
        page = self.page_sources.page_for(f"content/{content_type.name}/{slug}{suffix}", site) if slug else None
        page_url = "/" + page.removesuffix("index.html") if page else ""
        file_name = f"content/{content_type.name}/{slug}{suffix}" if slug else ""
        self._page(handler, status, "form.html", content_type=content_type, slug=slug, inputs=views.forms.inputs(
            content_type.schema, values), problems=problems, body=body, body_name=BODY, digest=digest, saved=saved,
            conflict=conflict, placeholder=content_type.scaffold.body, page_url=page_url, file_name=file_name,
            action=f"save/{content_type.name}/{slug}" if slug else f"create/{content_type.name}")

    def _outcome(self, handler: Any, outcome: actions.Outcome, content_type: Any, slug: str | None) -> None:
        if outcome.redirect:
            return self._redirect(handler, outcome.redirect)
        self._form_page(handler, outcome.status, content_type, slug, outcome.values, outcome.placed, outcome.body,
                        outcome.digest, conflict=outcome.conflict)

    # -- the rest ------------------------------------------------------------------------

    def _delete(self, handler: Any, content_type: Any, slug: str) -> None:
        path = existing_file(content_type, slug, self.preview.config.content_dir)
        move_to_trash(path, content_type.name, self.preview.config.root)
        self._redirect(handler, "?notice=deleted")

    def _restore(self, handler: Any, name: str) -> None:
        item = next((i for i in trashed(self.preview.config.root) if i.name == name), None)
        if item is None:
            raise NotAllowed("not in the trash")
        try:
            path = restore(item, self.preview.config.content_dir, self.preview.config.root)
        except FileExistsError:
            return self._redirect(handler, "?notice=restore_exists")
        self._redirect(handler, f"edit/{item.type}/{quote(path.stem)}?saved=1")

    def _preview(self, handler: Any, raw: bytes) -> None:
        send(handler, HTTPStatus.OK, self.markdown.render(raw.decode("utf-8", errors="replace")).encode("utf-8"))

    def _cover(self, handler: Any, raw: bytes, query: dict[str, str]) -> None:
        slug = checked_slug(query["slug"]) if query.get("slug") else pinyin_slug(query.get("title", "") or "cover")
        send_cover(handler, raw, slug, self.preview.config.content_dir, self.views, self.guard.base)

    def _image(self, handler: Any, name: str) -> None:
        send_image(handler, name, self.preview.config.content_dir)

    def _books(self, handler: Any) -> None:
        send_books(handler, self.catalog.items(self.preview.builder.memo))
