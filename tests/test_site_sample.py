"""The bundled sample, built as a reader gets it: pages, Chinese dates, order, charts, links."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import read

SECTIONS = ["index.html", "books/index.html", "lists/index.html", "calendar/index.html", "awards/index.html",
            "roster/index.html", "rotation/index.html", "stats/index.html", "news/index.html", "404.html"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append((tag, attrs[name]))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_section_is_built(sample):
    for page in SECTIONS:
        assert (sample.config.output_dir / page).is_file(), page
    assert len(sample.site.books) >= 12
    for book in sample.site.books:
        assert (sample.config.output_dir / "books" / book.slug / "index.html").is_file()


def test_every_link_and_asset_resolves(sample):
    out = sample.config.output_dir
    html_files = sorted(out.rglob("*.html"))
    checked = 0
    for page in html_files:
        for tag, link in parse(page).links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page}: external or absolute link {link}"
            assert not link.startswith("/"), f"{page}: root-absolute link {link} breaks under a sub-path"
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(out)} links to missing {link}"
            assert target.is_relative_to(out.resolve())
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parse(target).ids, f"{page}: no anchor {link}"
            checked += 1
    assert checked > 500


def test_no_external_urls_in_assets(sample):
    out = sample.config.output_dir
    for path in list(out.rglob("*.css")) + list(out.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), path
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
        assert "@import" not in text


def test_book_page_shows_what_a_reader_needs(sample):
    html = read(sample, "books/xiyouji/index.html")
    assert "《西游记》" in html and "吴承恩" in html
    assert "I242.4" in html and "文学" in html  # call number and its 中图法 class name
    assert re.search(r'上架日期</dt><dd><span class="keep">2026年\d+月\d+日 星期[一二三四五六日]</span></dd>', html)  # never broken
    assert 'alt="《西游记》封面"' in html


def test_home_lists_newest_books_first_and_upcoming_activities(sample):
    html = read(sample, "index.html")
    titles = re.findall(r'<h3 class="book-card-title">(.*?)</h3>', html)
    newest = [b.title for b in sample.site.books[: len(titles)]]
    assert titles == newest and len(titles) == 6
    assert "2026年11月26日 星期四" in html  # today, as readers write it
    assert "近期活动" in html


def test_calendar_marks_today_and_lists_month_only_items(sample):
    html = read(sample, "calendar/index.html")
    assert 'aria-current="date"' in html
    today_cell = re.search(r'<td class="today[^"]*" aria-current="date">\s*<span class="day-number">(\d+)</span>', html)
    assert today_cell and today_cell.group(1) == "26"
    for month in ("2026年9月", "2026年10月", "2026年11月", "2026年12月", "2027年1月"):
        assert f">{month}" in html
    assert "本月工作" in html  # items the plan gives only a month for


def test_roster_orders_classes_and_names_as_schools_do(mini):
    html = read(mini, "roster/index.html")
    classes = re.findall(r'<th scope="row"><span class="keep">(.*?)</span></th>', html)  # never broken before 班
    assert classes == ["一年级(1)班", "三年级(1)班", "三年级(2)班"]
    names = re.findall(r'<span class="assistant">(.*?)(?:<small>|</span>)', html)
    # the 组长 first, then by pinyin: 安然 (an) before 张伟 (zhang)
    assert names == ["李娜", "陈晨", "白雪", "安然", "张伟"]


def test_award_winners_by_level_then_class_then_pinyin(mini):
    html = read(mini, "awards/guanliyuan/index.html")
    assert html.index("一等奖") < html.index("二等奖")
    names = re.findall(r'<td class="winner-name">(.*?)</td>', html)
    assert names == ["李娜", "陈晨", "安然", "张伟"]


def test_stats_chart_has_a_bar_per_class_and_marks_those_below_target(mini):
    html = read(mini, "stats/index.html")
    per_pupil = html.split('id="per-pupil-title"')[1].split("</figure>")[0]
    bars = re.findall(r'<li class="hbar( below)?">\s*<span class="hbar-label"><span class="keep">(.*?)</span>', per_pupil)
    assert [label for _, label in bars] == ["一年级(1)班", "三年级(1)班", "三年级(2)班"]
    # The target is 10 a semester; the figures reach 2026-03-15, 20 of the semester's 130 days,
    # so the pace is 1.5. 一年级(1)班: 15 loans / 30 pupils = 0.5, below it.
    assert [bool(below) for below, _ in bars] == [True, False, False]
    assert 'class="hbar-target"' in per_pupil
    assert ">0.5<" in per_pupil and ">11.2<" in per_pupil
    assert per_pupil.count("▼") == 1  # below the target: marked, not only coloured
    assert '截至<span class="keep">3月15日</span>应达 1.5' in html


def test_rotation_timetable(mini):
    html = read(mini, "rotation/index.html")
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    assert head.index("周一") < head.index("周二")
    assert "12:00–12:50" in html


def test_reading_list_links_books_and_lists_outside_ones(mini):
    html = read(mini, "lists/gaonianji/index.html")
    assert '<a href="../../books/xiyouji/index.html">《西游记》</a>' in html
    assert "《城南旧事》" in html and "馆外推荐" in html


def test_books_by_clc_class_and_grade_band(mini):
    html = read(mini, "books/class/I/index.html")
    assert "I 文学" in html and "西游记" in html and "给教师的建议" not in html
    html = read(mini, "books/grade/gao-nian-ji/index.html")
    assert "西游记" in html and "草房子" in html


def test_hostile_markup_never_reaches_a_page(mini):
    book = read(mini, "books/xiyouji/index.html")
    assert "<script>" not in book and "alert(" not in book
    news = read(mini, "news/2026-03-01-kaixue/index.html")
    assert "javascript:" not in news
    teacher = read(mini, "books/jiaoshi/index.html")
    assert "<b>新版</b>" not in teacher and "&lt;b&gt;新版&lt;/b&gt;" in teacher


def test_markdown_tables_render(mini):
    html = read(mini, "rules/index.html")
    assert "<table>" in html and "<td>不得出借</td>" in html


def test_pages_declare_their_inputs(sample):
    book = next(p for p in sample.pages if p.path == "books/xiyouji/index.html")
    assert "content/books/xiyouji.md" in book.inputs
    home = next(p for p in sample.pages if p.path == "index.html")
    assert all(b.source in home.inputs for b in sample.site.books)


def test_award_dated_after_today_waits_for_its_day(sample, project):
    future = [a for a in sample.site.awards if a.date > sample.config.today]
    assert not future and "content/awards/youxiu-xuesheng-guanliyuan.yaml" in sample.site.scheduled
    assert not (sample.config.output_dir / "awards/youxiu-xuesheng-guanliyuan/index.html").exists()


def test_404_page_links_from_the_site_path_on_the_server(mini):
    # The mini site's base_url is http://intranet.test/library/: a 404 answered at any depth
    # resolves its links from /library/, on whatever host serves it.
    html = read(mini, "404.html")
    assert '<base href="/library/">' in html and 'href="index.html"' in html


def test_every_page_can_be_reached_from_the_home_page(sample):
    # calendar/<semester>/ used to be linked from no page when the site had one semester.
    output = sample.config.output_dir
    reached, waiting = set(), [output / "index.html"]
    while waiting:
        page = waiting.pop()
        if page in reached or not page.is_file():
            continue
        reached.add(page)
        if page.suffix != ".html":
            continue
        for tag, url in parse(page).links + [("form", action) for action in
                                            re.findall(r'<form[^>]* action="([^"]+)"', page.read_text(encoding="utf-8"))]:
            parts = urlsplit(url)
            if not parts.scheme and parts.path:
                waiting.append((page.parent / unquote(parts.path)).resolve())
    unreached = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html") if p.resolve() not in reached)
    assert unreached == ["404.html"]  # the server shows it for an address it does not know
    assert 'href="../calendar/2026-autumn/index.html"' in read(sample, "calendar/index.html")
