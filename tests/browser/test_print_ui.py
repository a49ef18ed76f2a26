"""The pages issue 16 looked at, in a real browser at desktop and phone width: the calendar's
month grid, the statistics charts, the list of printables, the awards and their certificates."""
from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
                                               " return {x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom,"
                                               " size: parseFloat(getComputedStyle(e).fontSize), text: e.textContent}; })")


def test_the_month_grid_names_each_days_activities_readably_and_links_the_rest(served_site, desktop):
    page = desktop.page
    desktop.goto(served_site.url + "calendar/2026-autumn/index.html")
    items = boxes(page, ".month-grid .day-activity")
    assert items and all(i["w"] >= 100 and i["size"] >= 12 for i in items)
    assert all(i["h"] <= 2 * 1.3 * i["size"] + 2 for i in items)  # two lines at most
    more = page.eval_on_selector_all(".day-more", "els => els.map(e => e.getAttribute('href'))")
    assert more, "a day with more than two activities says +N"
    for href in set(more) | set(page.eval_on_selector_all(".day-activity", "els => els.map(e => e.getAttribute('href'))")):
        assert page.locator(href).count() == 1, href  # one click from the full entry
    grid, main = boxes(page, ".month-grid")[0], boxes(page, "main")[0]
    assert grid["w"] >= 0.85 * main["w"]  # across the page: no empty column beside a short month
    assert desktop.failures == []


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_text_keeps_a_readable_size_and_the_target_line_misses_the_values(served_site, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site.url + "stats/index.html")
        labels, values = boxes(page, ".hbar-label"), boxes(page, ".hbar-value")
        assert labels and all(13 <= b["size"] <= 17 for b in labels + values)
        for target in boxes(page, ".hbar-target"):
            assert not [v for v in values if v["x"] < target["right"] and target["x"] < v["right"]
                        and v["y"] < target["bottom"] and target["y"] < v["bottom"]]
        below = page.eval_on_selector_all(".hbar.below .hbar-value", "els => els.map(e => e.textContent)")
        assert below and all("▼" in text for text in below)  # marked, not only coloured
        columns = boxes(page, ".column-value")
        assert columns and all(12 <= b["size"] <= 17 for b in columns)
        page.screenshot(path=str(SCREENSHOTS / f"stats-charts-{width}.png"), full_page=True)
    finally:
        context.close()


def test_the_list_of_printables_shows_a_thumbnail_of_each(served_site, desktop):
    page = desktop.page
    desktop.goto(served_site.url + "print/index.html")
    page.wait_for_load_state("networkidle")
    for img in page.locator(".print-thumb img").all():
        img.scroll_into_view_if_needed()
    sizes = page.eval_on_selector_all(".print-list li", "els => els.map(li => { const i = li.querySelector('img');"
                                                        " return i ? i.naturalWidth : 0; })")
    assert sizes and all(size > 0 for size in sizes)
    assert desktop.failures == []


def test_an_award_links_its_certificates_and_lines_up_its_prize_tables(served_site, desktop):
    page = desktop.page
    desktop.goto(served_site.url + "awards/index.html")
    assert page.locator("a[href$='print/certificates/dushujie-zhengwen.html']").count() == 1
    desktop.goto(served_site.url + "awards/dushujie-zhengwen/index.html")
    columns = page.eval_on_selector_all(".award-table", "ts => ts.map(t => [...t.querySelectorAll('thead th')]"
                                                        ".map(th => Math.round(th.getBoundingClientRect().left)))")
    assert len(columns) == 3 and all(c == columns[0] for c in columns)
    assert page.locator(".award-table td", has_text="《桑桑教会我的事——读〈草房子〉有感》").count() == 1


def test_dates_times_and_classes_are_never_broken_on_a_phone(served_site, phone):
    page = phone.page
    for path in ("calendar/index.html", "index.html", "rotation/index.html", "roster/index.html", "news/index.html"):
        phone.goto(served_site.url + path)
        broken = page.eval_on_selector_all(".keep", "els => els.filter(e => e.getClientRects().length > 1)"
                                                    ".map(e => e.textContent)")
        assert broken == [], path
