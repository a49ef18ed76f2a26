"""The served sample in a real browser: navigation under a sub-path, print look, phones, file://."""
from __future__ import annotations

import pytest

from .conftest import PAGE_KINDS, SCREENSHOTS, SUB_PATH

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# Images that the browser could not decode show naturalWidth 0 even when the request "worked".
BROKEN_IMAGES = "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"


def follow(watched, selector: str) -> None:
    with watched.page.expect_navigation(wait_until="load"):
        watched.page.locator(selector).first.click()


def test_home_under_sub_path_then_nav_to_book_calendar_award_roster(served_site, desktop):
    page = desktop.page
    desktop.goto(served_site.url)
    assert page.url.endswith(SUB_PATH)
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("link[rel=stylesheet]").first.get_attribute("href") == "assets/style.css"

    follow(desktop, ".site-nav a[href$='books/index.html']")
    assert page.url == served_site.url + "books/index.html"
    follow(desktop, ".book-grid .book-card-link")
    assert page.url.startswith(served_site.url + "books/") and page.url.endswith("/index.html")
    assert page.locator(".book-cover img.cover").evaluate("i => i.naturalWidth") > 0
    assert page.locator("h1").inner_text().strip()

    follow(desktop, ".site-nav a[href$='calendar/index.html']")
    assert page.url.startswith(served_site.url + "calendar/")
    assert page.locator("table.month-grid").count() >= 4  # one month grid per month of the term

    follow(desktop, ".site-nav a[href$='awards/index.html']")
    follow(desktop, ".award-card h2 a")
    assert page.url.startswith(served_site.url + "awards/") and page.url != served_site.url + "awards/index.html"
    assert page.locator("main table, main .winner-name").count() > 0

    follow(desktop, ".site-nav a[href$='roster/index.html']")
    assert page.url == served_site.url + "roster/index.html"
    assert page.get_by_text("组长").count() > 0

    follow(desktop, ".brand")
    assert page.url == served_site.url + "index.html"
    assert page.evaluate(BROKEN_IMAGES) == []
    assert desktop.failures == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_each_kind_of_page_loads_cleanly_from_the_server(served_site, desktop, kind):
    desktop.goto(served_site.url + PAGE_KINDS[kind])
    assert desktop.page.evaluate(BROKEN_IMAGES) == []
    # The theme's stylesheet applied: the warm paper background, not the browser's white.
    assert desktop.page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 250, 242)"
    assert desktop.page.evaluate(NO_SIDEWAYS_SCROLL)
    assert desktop.failures == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desktop.page.screenshot(path=SCREENSHOTS / f"{kind}-desktop.png", full_page=True)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_phone_width_has_no_sideways_scroll(served_site, phone, kind):
    phone.goto(served_site.url + PAGE_KINDS[kind])
    wide = phone.page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                         && !e.closest('.table-scroll'))
            .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert wide == []
    assert phone.page.evaluate(NO_SIDEWAYS_SCROLL)
    assert phone.failures == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.page.screenshot(path=SCREENSHOTS / f"{kind}-phone.png", full_page=True)


@pytest.mark.parametrize("kind", ["home", "book", "semester", "award", "roster", "stats-month"])
def test_print_stylesheet_applies(served_site, desktop, kind):
    page = desktop.page
    desktop.goto(served_site.url + PAGE_KINDS[kind])
    assert page.locator(".site-nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.locator("main").is_visible()
    assert desktop.failures == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_same_pages_open_from_file_urls(site_dir, desktop, kind):
    path = PAGE_KINDS[kind]
    target = site_dir / (path + "index.html" if path.endswith("/") or not path else path)
    desktop.goto(target.as_uri())
    page = desktop.page
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 250, 242)"
    assert page.evaluate(BROKEN_IMAGES) == []
    assert desktop.failures == []
    # Every link inside the site points at a file that exists (folders end in index.html on disk).
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    local = [h.split("#")[0] for h in hrefs if h.startswith("file://")]
    assert local, "a page with no links"
    folders = [href for href in local if href.endswith("/")]
    assert folders == [], "file:// shows a folder listing: links must name index.html"


# Each cover on the page: the width of the file the browser took from the srcsets (its `w`;
# naturalWidth is divided by the density the browser chose), how wide the page shows it, and the
# screen's pixels per CSS pixel.
COVERS_SHOWN = """[...document.querySelectorAll('picture img, img.cover')].filter(i => i.currentSrc).map(i => {
  const sets = [i, ...(i.parentElement.tagName === 'PICTURE' ? i.parentElement.querySelectorAll('source') : [])]
    .map(e => e.getAttribute('srcset') || '').join(',').split(',').filter(c => c.trim());
  const widths = sets.map(c => c.trim().split(' ')).map(([url, w]) => [new URL(url, document.baseURI).href, parseInt(w)]);
  const taken = widths.find(([url]) => url === i.currentSrc);
  return {src: i.currentSrc, file: taken ? taken[1] : i.naturalWidth, shown: i.getBoundingClientRect().width,
          ratio: devicePixelRatio, largest: Math.max(0, ...widths.map(([, w]) => w))};
})"""


@pytest.mark.parametrize("kind", ["book", "books", "list"])
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_covers_come_in_a_size_as_sharp_as_the_screen_and_no_bigger_than_it_needs(served_site, request, screen, kind):
    tab = request.getfixturevalue(screen)
    tab.goto(served_site.url + PAGE_KINDS[kind])
    tab.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy covers load too
    tab.page.wait_for_load_state("networkidle")
    covers = [c for c in tab.page.evaluate(COVERS_SHOWN) if c["shown"] > 0]
    assert covers, kind
    for cover in covers:
        needed = cover["shown"] * cover["ratio"]
        assert cover["file"] >= min(needed, cover["largest"]) - 1, cover  # sharp: as many pixels as it shows
        assert cover["file"] < max(needed * 2.5, 240), cover  # and not a print-size file for a thumbnail
    assert tab.page.evaluate(BROKEN_IMAGES) == [] and tab.failures == []
