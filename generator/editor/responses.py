"""How the editor answers: every response with headers that keep its pages to itself, and the
small answers its script asks for (a cover saved, an image, the books for the picker)."""
from __future__ import annotations

import json
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator.editor.uploads import CoverRefused, save_cover
from generator.problems import Problem
from generator.registry import content_types

SECURITY_HEADERS = (
    ("Cache-Control", "no-store"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),  # the token stays out of other sites' logs; "no-referrer" would make browsers send Origin: null
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; "
                                "script-src 'self'; frame-ancestors 'none'; form-action 'self'"),
)


def send(handler: Any, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
         headers: tuple[tuple[str, str], ...] = ()) -> None:
    handler.send_response(status)
    for name, value in (("Content-Type", content_type), ("Content-Length", str(len(body))), *SECURITY_HEADERS, *headers):
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def refuse(handler: Any, status: int, reason: str) -> None:
    send(handler, status, reason.encode("utf-8"), "text/plain; charset=utf-8")



def send_json(handler: Any, status: int, data: Any) -> None:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    send(handler, status, body, "application/json; charset=utf-8")


def send_cover(handler: Any, raw: bytes, slug: str, content_dir: Path, views: Any, base: str) -> None:
    """Save an uploaded cover into content/images/; answer its name, or the problem in words."""
    try:
        name = save_cover(raw, slug, content_dir / "images")
    except CoverRefused as refused:
        said = views.problem_text(Problem(refused.code, "", None, {"value": "", **refused.params}))
        return send_json(handler, HTTPStatus.UNPROCESSABLE_ENTITY, said)
    send_json(handler, HTTPStatus.OK, {"name": name, "url": f"{base}image/{quote(name)}"})


IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".webp": "image/webp", ".svg": "image/svg+xml"}


def send_image(handler: Any, name: str, content_dir: Path) -> None:
    """A cover for the form's preview: in content/images/ or beside the content files."""
    folders = [content_dir / "images"] + [t.folder_in(content_dir) for t in content_types()]
    path = next((f / name for f in folders if (f / name).is_file() and not (f / name).is_symlink()), None)
    if path is None or path.suffix.lower() not in IMAGE_TYPES:
        return refuse(handler, HTTPStatus.NOT_FOUND, "no such image")
    send(handler, HTTPStatus.OK, path.read_bytes(), IMAGE_TYPES[path.suffix.lower()])


def send_books(handler: Any, items: list) -> None:
    """The books for the picker: [file name, title, what a search looks in]."""
    send_json(handler, HTTPStatus.OK, {"books": [[i.slug, i.title, i.words] for i in items if i.type == "books"]})
