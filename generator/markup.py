"""Markdown bodies to safe HTML: Python-Markdown for the syntax, nh3 to remove anything hostile."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from typing import Any, Callable

import markdown
import nh3
from markdown.extensions.toc import TocExtension, TocTreeprocessor, slugify_unicode

from generator.htmltidy import tidy
from generator.problems import Problems
from generator.kinds import CONTROL_CHARACTERS

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
    "td": {"colspan", "rowspan"},  # not align: obsolete HTML (Markdown's tables align with style, removed too)
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}


# What each optional part of the Markdown set-up needs to find in a text before it can do
# anything: a text without a "|" has no table, one without "<" no raw HTML or <autolink>.
# Python-Markdown tries every inline pattern on every run of text, which is most of its time
# on plain Chinese prose; a text that cannot use a part is converted without it. The HTML is
# the same either way (tests/test_markup.py holds the two side by side).
OPTIONAL_EXTENSIONS: dict[str, Callable[[str], bool]] = {
    "tables": lambda text: "|" in text,
    "footnotes": lambda text: "[^" in text,
    "fenced_code": lambda text: "```" in text or "~~~" in text,
    # After raw HTML a line goes on as a line of its own ("<!-- 注 -->: x" is a term and ": x").
    "def_list": lambda text: re.search(r"^ {0,3}:", text, re.MULTILINE) is not None or ("<" in text and ":" in text),
    "attr_list": lambda text: "{" in text,
    # toc gives headings their ids: a text with no heading (# or a setext underline) needs none.
    "toc": lambda text: "#" in text or "[TOC]" in text or re.search(r"^ {0,3}(=+|-+)[ \t]*$", text, re.MULTILINE) is not None
    or ("<" in text and ("=" in text or "-" in text)),
    "toc_marker": lambda text: "[TOC]" in text,  # not an extension: without it, toc becomes HeadingIds
}
OPTIONAL_INLINE_PATTERNS: dict[str, Callable[[str], bool]] = {
    "backtick": lambda text: "`" in text,
    "escape": lambda text: "\\" in text,
    "image_link": lambda text: "![" in text,
    # A reference ([text][id], [id]) becomes a link only when the text defines it ("[id]: url").
    "image_reference": lambda text: "![" in text and "]:" in text,
    "short_image_ref": lambda text: "![" in text and "]:" in text,
    "autolink": lambda text: "<" in text,
    "automail": lambda text: "<" in text,
    "html": lambda text: "<" in text,
    "linebreak": lambda text: "  \n" in text or "\t" in text,  # tabs become spaces first
    "entity": lambda text: "&" in text,
    "reference": lambda text: "[" in text and "]:" in text,
    "link": lambda text: "[" in text,
    "short_reference": lambda text: "[" in text and "]:" in text,
    "em_strong": lambda text: "*" in text or "_" in text,
}
# slugify_unicode keeps Chinese headings as readable anchors (the default drops CJK).
EXTENSION_CONFIGS = {"toc": {"slugify": slugify_unicode, "permalink": False}}


class _HeadingIdsTreeprocessor(TocTreeprocessor):
    def build_toc_div(self, toc_list: list) -> etree.Element:
        return etree.Element("div")  # the table of contents (md.toc) is built for nothing here


class HeadingIds(TocExtension):
    """toc as this project uses it: ids on the headings, no table of contents unless the text
    asks for one with a [TOC] marker (then the full toc is used). Building and serialising the
    unused table was a sixth of the time of converting a book's introduction."""

    TreeProcessorClass = _HeadingIdsTreeprocessor


