"""Find and follow: Atom feeds, the calendar file, sitemap and robots.txt, and the search index's contents.

What the search script does with the index (西游, xiyouji, xyj, stop-words) is checked in a
real browser in test_search_browser.py.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import feedparser
import icalendar
import pytest
from xml.etree import ElementTree

from conftest import ROOT, SAMPLE_TODAY, build_project, read
from generator.build import build
from generator.config import load_config
from generator.outputs import BuildOptions
from generator.outputs.sitemap import page_address
from generator.problems import Problems

BASE = "http://intranet.test/library/"


def build_with_base_url(project, output, today=None, base_url=BASE):
    config, warnings = load_config(project / "config.yaml", output)
    config = dataclasses.replace(config, site={**config.site, "base_url": base_url}, today=today or config.today)
    return build(config, Problems(warnings))


@pytest.fixture(scope="module")
def sample_public(tmp_path_factory):
    """The sample as published at a public address (the bundled config leaves base_url empty)."""
    return build_with_base_url(ROOT, tmp_path_factory.mktemp("public") / "output", SAMPLE_TODAY)


def search_index(result) -> dict:
    text = read(result, "search/search-index.js")
    assert text.startswith("window.BULLETIN_SEARCH=")
    data = json.loads(text[len("window.BULLETIN_SEARCH="):].rstrip().rstrip(";"))
    return {"stop": data["stop"], "kinds": data["kinds"], "docs": [dict(zip(data["fields"], row)) for row in data["docs"]]}


# Feeds ---------------------------------------------------------------------------------------

def test_books_feed_lists_the_newest_books_first(sample_public):
    feed = feedparser.parse((sample_public.config.output_dir / "feeds/books.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    newest = sample_public.site.books[0]
    assert len(feed.entries) == min(20, len(sample_public.site.books))
    assert newest.title in feed.entries[0].title
    assert feed.entries[0].link == BASE + newest.url
    assert feed.entries[0].updated.startswith(newest.shelved.isoformat())
    assert newest.author in feed.entries[0].title
    assert "阳光小学图书室" in feed.feed.title


def test_news_feed_lists_the_news(mini):
    feed = feedparser.parse((mini.config.output_dir / "feeds/news.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == [n.title for n in mini.site.news]
    assert feed.entries[0].link == "http://intranet.test/library/news/2026-03-01-kaixue/"


def test_feed_titles_are_escaped_text(mini):
    feed = feedparser.parse((mini.config.output_dir / "feeds/books.xml").read_bytes())
    assert any("<b>新版</b>" in e.title for e in feed.entries)  # shown as typed, not as markup


def test_links_in_feed_bodies_are_whole_addresses(project):
    # Right on the page, "../../lists/summer/" means nothing where a feed reader shows the body.
    news = project / "content/news/2026-03-01-kaixue.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n看[暑假书目](../../lists/summer/)和[注释](#zhu)。"
                    "![开放日](../../images/kaifang.png)[学校](http://school.test/)\n", encoding="utf-8")
    result = build_project(project, project / "output", options=BuildOptions(pdf=False))
    feed = feedparser.parse((result.config.output_dir / "feeds/news.xml").read_bytes(), resolve_relative_uris=False)
    assert not feed.bozo, feed.bozo_exception
    body = feed.entries[0].content[0].value
    page = BASE + "news/2026-03-01-kaixue/"
    assert f'href="{BASE}lists/summer/"' in body and f'src="{BASE}images/kaifang.png"' in body
    assert f'href="{page}#zhu"' in body and 'href="http://school.test/"' in body
    assert "暑假书目" in body and 'alt="开放日"' in body and "javascript" not in body
    # The page itself keeps its links relative: it works under any path and from file://.
    assert 'href="../../lists/summer/"' in read(result, "news/2026-03-01-kaixue/index.html")


def test_pages_link_the_feeds_in_the_head(mini):
    html = read(mini, "books/xiyouji/index.html")
    head = html.split("</head>")[0]
    assert 'type="application/atom+xml" href="../../feeds/books.xml"' in head
    assert 'href="../../feeds/news.xml"' in head


def test_without_a_public_address_there_are_no_feeds_or_sitemap(sample):
    out = sample.config.output_dir
    assert not (out / "feeds").exists() and not (out / "sitemap.xml").exists()
    assert "application/atom+xml" not in read(sample, "index.html")
    calendar = read(sample, "calendar/index.html")
    assert "webcal:" not in calendar and 'href="../calendar/calendar.ics"' in calendar  # download still offered
    assert "Sitemap:" not in read(sample, "robots.txt")


# Calendar file -------------------------------------------------------------------------------

def events(result) -> list:
    cal = icalendar.Calendar.from_ical((result.config.output_dir / "calendar/calendar.ics").read_bytes())
    return list(cal.walk("VEVENT"))


def test_calendar_file_has_timed_and_all_day_events(mini):
    by_title = {str(e["SUMMARY"]): e for e in events(mini)}
    talk = by_title["新生借阅知识讲座"]
    assert talk.decoded("DTSTART") == dt.datetime(2026, 3, 5, 14, 0)
    assert talk.decoded("DTEND") == dt.datetime(2026, 3, 5, 15, 0)
    assert str(talk["LOCATION"]) == "图书室"
    festival = by_title["读书节"]
    assert festival.decoded("DTSTART") == dt.date(2026, 4, 20)
    assert festival.decoded("DTEND") == dt.date(2026, 5, 1)  # exclusive: the festival ends on 30 April
    assert by_title["评选优秀学生图书管理员"].decoded("DTSTART") == dt.date(2026, 6, 10)


def test_month_only_items_are_not_invented_into_events(mini):
    titles = [str(e["SUMMARY"]) for e in events(mini)]
    assert "制订图书室工作计划" not in titles
    assert "制订图书室工作计划" in read(mini, "calendar/index.html")  # still on the site


def test_sample_calendar_event_date_summary_and_stable_uid(sample, tmp_path):
    first = {str(e["SUMMARY"]): e for e in events(sample)}
    training = first["学生图书管理员上岗培训"]
    assert training.decoded("DTSTART") == dt.datetime(2026, 9, 15, 15, 40)
    assert "对象：学生图书管理员" in str(training["DESCRIPTION"])
    again = build_project(ROOT, tmp_path / "again", SAMPLE_TODAY + dt.timedelta(days=3))
    second = {str(e["SUMMARY"]): e for e in events(again)}
    assert {t: str(e["UID"]) for t, e in first.items()} == {t: str(e["UID"]) for t, e in second.items()}
    assert len({str(e["UID"]) for e in first.values()}) == len(events(sample))


def test_moving_an_event_keeps_its_uid(project, tmp_path):
    before = {str(e["SUMMARY"]): str(e["UID"]) for e in events(build_project(project, tmp_path / "a"))}
    path = project / "content/calendar/2026-spring.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-06-10", "2026-06-12"), encoding="utf-8")
    after = events(build_project(project, tmp_path / "b"))
    moved = next(e for e in after if str(e["SUMMARY"]) == "评选优秀学生图书管理员")
    assert moved.decoded("DTSTART") == dt.date(2026, 6, 12)
    assert str(moved["UID"]) == before["评选优秀学生图书管理员"]


def test_calendar_page_offers_subscribe_and_download(mini):
    html = read(mini, "calendar/index.html")
    assert 'href="webcal://intranet.test/library/calendar/calendar.ics"' in html
    assert 'href="../calendar/calendar.ics" download' in html
    assert "http://intranet.test/library/calendar/calendar.ics" in html


# Sitemap and robots.txt ----------------------------------------------------------------------

def test_sitemap_lists_every_page(sample_public):
    root = ElementTree.fromstring((sample_public.config.output_dir / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    expected = {BASE + page_address(p.path) for p in sample_public.pages if p.path != "404.html"}
    assert listed == expected
    assert BASE + "books/xiyouji/" in listed and BASE in listed
    assert "Sitemap: http://intranet.test/library/sitemap.xml" in read(sample_public, "robots.txt")


def test_robots_can_turn_search_engines_away(project, tmp_path):
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "robots: disallow\n", encoding="utf-8")
    result = build_project(project, tmp_path / "out")
    assert read(result, "robots.txt") == "User-agent: *\nDisallow: /\n"


# Search index --------------------------------------------------------------------------------

def test_search_index_has_pinyin_initials_and_what_results_show(sample):
    docs = {d["title"]: d for d in search_index(sample)["docs"]}
    book = docs["西游记"]
    assert "xiyouji" in book["pinyin"].split() and "xyj" in book["pinyin"].split()
    assert "wuchengen" in book["pinyin"].split()
    assert book["author"] == "吴承恩" and book["bands"] == "高年级" and book["call"] == "I242.4"
    assert book["url"] == "../books/xiyouji/index.html"
    assert (sample.config.output_dir / "search" / book["cover"]).resolve().is_file()
    assert "火焰山" in book["text"] and "<" not in book["text"]  # the introduction, as plain text
    kinds = {d["kind"] for d in docs.values()}
    assert kinds == {"book", "list", "news", "page", "calendar", "award", "roster", "stats", "writing"}
    assert search_index(sample)["kinds"]["award"] == "表彰"  # what the search page calls each kind
    assert "的" in search_index(sample)["stop"]


def test_a_pupils_name_finds_the_award_list_and_a_class_its_rotation(sample):
    rows = search_index(sample)["docs"]
    named = [d for d in rows if "沈若兮" in d["tags"].split()]
    assert [d["url"] for d in named] == ["../awards/dushujie-zhengwen/index.html"]
    assert any(d["url"] == "../rotation/index.html" and "三年级(2)班" in d["tags"] for d in rows)


def test_every_page_has_a_search_box_that_goes_to_the_search_page(sample):
    for page in ("index.html", "books/xiyouji/index.html", "404.html"):
        html = read(sample, page)
        assert 'role="search"' in html and 'name="q"' in html, page
    assert 'action="../../search/index.html"' in read(sample, "books/xiyouji/index.html")
