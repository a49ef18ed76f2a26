"""sitemap.xml (every page, for search engines) and robots.txt (config's `robots`: allow or disallow).

A sitemap must give whole addresses, so it is made only when site.base_url is set. robots.txt
is always written; `robots: disallow` asks every search engine to stay away (an intranet site).
Search engines read robots.txt only at the root of a host, so under a sub-path it counts only
if the web server's own robots.txt says the same.
"""
from __future__ import annotations

import posixpath
from xml.etree import ElementTree

from generator.outputs import EXTRA_OUTPUTS, BuildContext
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


def sitemap(context: BuildContext) -> dict[str, bytes]:
    base = context.config.site["base_url"]
    if not base:
        return {}
    root = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for page in context.pages:
        if page.path in NOT_LISTED:
            continue
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = absolute_url(base, page_address(page.path))
    ElementTree.indent(root)
    return {SITEMAP: ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"}


def robots(context: BuildContext) -> dict[str, bytes]:
    if context.config.robots == "disallow":
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = ["User-agent: *", "Allow: /"]
        address = absolute_url(context.config.site["base_url"], SITEMAP)
        if address:
            lines.append(f"Sitemap: {address}")
    return {ROBOTS: ("\n".join(lines) + "\n").encode("utf-8")}


EXTRA_OUTPUTS.extend([sitemap, robots])