class MarkdownRenderer:
    """Markdown to safe HTML with converters that are reused (`reset()` between documents is much
    cheaper than a new one), one for each set of syntax a document can use."""

    def __init__(self) -> None:
        self._converters: dict[tuple[frozenset[str], frozenset[str]], markdown.Markdown] = {}

    def converter(self, text: str | None) -> markdown.Markdown:
        """The converter for this text: the full set-up less the parts the text cannot use
        (None: the full set-up)."""
        if text is None:
            key: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        else:
            key = (frozenset(name for name, used in OPTIONAL_EXTENSIONS.items() if not used(text)),
                   frozenset(name for name, used in OPTIONAL_INLINE_PATTERNS.items() if not used(text)))
        md = self._converters.get(key)
        if md is None:
            unused_extensions, unused_patterns = key
            extensions: list[str | markdown.extensions.Extension] = [e for e in EXTENSIONS if e not in unused_extensions]
            if "toc" in extensions and "toc_marker" in unused_extensions:
                extensions[extensions.index("toc")] = HeadingIds(**EXTENSION_CONFIGS["toc"], marker="")
            md = markdown.Markdown(extensions=extensions, extension_configs=EXTENSION_CONFIGS, output_format="html")
            for name in unused_patterns:
                md.inlinePatterns.deregister(name)
            self._converters[key] = md
        return md

    def render(self, text: str, full: bool = False, *, problems: Problems | None = None, source: Any = None,
               pictures: Any = None) -> str:
        """full: use every part of the set-up whatever the text (what the tests compare with).
        problems, source (a loaded file: .name, .body_line): where to say what the sanitiser removed.
        pictures (covers.Pictures): the page the text is shown on; its pictures are found and placed."""
        text = CONTROL_CHARACTERS.sub("", text)
        converted = self.converter(None if full else text).reset().convert(text)
        if problems is not None and source is not None and _MAY_LOSE.search(text):
            report_removed(converted, text, source.name, source.body_line, problems)
        body_html = sanitise(converted, raw_html="<" in text)
        if pictures is not None and problems is not None and source is not None:
            from generator.covers import place_pictures
            body_html = place_pictures(body_html, pictures, source, problems)
        return body_html


_TAG = re.compile(r"<[^>]*>")


def plain_text(body_html: str) -> str:
    """The words of rendered Markdown (HTML as `render()` gives it: sanitised, so every "<"
    starts a tag and no attribute holds a ">"), tags removed, whitespace collapsed."""
    text = html.unescape(_TAG.sub("", body_html))
    return re.sub(r"\s+", " ", text).strip()


# Built once: nh3.clean() converts the allowed sets into the sanitiser's own for every text,
# which took half its time.
_SANITISER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener",
)


def sanitise(html: str, raw_html: bool = True) -> str:
    """Safe (nh3), then valid (htmltidy). raw_html: the text had HTML of its own."""
    return tidy(_SANITISER.clean(html), raw_html)


# --- saying what was removed ---------------------------------------------------------------

# Only a text that has raw HTML, a heading Markdown makes an <h1> of, or a link or picture
# whose address has a scheme other than http(s) or mailto can lose anything.
_MAY_LOSE = re.compile(r"<|^ {0,3}#(?!#)|^ {0,3}=+[ \t]*$"
                       r"|(?:\]\(|^ {0,3}\[[^\]]+\]:)\s*<?\s*(?!(?:https?|mailto):)[a-zA-Z][\w+.-]*:", re.MULTILINE)
EMBEDS = {"iframe", "video", "audio", "embed", "object", "source", "track", "frame", "frameset", "applet", "picture"}
SCRIPTS = {"script", "noscript"}
URL_SCHEMES = {"http", "https", "mailto"}  # as _SANITISER's url_schemes
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def _usable(url: str) -> bool:
    """True when nh3 keeps this href or src: a relative address, or one of URL_SCHEMES."""
    url = re.sub(r"[\t\n\r]", "", url).strip("\x00 \x0b\x0c")
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


class _Removals(HTMLParser):
    """What the sanitiser will remove from converted Markdown: {problem code: [what, ...]}."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, dict[str, None]] = {}

    def add(self, code: str, what: str) -> None:
        what = what.strip()
        self.found.setdefault(code, {})[what[:60] + ("…" if len(what) > 60 else "")] = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMBEDS:
            self.add("html_embed_removed", f"<{tag}>")
        elif tag in SCRIPTS:
            self.add("html_script_removed", f"<{tag}>")
        elif tag not in ALLOWED_TAGS:
            self.add("html_tag_removed", f"<{tag}>")
        values = dict(attrs)
        for name in values:
            if name.startswith("on"):
                self.add("html_script_removed", name)
        if tag == "a" and values.get("href") is not None and not _usable(values["href"] or ""):
            self.add("html_link_removed", values["href"] or "")
        if tag == "img" and not _usable(values.get("src") or "x:"):
            self.add("html_image_removed", values.get("src") or "")

    handle_startendtag = handle_starttag


def report_removed(converted: str, text: str, file: str, first_line: int, problems: Problems) -> None:
    """Warn, once per kind, about what the sanitiser takes out of this text and why (a video
    embedded with <iframe> disappeared without a word before)."""
    removals = _Removals()
    removals.feed(converted)
    for code, found in removals.found.items():
        what = list(found)
        # The line of the first of them in the text, when it is written there as it was found.
        needle = what[0].strip("<>").lower() if code in ("html_embed_removed", "html_tag_removed") else what[0]
        at = text.lower().find(needle.lower().rstrip("…"))
        line = first_line + text.count("\n", 0, at) if at >= 0 else first_line
        problems.warn(code, file, line, what="、".join(what))
