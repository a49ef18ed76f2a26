"""sitemap.xml (every page, for search engines) and robots.txt (config's `robots`: allow or disallow).

A sitemap must give whole addresses, so it is made only when site.base_url is set. robots.txt
is always written; `robots: disallow` asks every search engine to stay away (an intranet site).
Search engines read robots.txt only at the root of a host, so under a sub-path it counts only
if the web server's own robots.txt says the same.
"""
from __future__ import annotations

import posixpath
from xml.etree import ElementTree

from generator.outputs import EXTRA_OUTPUTS, BuildContext, Derived
from generator.state import digest
from generator.urls import absolute_url

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_LISTED = {"404.html"}  # pages that are not content of their own
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def page_address(output_file: str) -> str:
    """books/xiyouji/index.html -> books/xiyouji/ (web servers answer a folder with its index.html)."""
    if posixpath.basename(output_file) == "index.html":
        return output_file[: -len("index.html")]
    return output_file


def sitemap(context: BuildContext) -> list[Derived]:
    if not context.config.site["base_url"]:
        return []
    listed = [page.path for page in context.pages if page.path not in NOT_LISTED]
    return [Derived(SITEMAP, frozenset(), lambda: _sitemap(context.config.site["base_url"], listed), key=digest(listed))]


def _sitemap(base: str, listed: list[str]) -> bytes:
    root = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for path in listed:
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = absolute_url(base, page_address(path))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots(context: BuildContext) -> list[Derived]:
    return [Derived(ROBOTS, frozenset(), lambda: _robots(context))]


def _robots(context: BuildContext) -> bytes:
    if context.config.robots == "disallow":
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = ["User-agent: *", "Allow: /"]
        address = absolute_url(context.config.site["base_url"], SITEMAP)
        if address:
            lines.append(f"Sitemap: {address}")
    return ("\n".join(lines) + "\n").encode("utf-8")


EXTRA_OUTPUTS.extend([sitemap, robots])
