"""How schools order things: classes by grade then number, names by pinyin."""
from __future__ import annotations

import re
from functools import lru_cache



def load_pinyin():
    # pypinyin loads its dictionaries on import (~0.3 s); a build with nothing to sort skips that.
    import pypinyin
    return pypinyin

# Digits in grade names, as schools write them (一年级 … 九年级, also 初一 … 初三).
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CLASS = re.compile(r"^(?P<grade>.+?年级|初[一二三]|高[一二三])\s*[(（]?\s*(?P<number>\d+|[一二三四五六七八九十]+)\s*[)）]?\s*班?$")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + _NUMERALS.get(text[1], 0)
    return _NUMERALS.get(text, 99)


def grade_number(grade: str) -> int:
    """一年级 -> 1, 初二 -> 8; anything unknown sorts last."""
    grade = grade.strip()
    if grade.startswith("初") and len(grade) >= 2:
        return 6 + _number(grade[1])
    if grade.startswith("高") and len(grade) >= 2:
        return 9 + _number(grade[1])
    head = grade.split("年级")[0]
    return _number(head) if head else 99


def parse_class(name: str) -> tuple[str, int] | None:
    """三年级(2)班 -> ('三年级', 2); None when the name is not written that way."""
    match = _CLASS.match(name.strip())
    if not match:
        return None
    return match.group("grade"), _number(match.group("number"))


def class_key(name: str) -> tuple:
    parsed = parse_class(name or "")
    if parsed is None:
        return (99, 99, pinyin_key(name or ""))
    return (grade_number(parsed[0]), parsed[1], ())


@lru_cache(maxsize=8192)
def pinyin_key(text: str) -> tuple[str, ...]:
    """Sort key that orders Chinese names by pinyin, tones as a tie-break (as a school list does)."""
    pypinyin = load_pinyin()
    plain = pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL, errors="default")
    toned = pypinyin.lazy_pinyin(text, style=pypinyin.Style.TONE3, errors="default")
    return tuple(p.lower() for p in plain) + ("|",) + tuple(toned)


def pinyin_slug(text: str) -> str:
    """A URL-safe slug from Chinese text: 低年级 -> di-nian-ji."""
    pypinyin = load_pinyin()
    words = pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL, errors=lambda chars: [c for c in chars])
    slug = "-".join(w for w in (re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in words) if w)
    return slug or "item"


@lru_cache(maxsize=65536)
def pinyin_search_terms(text: str) -> tuple[str, str]:
    """(full pinyin, initials) for search: 西游记 -> ('xiyouji', 'xyj')."""
    # pypinyin splits a text into words (by its phrase dictionary, which decides 银行 yin-hang
    # but 行走 xing-zou) and converts word by word; titles and names share many words, so each
    # word's conversion is kept: the same result as converting the whole text, three times faster.
    full = [syllable for word in _segmenter().seg(text) for syllable in _word_pinyin(word)]
    # Initials are each syllable's first letter (as Style.FIRST_LETTER gives): one conversion, not two.
    return "".join(full).lower(), "".join(syllable[:1] for syllable in full).lower()


@lru_cache(maxsize=1)
def _segmenter():
    return load_pinyin().core.Pinyin()


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    pypinyin = load_pinyin()
    return tuple(pypinyin.lazy_pinyin(word, style=pypinyin.Style.NORMAL, errors="ignore"))


def pinyin_of(*texts: str) -> str:
    """'xiyouji xyj wuchengen wce' for 西游记, 吴承恩: full pinyin and initials of each text."""
    words: list[str] = []
    for text in texts:
        if not text:
            continue
        for word in pinyin_search_terms(text):
            if word and word not in words:
                words.append(word)
    return " ".join(words)
