"""Links: relative, so the site works under any sub-path and opened straight from disk (file://),
and percent-encoded, since they are made from file names. The one place a site path (a file's
path under output/) becomes a URL.
"""
from __future__ import annotations

import string
from functools import lru_cache
from urllib.parse import quote, unquote

# What may stand in a URL path as it is: RFC 3986's unreserved characters, "/", the sub-delimiters
# an HTML attribute holds as they are, and letters beyond ASCII (Chinese names stay readable:
# browsers and the HTML validator take them, as IRIs). Everything else is percent-encoded: a space,
# quotes, < > { } | ^ `, and the % # ? : that would change what the URL means.
_AS_IS = frozenset(string.ascii_letters + string.digits + "-._~/!$&()*+,;=@")


@lru_cache(maxsize=65536)  # the same few thousand paths are linked from page after page
def url_path(site_path: str) -> str:
    """books/a b/index.html -> books/a%20b/index.html; books/西游记/ stays as it is."""
    return "".join(c if c in _AS_IS or (c > "\x7f" and c.isprintable() and not c.isspace()) else quote(c, safe="")
                   for c in site_path)


def site_path_of(url: str) -> str:
    """The site path a URL made by url_path() names (for the PDF maker, which fetches by URL)."""
    return unquote(url)


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
        return "#" + url_path(site_path[1:])
    target, _, fragment = site_path.partition("#")
    url = root_prefix(from_output) + url_path(output_path(target))
    return f"{url}#{url_path(fragment)}" if fragment else url


def absolute_url(base_url: str, site_path: str) -> str | None:
    """The public address of a site path, from config's site.base_url; None when that is not set.

    Feeds, the sitemap and calendar subscriptions are read by other programs, which need
    whole addresses; the pages themselves keep relative links.
    """
    if not base_url:
        return None
    return base_url.rstrip("/") + "/" + url_path(site_path.lstrip("/"))


def webcal_url(base_url: str, site_path: str) -> str | None:
    """webcal://… makes a browser hand the address to the calendar program as a subscription."""
    url = absolute_url(base_url, site_path)
    if url is None:
        return None
    return "webcal://" + url.split("://", 1)[-1]
