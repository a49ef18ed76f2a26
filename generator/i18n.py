"""Theme translations: every word a reader sees comes from `themes/<theme>/i18n/<language>.yaml`.

Python only fills values into the patterns found there (dates, counts); it holds no words.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                flat.update(_flatten(value, name))
            else:
                flat[name] = value
    return flat


def _counted(number: int, numerals: list[str]) -> str:
    """1-31 in numerals as counted, not digit by digit: 十, 十一, 二十, 二十五 (numerals[10] is ten)."""
    tens, units = divmod(number, 10)
    return (numerals[tens] if tens > 1 else "") + (numerals[10] if tens else "") + (numerals[units] if units else "")


class Translations:
    def __init__(self, strings: dict[str, Any], language: str):
        self.strings = strings
        self.language = language

    @classmethod
    def load(cls, theme_dirs: list[Path], language: str) -> "Translations":
        """Merge the language file of each theme, the first (the site's own theme) winning."""
        strings: dict[str, Any] = {}
        for theme_dir in reversed(theme_dirs):
            path = theme_dir / "i18n" / f"{language}.yaml"
            if path.is_file():
                strings.update(_flatten(yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)))
        return cls(strings, language)

    def __call__(self, key: str, **params: Any) -> str:
        value = self.strings.get(key)
        if value is None:
            return key  # a missing string shows its key, which the theme test catches
        if params and isinstance(value, str):
            if any(isinstance(v, Markup) for v in params.values()):
                # A value already marked up (a date kept on one line) stays markup; the
                # pattern and the other values are escaped.
                return Markup.escape(value).format(**params)
            return value.format(**params)
        return value

    def has(self, key: str) -> bool:
        return key in self.strings

    # Dates, in the patterns the translation gives (2026年3月5日 星期四 / Thursday, 5 March 2026).
    def _parts(self, day: dt.date) -> dict[str, Any]:
        months = self.strings.get("date.months") or [str(m) for m in range(1, 13)]
        weekdays = self.strings.get("date.weekdays") or [""] * 7
        numerals = self.strings.get("date.numerals")  # 〇 一 … 九 十: a certificate's 二〇二六年十一月二十五日
        spelled = {}
        if isinstance(numerals, list) and len(numerals) == 11:
            spelled = {"year_numerals": "".join(numerals[int(d)] for d in str(day.year)),
                       "month_numerals": _counted(day.month, numerals), "day_numerals": _counted(day.day, numerals)}
        return {"year": day.year, "month": day.month, "day": day.day,
                "month_name": months[day.month - 1], "weekday": weekdays[day.weekday()], **spelled}

    def date(self, day: dt.date | None, style: str = "long") -> str:
        if day is None:
            return ""
        return self(f"date.{style}", **self._parts(day))

    def date_range(self, start: dt.date, end: dt.date, keep: Any = None) -> str:
        """`keep` (the `keep` filter): applied to each date, so that a line may break between
        the two but never inside one."""
        whole = keep or (lambda text: text)
        if start == end:
            return whole(self.date(start, "long"))
        key = "date.range_same_year" if start.year == end.year else "date.range"
        return self(key, start=whole(self.date(start, "long_no_weekday")),
                    end=whole(self.date(end, "short" if start.year == end.year else "long_no_weekday")))
