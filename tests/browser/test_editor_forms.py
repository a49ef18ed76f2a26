"""The editor in Debian's chromium, as a librarian uses it: a new book with a phone photo for its
cover, a roster's nested groups, a month of loans in the table, a problem shown beside its field
and fixed, the open page reloading after a save, the ISBN and book picker as one types, and the
Markdown preview leaving a Chinese input method alone while it composes.

One `bulletin serve` (on a copy of the sample) and one browser serve the whole module."""
from __future__ import annotations

import io
import shutil
import time

import pytest
from PIL import Image

from conftest import ROOT
from editor_client import Preview, diff, wait_for

pytestmark = pytest.mark.browser
PlaywrightError = pytest.importorskip("playwright.sync_api").Error


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    target = tmp_path_factory.mktemp("editor-browser") / "project"
    target.mkdir()
    shutil.copy(ROOT / "config.yaml", target / "config.yaml")
    shutil.copytree(ROOT / "content", target / "content")
    roster = target / "content/rosters/2026-autumn.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("grades:\n", "grades:  # 按年级写 by grade\n", 1),
                      encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def preview(project):
    running = Preview(project)
    yield running
    running.stop()


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # A save refused with its problems answers 422 (or 409): the browser logs that, and it is meant.
    page.on("console", lambda m: m.type == "error" and "422" not in m.text and "409" not in m.text
            and errors.append(m.text))
    page.on("dialog", lambda d: d.accept())
    yield page
    context.close()
    assert errors == []


def phone_photo() -> bytes:
    """A JPEG as a phone takes it: stored on its side, with an EXIF orientation tag and a camera name."""
    image = Image.new("RGB", (60, 40), "white")
    image.paste((200, 30, 30), (0, 0, 60, 10))  # a red band along the stored top
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def settled(preview, quiet: float = 1.0) -> None:
    """Wait until the preview has said nothing for a moment: no rebuild under way."""
    seen, since = len(preview.lines), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.05)
        if len(preview.lines) != seen:
            seen, since = len(preview.lines), time.monotonic()


def save(tab, expect_saved: bool = True) -> None:
    with tab.expect_navigation():
        tab.get_by_role("button", name="保存").click()
    if expect_saved:
        assert "saved=1" in tab.url, tab.locator(".ed-problems").all_inner_texts()


def test_create_a_book_with_a_phone_photo_for_its_cover(preview, project, tab):
    tab.goto(preview.editor + "new/books")
    tab.fill('[name="title"]', "小兵张嘎")
    tab.fill('[name="author"]', "徐光耀")
    tab.fill('[name="shelved"]', "2026-11-20")
    tab.fill('[name="_body"]', "抗日战争时期，小英雄张嘎的故事。")
    tab.set_input_files(".ed-file-input", files=[{"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": phone_photo()}])
    cover = tab.locator('[name="cover"]')
    wait_for(lambda: cover.input_value() != "")
    assert cover.input_value() == "xiao-bing-zhang-ga.jpg"
    save(tab)
    assert "saved=1" in tab.url and "已保存" in tab.content()
    text = (project / "content/books/xiao-bing-zhang-ga.md").read_text(encoding="utf-8")
    assert "title: 小兵张嘎\n" in text and "cover: xiao-bing-zhang-ga.jpg\n" in text and "shelved: 2026-11-20\n" in text
    with Image.open(project / "content/images/xiao-bing-zhang-ga.jpg") as saved:
        assert saved.size == (40, 60)  # turned upright
        assert not saved.getexif() and "exif" not in saved.info  # orientation applied, the rest dropped
        assert saved.getpixel((35, 30))[0] > 150 and saved.getpixel((2, 30))[0] > 150  # the red band is now on the right
    wait_for(lambda: preview.request(preview.url + "books/xiao-bing-zhang-ga/")[0] == 200)
    assert "小兵张嘎" in preview.request(preview.url + "books/xiao-bing-zhang-ga/")[1]


def test_edit_a_rosters_nested_groups(preview, project, tab):
    path = project / "content/rosters/2026-autumn.yaml"
    before = path.read_text(encoding="utf-8")
    tab.goto(preview.editor + "edit/rosters/2026-autumn")
    assistants = tab.locator('fieldset[data-name="grades[0].classes[1].assistants"]')
    assistants.locator(':scope > button[data-action="add"]').click()
    tab.fill('[name="grades[0].classes[1].assistants[2].name"]', "新来的")
    first = tab.locator('[name="grades[0].classes[0].assistants[0].name"]').input_value()
    tab.locator('fieldset[data-name="grades[0].classes[0].assistants"] > ol > li').first \
        .locator(':scope > .ed-entry-tools [data-action="down"]').click()
    assert tab.locator('[name="grades[0].classes[0].assistants[0].name"]').input_value() != first or \
        tab.locator('fieldset[data-name="grades[0].classes[0].assistants"] > ol > li').count() == 1
    save(tab)
    after = path.read_text(encoding="utf-8")
    assert "# 按年级写 by grade" in after and "新来的" in after
    changes = diff(before, after)
    assert 1 <= len(changes) <= 8 and all(("name:" in c or "role:" in c) for c in changes), changes
    wait_for(lambda: "新来的" in preview.request(preview.url + "roster/")[1])


