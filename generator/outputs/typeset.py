"""Text set for reading: phrases kept on one line (`keep`), and Chinese justified. WeasyPrint justifies a line only by widening its spaces, and
Chinese has none: `justify` puts a space between characters (which the stylesheet narrows to
nothing with a negative word-spacing), so that 两端对齐 works, and binds the last characters of a
paragraph so that it never ends on a line of one or two.
"""
from __future__ import annotations

import re
from html import unescape

from markupsafe import Markup, escape

# Where a space may go: between two characters of Chinese text, never after an opening bracket
# or quote nor before a closing one or a comma (a line may not start or end with those, and a
# space would let it).
_HAN = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffee\U00020000-\U0003ffff“”‘’…—·"
_OPENING = "《（〈「『【〔“‘([{"
_CLOSING = "》）〉」』】〕”’)]}，。、：；！？…—·%"
_GAP = re.compile(f"(?<=[{_HAN}])(?<![{re.escape(_OPENING)}])(?=[{_HAN}])(?![{re.escape(_CLOSING)}])")
_LATIN = re.compile(r" ?[^\s" + _HAN + r"]+(?: [^\s" + _HAN + r"]+)* ?")  # Latin words and the spaces around them
_TAG = re.compile(r"(<[^>]*>)")
_LAST = 4  # characters that end a paragraph together: its last line is never one or two
_TITLE_PARTS = re.compile(r"(?<=——)|(?<=：)|(?<=: )")  # where a long title may break
_LONGEST_KEPT = 14  # ems: a part wider than this may be wider than a line, and breaks where it must


def keep(text: object) -> Markup:
    """`text` (a date, a time range, a class name, a prize) kept on one line: it moves to the
    next line whole."""
    if text is None or text == "":
        return Markup("")
    return Markup('<span class="keep">') + escape(text) + Markup("</span>")


def keep_title(text: str | None, longest: float = _LONGEST_KEPT) -> Markup:
    """A title kept on one line, or where it is long, in parts broken at its dash or colon
    (桑桑教会我的事—— / 读〈草房子〉有感): no part is longer than a line (`longest` ems)."""
    if not text:
        return Markup("")
    parts = [part for part in _TITLE_PARTS.split(text) if part]
    return Markup("").join(keep(part) if ems(part) <= longest else escape(part) for part in parts)


def ems(text: str) -> float:
    """About how wide `text` prints, in ems: a Chinese character is one, a Latin letter about half."""
    return sum(1 if ord(char) > 0x2e7f else 0.55 for char in text)


_TITLE_IN_TEXT = re.compile(r"《[^《》]+》")


def keep_titles(text: str | None, longest: float = 10) -> Markup:
    """`text` with each book title in it (《…》) kept on one line, up to `longest` ems."""
    if not text:
        return Markup("")
    parts, end = [], 0
    for title in _TITLE_IN_TEXT.finditer(text):
        parts += [escape(text[end:title.start()]), keep(title.group()) if ems(title.group()) <= longest else escape(title.group())]
        end = title.end()
    return Markup("").join([*parts, escape(text[end:])])


def _spaced(text: str) -> str:
    """Escaped `text` with a space between Chinese characters, a Latin phrase's own spaces kept
    at their width (the stylesheet's class "w")."""
    parts, end = [], 0
    for latin in _LATIN.finditer(text):
        if " " not in latin.group():
            continue
        parts.append(str(escape(_GAP.sub(" ", text[end:latin.start()]))))
        parts.append(f'<span class="w">{escape(latin.group())}</span>')
        end = latin.end()
    parts.append(str(escape(_GAP.sub(" ", text[end:]))))
    return "".join(parts)


def _bound(text: str) -> str:
    """`text` spaced, its last characters kept together (not inside a number or a word)."""
    tail = len(text) - _LAST if len(text) > _LAST * 2 else len(text)
    while 0 < tail < len(text) and (text[tail - 1] + text[tail]).isascii() and (text[tail - 1] + text[tail]).isalnum():
        tail -= 1
    last = f'<span class="keep">{_spaced(text[tail:])}</span>' if tail < len(text) else ""
    return _spaced(text[:tail]) + last


def justify(text: str | Markup | None) -> Markup:
    """`text` (plain, or markup such as kept titles) ready for a paragraph of class "justify"."""
    if not text:
        return Markup("")
    if not isinstance(text, Markup):
        return Markup(_bound(text))
    pieces = _TAG.split(str(text))
    for i in range(0, len(pieces), 2):  # the text between tags; the last binds its end
        pieces[i] = (_bound if i == len(pieces) - 1 else _spaced)(unescape(pieces[i]))
    return Markup("".join(pieces))
