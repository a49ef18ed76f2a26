"""Reading printables back as a reader sees them: words with their boxes (pdftotext -bbox), the
lines of a page, and the phrases a line break cuts in two."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape

from generator.outputs.fit import _BREAK_AFTER

MM = 72 / 25.4  # points in a millimetre

# What must never be split across lines: dates (Arabic and Chinese numerals, English), time
# ranges, class names, a prize, short titles in 《》.
KEPT = (
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?", r"(?<![\d.])\d{1,2}月\d{1,2}日",
    r"[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日",
    r"(?<![\d.])\d{1,2}:\d{2}[–-]\d{1,2}:\d{2}",
    r"[一二三四五六七八九]年级[（(]\d{1,2}[)）]班",
    r"\d{1,2} ?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?: ?\d{4})?",
    r"[一二三]等奖", r"特发此状，以资鼓励。",
)
TITLE = r"《[^《》]{1,10}》"
KEPT += (TITLE,)
WORD_ENDS = _BREAK_AFTER


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: scripts/system-packages.sh test installs it"
    return found


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    def find(self, text: str) -> Word:
        return next(w for w in self.words if w.text == text)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pages(path) -> list[Page]:
    out = subprocess.run([tool("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [Page(float(w), float(h), tuple(Word(unescape(m[4]), *map(float, m[:4])) for m in _WORD.findall(body)))
            for w, h, body in _PAGE.findall(out)]


def lines(path, page: int | None = None) -> list[str]:
    """The text lines of the PDF (or of one page) in reading order, as pdftotext lays them out."""
    args = [tool("pdftotext")] + (["-f", str(page), "-l", str(page)] if page else [])
    out = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def split_phrases(path) -> list[str]:
    """Each date, time range, class name, prize or short title that a line break cuts in two."""
    found = []
    for page in range(1, len(pages(path)) + 1):
        joined, breaks = "", set()
        for line in lines(path, page):
            line = re.sub(r"\s+", "", line)  # justified Chinese has a space between characters
            if joined:
                breaks.add(len(joined))
            joined += line
        for pattern in KEPT:
            for match in re.finditer(pattern, joined):
                inside = [b for b in breaks if match.start() < b < match.end()]
                if pattern == TITLE and all(joined[b - 1] in WORD_ENDS for b in inside):
                    continue  # a title too long for its line may break where a word ends
                if inside:
                    found.append(match.group())
    return found
