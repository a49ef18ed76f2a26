"""Accessibility of each kind of page: axe-core in the served page, and a visible keyboard focus."""
from __future__ import annotations

import pytest

from .conftest import PAGE_KINDS

pytestmark = pytest.mark.browser

# Rules the issue names (headings in order, landmarks, alt text) fail the test at any impact;
# every other rule fails it when axe rates the violation serious or critical.
NAMED_RULES = {"heading-order", "page-has-heading-one", "region", "landmark-one-main", "image-alt",
               "svg-img-alt", "landmark-unique", "landmark-no-duplicate-main", "bypass", "color-contrast"}


def describe(violation: dict) -> str:
    targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_serious_violations(served_site, desktop, axe_js, kind):
    desktop.goto(served_site.url + PAGE_KINDS[kind])
    desktop.page.add_script_tag(path=str(axe_js))
    results = desktop.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [describe(v) for v in results["violations"]
           if v["impact"] in ("serious", "critical") or v["id"] in NAMED_RULES]
    assert bad == []
    # axe really looked: it ran its checks on this page.
    assert len(results["passes"]) > 10
    assert desktop.failures == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_on_a_phone(served_site, phone, axe_js, kind):
    phone.goto(served_site.url + PAGE_KINDS[kind])
    phone.page.add_script_tag(path=str(axe_js))
    results = phone.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [describe(v) for v in results["violations"] if v["impact"] in ("serious", "critical")] == []


def focus_ring(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return {tag: e.tagName, text: e.textContent.trim().slice(0, 20),
                style: s.outlineStyle, width: parseFloat(s.outlineWidth)};
    }""")


@pytest.mark.parametrize("kind", ["home", "books", "semester", "stats-month"])
def test_keyboard_focus_is_visible(served_site, desktop, kind):
    page = desktop.page
    desktop.goto(served_site.url + PAGE_KINDS[kind])
    page.keyboard.press("Tab")
    first = focus_ring(page)
    # The first Tab lands on the skip link, which comes into view.
    assert first["tag"] == "A" and page.locator(".skip-link").is_visible()
    for _ in range(12):
        ring = focus_ring(page)
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        page.keyboard.press("Tab")
    # The skip link takes keyboard readers straight to the page's own content.
    desktop.goto(served_site.url + PAGE_KINDS[kind])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "site-main"
