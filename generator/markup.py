"""Markdown bodies to safe HTML: Python-Markdown for the syntax, nh3 to remove anything hostile."""
from __future__ import annotations

import markdown
import nh3

from generator.schema import CONTROL_CHARACTERS
from markdown.extensions.toc import slugify_unicode

EXTENSIONS = ["tables", "attr_list", "toc", "footnotes", "fenced_code", "sane_lists", "def_list"]

# What a librarian's Markdown may carry through: text structure, tables, images, links.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "ruby", "rp", "rt", "s", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}


class MarkdownRenderer:
    """One reused Markdown converter; `reset()` between documents is much cheaper than a new one."""

    def __init__(self) -> None:
        # slugify_unicode keeps Chinese headings as readable anchors (the default drops CJK).
        configs = {"toc": {"slugify": slugify_unicode, "permalink": False}}
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs, output_format="html")

    def render(self, text: str) -> str:
        self._md.reset()
        html = self._md.convert(CONTROL_CHARACTERS.sub("", text))
        return sanitise(html)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