def test_enter_a_month_of_loans_in_the_table(preview, project, tab):
    tab.goto(preview.editor + "new/stats")
    tab.fill('[name="month"]', "2026-12")
    weeks = tab.locator('.ed-field[data-widget="dates"]')
    for n, monday in enumerate(["2026-12-07", "2026-12-14"]):
        weeks.locator('[data-action="add-item"]').click()
        tab.fill(f'[name="weeks[{n}]"]', monday)
    table = tab.locator('fieldset[data-name="classes"]')
    assert table.locator("thead th[data-column]").count() == 2  # a column for each week
    for row, (name, pupils, loans) in enumerate([("一年级(1)班", "44", ("12", "15")), ("一年级(2)班", "45", ("9", "11"))]):
        table.locator(':scope > button[data-action="add"]').click()
        tab.fill(f'[name="classes[{row}].class"]', name)
        tab.fill(f'[name="classes[{row}].pupils"]', pupils)
        for week, count in enumerate(loans):
            tab.fill(f'[name="classes[{row}].loans[{week}]"]', count)
    save(tab)
    assert "saved=1" in tab.url, tab.content()
    made = max((project / "content/stats").glob("*.yaml"), key=lambda p: p.stat().st_mtime)
    text = made.read_text(encoding="utf-8")
    assert "month: 2026-12\n" in text and "weeks: [2026-12-07, 2026-12-14]" in text
    assert "loans: [12, 15]" in text and "loans: [9, 11]" in text
    wait_for(lambda: preview.request(preview.url + "stats/2026-12/")[0] == 200)


def test_a_problem_beside_its_field_then_fixed_and_the_open_page_reloads(preview, project, chromium, tab):
    settled(preview)  # a rebuild still under way from the test before would reload the reader too early
    reader = chromium.new_context().new_page()
    # Keep the page's event stream in sight, to start only once it is connected.
    reader.add_init_script("(() => { const Real = window.EventSource; window.streams = [];"
                           " window.EventSource = function (url) { const s = new Real(url); window.streams.push(s); return s; }; })()")
    reader.goto(preview.url + "books/caofangzi/")
    reader.evaluate("window.notReloaded = true")
    reader.wait_for_function("window.streams.length > 0 && window.streams[0].readyState === 1")
    tab.goto(preview.editor + "edit/books/caofangzi")
    isbn = tab.locator('[name="isbn"]')
    isbn.fill("978-7-02-000873-6")
    assert "校验位" in tab.locator('.ed-field[data-widget="isbn"] .ed-isbn-state').text_content()  # as one types
    with tab.expect_navigation():
        tab.get_by_role("button", name="保存").click()
    field = tab.locator('.ed-field[data-widget="isbn"]')
    assert field.locator(".ed-error").count() == 1 and "ISBN" in field.locator(".ed-error").text_content()
    assert "978-7-02-000873-6" not in (project / "content/books/caofangzi.md").read_text(encoding="utf-8")
    isbn.fill("")
    tab.fill('[name="recommended_by"]', "李老师（编辑器）")
    save(tab)
    assert "saved=1" in tab.url
    def reloaded() -> bool:
        try:
            return reader.evaluate("window.notReloaded === undefined") and "李老师（编辑器）" in reader.content()
        except PlaywrightError:  # caught in the middle of the reload
            return False
    wait_for(reloaded)
    reader.context.close()


def test_isbn_check_digit_and_the_book_picker_as_one_types(preview, tab):
    tab.goto(preview.editor + "edit/lists/di-nianji-pinyin")
    assert tab.evaluate("bulletinIsbnState('978-7-02-000873-5')") == "ok"
    assert tab.evaluate("bulletinIsbnState('7020008739')") == "ok"
    assert tab.evaluate("bulletinIsbnState('978-7-02-000873-6')") == "bad"
    picker = tab.locator('[name="items[0].book"]')
    picker.fill("xyj")
    option = tab.locator(".ed-result", has_text="西游记").first
    option.click()
    assert picker.input_value() == "xiyouji"


def test_markdown_preview_waits_while_an_input_method_composes(preview, tab):
    tab.goto(preview.editor + "edit/news/2026-11-02-dushujie-kaimu")
    body = tab.locator('[name="_body"]')
    wait_for(lambda: tab.locator("#ed-preview").inner_html().strip() != "")
    sent: list[str] = []
    tab.on("request", lambda r: r.url.endswith("/preview") and sent.append(r.post_data or ""))
    body.click()
    tab.keyboard.press("Control+End")
    cdp = tab.context.new_cdp_session(tab)
    for typed in ("x", "xi", "xiy", "xiyou"):  # pinyin being composed: input events with isComposing
        cdp.send("Input.imeSetComposition", {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)})
    tab.wait_for_timeout(500)
    assert sent == []  # nothing sent while composing
    cdp.send("Input.insertText", {"text": "西游"})  # the word chosen: compositionend
    for _ in range(100):  # Playwright hands over its events only while it is called
        if sent:
            break
        tab.wait_for_timeout(50)
    tab.wait_for_timeout(400)
    assert all("xiyou" not in s for s in sent) and "西游" in sent[-1]
    wait_for(lambda: "西游" in tab.locator("#ed-preview").inner_text())


def test_forms_at_a_phone_width(preview, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for form in ("edit/books/xiyouji", "edit/stats/2026-10", "edit/rosters/2026-autumn"):
            page.goto(preview.editor + form)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (form, width)
    finally:
        context.close()
