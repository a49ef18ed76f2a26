"""Relative links, so the site works under any sub-path and opened straight from disk (file://)."""
from __future__ import annotations

import posixpath


def output_path(site_path: str) -> str:
    """books/xiyouji/ -> books/xiyouji/index.html; a file path stays as it is."""
    if site_path == "" or site_path.endswith("/"):
        return site_path + "index.html"
    return site_path


def relative_url(from_output: str, site_path: str) -> str:
    """Link from the page written at `from_output` to `site_path`, always naming the file.

    file:// shows a folder listing for `books/`, so links name `books/index.html` explicitly.
    """
    target, _, fragment = site_path.partition("#")
    target = output_path(target)
    start = posixpath.dirname(from_output) or "."
    url = posixpath.relpath(target, start)
    return f"{url}#{fragment}" if fragment else url


def absolute_url(base_url: str, site_path: str) -> str | None:
    """The public address of a site path, from config's site.base_url; None when that is not set.

    Feeds, the sitemap and calendar subscriptions are read by other programs, which need
    whole addresses; the pages themselves keep relative links.
    """
    if not base_url:
        return None
    return base_url.rstrip("/") + "/" + site_path.lstrip("/")


def webcal_url(base_url: str, site_path: str) -> str | None:
    """webcal://… makes a browser hand the address to the calendar program as a subscription."""
    url = absolute_url(base_url, site_path)
    if url is None:
        return None
    return "webcal://" + url.split("://", 1)[-1]
