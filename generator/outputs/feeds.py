"""Atom feeds of new books and of news (feeds/books.xml, feeds/news.xml), for the school portal.

Feed readers need whole addresses, so the feeds are made only when config.yaml gives the
site's public address (site.base_url); without it they are left out and the pages do not
link to them.
"""
from __future__ import annotations

import datetime as dt
import re

from feedgen.feed import FeedGenerator
from lxml import html as lxml_html

from generator.outputs import EXTRA_OUTPUTS, BuildContext, Derived
from generator.routes import sources
from generator.urls import absolute_url

BOOKS_FEED = "feeds/books.xml"
NEWS_FEED = "feeds/news.xml"
ENTRIES = 20  # newest items in each feed; readers keep what they already fetched
# A link or image in a body written relative to its page ("../../lists/summer/"): right on the
# page, but a feed reader shows the body somewhere else (sanitised HTML: attributes in "…").
_RELATIVE_LINK = re.compile(r'(?:href|src)="(?![A-Za-z][A-Za-z0-9+.-]*:|//)')


def absolute_links(body_html: str, page_address: str) -> str:
    """The body with its relative links and images made whole addresses, as from its page."""
    if not _RELATIVE_LINK.search(body_html):
        return body_html
    fragment = lxml_html.fragment_fromstring(body_html, create_parent="div")
    fragment.make_links_absolute(page_address, resolve_base_href=False)
    return lxml_html.tostring(fragment, encoding="unicode")[len("<div>"):-len("</div>")]


def _when(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)


def _feed(context: BuildContext, path: str, title_key: str, page: str, entries: list[dict]) -> bytes:
    base, site = context.config.site["base_url"], context.config.site
    t = context.renderer.translations
    feed = FeedGenerator()
    feed.id(absolute_url(base, path))
    feed.title(f"{t(title_key)} · {site['title']}")
    feed.link(href=absolute_url(base, path), rel="self")
    feed.link(href=absolute_url(base, page), rel="alternate")
    feed.language(site["language"])
    feed.author({"name": " ".join(filter(None, (site.get("school"), site.get("library"))))})
    if site.get("description"):
        feed.subtitle(site["description"])
    # A fixed "updated" (the newest entry's day, not the build time) keeps the file's bytes
    # the same until something new is added, so copying output/ sends nothing new.
    feed.updated(max((e["updated"] for e in entries), default=_when(context.config.today)))
    # feedgen writes entries in reverse order of adding; add oldest first so the newest leads.
    for item in reversed(entries):
        entry = feed.add_entry()
        entry.id(item["link"])
        entry.title(item["title"])
        entry.link(href=item["link"], rel="alternate")
        entry.updated(item["updated"])
        entry.published(item["updated"])
        if item.get("summary"):
            entry.summary(item["summary"])
        entry.content(item["content"], type="html")
    return feed.atom_str(pretty=True)


def feeds(context: BuildContext) -> list[Derived]:
    if not context.config.site["base_url"]:
        return []
    site = context.site
    return [Derived(BOOKS_FEED, sources(site.books), lambda: _books_feed(context), templates=("feed_book.html",)),
            Derived(NEWS_FEED, sources(site.news), lambda: _news_feed(context))]


def _books_feed(context: BuildContext) -> bytes:
    base = context.config.site["base_url"]
    t = context.renderer.translations
    entry_html = context.renderer.env.get_template("feed_book.html")
    books = [{
        "title": f"《{b.title}》 {b.author}",
        "link": absolute_url(base, b.url),
        "updated": _when(b.shelved),
        "summary": t("feeds.book_summary", author=b.author, call_number=b.call_number or "—"),
        "content": absolute_links(entry_html.render(book=b, cover=absolute_url(base, b.cover_image.src(240)) if b.cover_image else None),
                                  absolute_url(base, b.url)),
    } for b in context.site.books[:ENTRIES]]
    return _feed(context, BOOKS_FEED, "feeds.books", "books/", books)


def _news_feed(context: BuildContext) -> bytes:
    base = context.config.site["base_url"]
    news = [{
        "title": n.title, "link": absolute_url(base, n.url), "updated": _when(n.date),
        "summary": n.summary, "content": absolute_links(n.body_html, absolute_url(base, n.url)),
    } for n in context.site.news[:ENTRIES]]
    return _feed(context, NEWS_FEED, "feeds.news", "news/", news)


EXTRA_OUTPUTS.append(feeds)
