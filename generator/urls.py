"""Relative links, so the site works under any sub-path and opened straight from disk (file://)."""
from __future__ import annotations


def output_path(site_path: str) -> str:
    """books/xiyouji/ -> books/xiyouji/index.html; a file path stays as it is."""
    if site_path == "" or site_path.endswith("/"):
        return site_path + "index.html"
    return site_path


def root_prefix(from_output: str) -> str:
    """The way back to the site's root from a page: books/x/index.html -> ../../"""
    return "../" * from_output.count("/")


def relative_url(from_output: str, site_path: str) -> str:
    """Link from the page written at `from_output` to `site_path`, always naming the file.

    file:// shows a folder listing for `books/`, so links name `books/index.html` explicitly.
    Links go up to the root and down again: simple, and as fast as string joining.
    """
    if site_path.startswith("#"):
        return site_path
    target, _, fragment = site_path.partition("#")
    url = root_prefix(from_output) + output_path(target)
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
