"""Editing content in the browser, inside `bulletin serve`: forms made from the registry's
schemas and kinds, saved by round-trip YAML after the same checks as `bulletin check`.

security  tokens, CSRF, Host/Origin, loopback only     catalog  listing, search, page -> file
forms     schema + values -> inputs; posted form -> values  saving  values -> document; checks
paths     type + slug -> file, never a path             actions save, create (what a form does)
trash     delete = move to .bulletin-trash/, restore    uploads covers: Pillow, EXIF, naming
views     Jinja templates of the theme (templates/editor/)  server  the requests under /_edit/
"""
from generator.editor.security import PREFIX, is_loopback

__all__ = ["PREFIX", "is_loopback"]
