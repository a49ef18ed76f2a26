"""Sanitised HTML made valid: what nh3 keeps but HTML forbids, put right after it has cleaned a text.

nh3 makes a text safe, not valid: a link whose javascript: href it removed stays as an <a> that
links nowhere, a picture whose src it removed stays without one, and what a librarian pastes from
Word or a web page brings spaces in addresses, width="50%", empty ids, list items out of lists.
nh3's output is html5ever's serialisation (well nested, every attribute name="value", no
comments), so one pass over its tags, with a stack of the open elements, can put these right.
"""
from __future__ import annotations

import html
import re

_TOKEN = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"=>/]+(?:="[^"]*")?)*)\s*/?>|[^<]+|<')
_ATTRIBUTE = re.compile(r'\s+([^\s"=>/]+)(?:="([^"]*)")?')
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# Attribute values HTML allows, as data: (element or "*", attribute) -> a test of the value.
_NUMBER = re.compile(r"\d+")
VALID_VALUES = {
    ("img", "width"): lambda v: _NUMBER.fullmatch(v) is not None,  # no "50%" (Word writes it)
    ("img", "height"): lambda v: _NUMBER.fullmatch(v) is not None,
    ("ol", "start"): lambda v: re.fullmatch(r"-?\d+", v) is not None,
    ("td", "colspan"): lambda v: _NUMBER.fullmatch(v) is not None and 1 <= int(v) <= 1000,
    ("th", "colspan"): lambda v: _NUMBER.fullmatch(v) is not None and 1 <= int(v) <= 1000,
    ("td", "rowspan"): lambda v: _NUMBER.fullmatch(v) is not None and int(v) <= 65534,
    ("th", "rowspan"): lambda v: _NUMBER.fullmatch(v) is not None and int(v) <= 65534,
    ("*", "lang"): lambda v: re.fullmatch(r"(?:[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)?", v) is not None,
    # Ids starting "site-" are the theme's (site-main, site-search-q): a text's own would clash.
    ("*", "id"): lambda v: v != "" and not any(c.isspace() for c in v) and not v.startswith("site-"),
}
# What a URL may not hold as it is (a space, quotes, < > \ ^ ` { | }, a % that starts no %XX).
_URL_UNSAFE = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]|%(?![0-9A-Fa-f]{2})')
# Markdown's own HTML needs this pass only for these; a text with raw HTML always gets it.
_NEEDS_TIDY = re.compile(r'<a (?![^>]*\bhref=)|<a>|<img|(?:href|src)="[^"]*(?:[\x00-\x20<>\\^`{|}]|%(?![0-9A-Fa-f]{2}))')


def tidy(cleaned: str, raw_html: bool = True) -> str:
    """The sanitiser's output made valid HTML. raw_html: the text had HTML of its own (else it is
    Markdown's output, whose structure is sound, and only links and pictures are looked at)."""
    # Only a link or a picture can need it ("in" first: the pattern costs 15 µs on a book's text).
    if not raw_html and not (("<a" in cleaned or "<img" in cleaned) and _NEEDS_TIDY.search(cleaned)):
        return cleaned
    return _Tidy(cleaned).run()


class _Tidy:
    def __init__(self, cleaned: str) -> None:
        self.source = cleaned
        self.out: list[str] = []
        self.open: list[tuple[str, bool, str | None]] = []  # (tag, written?, the <li> it was wrapped in)
        self.ids: set[str] = set()

    def run(self) -> str:
        for token in _TOKEN.finditer(self.source):
            closing, tag = token.group(1), token.group(2)
            if tag is None:
                self._text(token.group(0))
            elif closing:
                self._end(tag.lower())
            else:
                self._start(tag.lower(), token.group(3) or "", token.end())
        return "".join(self.out)

    def _parent(self) -> str | None:
        return self.open[-1][0] if self.open else None

    def _text(self, text: str) -> None:
        if self._parent() in ("ul", "ol") and text.strip():  # words straight in a list: an item of it
            text = f"<li>{text}</li>"
        self.out.append(text)

    def _start(self, tag: str, attributes: str, end: int) -> None:
        kept = self._attributes(tag, attributes)
        if tag == "img" and "src" not in kept:
            return  # a picture of nothing
        if tag == "img":
            kept.setdefault("alt", "")  # a picture with nothing to say, as HTML requires an alt
        written = self._in_place(tag, kept)
        wrapper = "li" if self._parent() in ("ul", "ol") and tag != "li" else None  # <ul><p>…</p>: an item
        if wrapper:
            self.out.append("<li>")
        if written:
            shown = "".join(f' {name}="{_escape(value)}"' for name, value in kept.items())
            self.out.append(f"<{tag}{shown}>")
            if tag == "details" and not re.match(r"\s*<summary\b", self.source[end:]):
                self.out.append("<summary></summary>")  # the browser shows its own word for it
        if tag not in VOID:
            self.open.append((tag, written, wrapper))
        elif wrapper:
            self.out.append("</li>")

    def _in_place(self, tag: str, kept: dict[str, str]) -> bool:
        """False for a link that links nowhere, a list item out of any list: their words stay, the tag goes."""
        parent = self._parent()
        if tag == "a":
            return "href" in kept
        if tag == "li":
            return parent in ("ul", "ol")
        if tag in ("dt", "dd"):
            return parent == "dl" or (parent == "div" and len(self.open) > 1 and self.open[-2][0] == "dl")
        return True

    def _end(self, tag: str) -> None:
        if all(open_tag != tag for open_tag, _, _ in self.open):
            return  # closes nothing (nh3's output has no such tag; this is a last line of defence)
        while self.open:  # well nested: the top is this tag (anything else is closed with it)
            open_tag, written, wrapper = self.open.pop()
            if written:
                self.out.append(f"</{open_tag}>")
            if wrapper:
                self.out.append(f"</{wrapper}>")
            if open_tag == tag:
                return

    def _attributes(self, tag: str, attributes: str) -> dict[str, str]:
        kept: dict[str, str] = {}
        for found in _ATTRIBUTE.finditer(attributes):
            name, value = found.group(1).lower(), html.unescape(found.group(2) or "")
            if name in ("href", "src"):
                value = _URL_UNSAFE.sub(lambda c: "%25" if c.group(0) == "%" else f"%{ord(c.group(0)):02X}", value.strip())
                if name == "src" and not value:
                    continue
            check = VALID_VALUES.get((tag, name)) or VALID_VALUES.get(("*", name))
            if check is not None and not check(value):
                continue
            if name == "id":
                if value in self.ids:
                    continue  # the same id twice in one text: links to it find the first
                self.ids.add(value)
            kept[name] = value
        if tag == "a" and "href" not in kept:
            kept.pop("rel", None)  # nh3's rel="noopener", on a link it emptied
        return kept


def _escape(value: str) -> str:
    """As html5ever writes an attribute value (the rest of nh3's output is left as it wrote it)."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("\xa0", "&nbsp;")
