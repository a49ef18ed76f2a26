"""Chart geometry for the statistics pages: numbers in, bar lengths out (as shares of the axis,
which the templates draw as HTML bars: their text keeps its size at any width)."""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as printed beside the bar
    x: float
    y: float
    width: float
    height: float
    below_target: bool
    share: float = 0.0  # the bar's length, percent of the axis


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    share: float = 0.0  # percent of the axis


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    target: float | None
    target_position: float | None  # x for horizontal charts, y for column charts
    plot_left: float
    plot_top: float
    plot_width: float
    plot_height: float
    target_share: float | None = None  # the target, percent of the axis


def _nice_step(maximum: float, count: int = 5) -> float:
    if maximum <= 0:
        return 1
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _share(value: float, axis_max: float) -> float:
    return round(100 * value / axis_max, 2) if axis_max else 0.0


def _shown(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


def bar_chart(items: list[tuple[str, float]], target: float | None = None, decimals: int = 0,
              width: int = 420, row: int = 24, label_width: int = 110) -> Chart:
    """Horizontal bars, one row per item, with an optional target line (e.g. 人均10本).

    420 wide because these charts sit two to a row on a desktop and alone on a phone: drawn wider,
    the browser shrinks them until class names are too small to read.
    """
    top, bottom, right = 8, 28, 48
    height = top + row * len(items) + bottom
    plot_width = width - label_width - right
    maximum = max([v for _, v in items] + [target or 0, 1])
    step = _nice_step(maximum)
    axis_max = step * math.ceil(maximum / step)
    scale = plot_width / axis_max
    bars = tuple(
        Bar(label, value, _shown(value, decimals), label_width, top + i * row + 4, value * scale, row - 8,
            target is not None and round(value, decimals) < round(target, decimals), _share(value, axis_max))
        for i, (label, value) in enumerate(items)
    )
    ticks = tuple(Tick(label_width + k * step * scale, _shown(k * step, 1 if step < 1 else 0), _share(k * step, axis_max))
                  for k in range(int(round(axis_max / step)) + 1))
    return Chart(width, height, bars, ticks, target,
                 label_width + target * scale if target is not None else None,
                 label_width, top, plot_width, row * len(items),
                 _share(target, axis_max) if target is not None else None)


def column_chart(items: list[tuple[str, float]], target: float | None = None, decimals: int = 0,
                 width: int = 640, height: int = 240) -> Chart:
    """Vertical bars in time order (the weekly trend), with an optional target line."""
    left, top, bottom, right = 48, 16, 40, 12
    plot_width, plot_height = width - left - right, height - top - bottom
    maximum = max([v for _, v in items] + [target or 0, 1])
    step = _nice_step(maximum)
    axis_max = step * math.ceil(maximum / step)
    scale = plot_height / axis_max
    slot = plot_width / max(len(items), 1)
    bars = tuple(
        Bar(label, value, _shown(value, decimals), left + i * slot + slot * 0.15, top + plot_height - value * scale,
            slot * 0.7, value * scale, target is not None and value < target, _share(value, axis_max))
        for i, (label, value) in enumerate(items)
    )
    ticks = tuple(Tick(top + plot_height - k * step * scale, _shown(k * step, 0), _share(k * step, axis_max))
                  for k in range(int(round(axis_max / step)) + 1))
    return Chart(width, height, bars, ticks, target,
                 top + plot_height - target * scale if target is not None else None,
                 left, top, plot_width, plot_height,
                 _share(target, axis_max) if target is not None else None)
