"""Rebuilds do only what changed: the cache between builds and what each page depends on."""
from __future__ import annotations

from generator.build import Builder
from generator.config import load_config
from generator.problems import Problems


def builder(project, persist=True):
    config, _ = load_config(project / "config.yaml", project / "output")
    return Builder(config, persist=persist)


def site_template(project, name, text):
    """Override one of the default theme's templates in the project's own themes/ folder."""
    template = project / "themes/default/templates" / name
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(text, encoding="utf-8")
    return template


def test_second_build_with_nothing_changed_does_nothing(project):
    first = builder(project).build(Problems())
    assert len(first.rendered) == len(first.pages)
    second = builder(project).build(Problems())  # a new process would start like this, from the cache
    assert second.nothing_changed and second.report is None


def test_one_changed_book_renders_its_page_and_the_indexes_only(project):
    builder(project).build(Problems())
    book = project / "content/books/caofangzi.md"
    book.write_text(book.read_text(encoding="utf-8").replace("桑桑", "桑桑和纸月"), encoding="utf-8")
    result = builder(project).build(Problems())
    assert "books/caofangzi/index.html" in result.rendered
    assert "books/xiyouji/index.html" not in result.rendered and "news/index.html" not in result.rendered
    assert {"index.html", "books/index.html"} <= set(result.rendered)
    assert "桑桑和纸月" in (project / "output/books/caofangzi/index.html").read_text(encoding="utf-8")


def test_a_changed_template_renders_the_pages_that_use_it(project):
    site_template(project, "news.html", '{% extends "base.html" %}{% block main %}<p>{{ item.title }}</p>{% endblock %}')
    builder(project).build(Problems())
    site_template(project, "news.html", '{% extends "base.html" %}{% block main %}<p>新样式 {{ item.title }}</p>{% endblock %}')
    result = builder(project).build(Problems())
    assert result.rendered == ["news/2026-03-01-kaixue/index.html"]
    assert "新样式" in (project / "output/news/2026-03-01-kaixue/index.html").read_text(encoding="utf-8")


def test_a_changed_config_renders_everything(project):
    builder(project).build(Problems())
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("测试小学图书室", "新名字图书室"), encoding="utf-8")
    result = builder(project).build(Problems())
    assert len(result.rendered) == len(result.pages)


def test_a_deleted_output_is_built_again_whole(project):
    builder(project).build(Problems())
    import shutil
    shutil.rmtree(project / "output")
    result = builder(project).build(Problems())
    assert not result.nothing_changed and (project / "output/books/xiyouji/index.html").is_file()


def test_deleting_the_cache_is_safe(project):
    builder(project).build(Problems())
    import shutil
    shutil.rmtree(project / ".bulletin-cache")
    result = builder(project).build(Problems())
    assert len(result.rendered) == len(result.pages)


def test_preview_quick_path_writes_the_edited_page_first(project):
    b = builder(project, persist=False)
    b.build(Problems())
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("唐僧师徒", "师徒四人"), encoding="utf-8")
    assert b.render_own_pages_first([book]) == ["books/xiyouji/index.html"]
    assert "师徒四人" in (project / "output/books/xiyouji/index.html").read_text(encoding="utf-8")
    result = b.build(Problems(), in_place=True, changed=[book])
    assert "books/xiyouji/index.html" in result.rendered and "books/caofangzi/index.html" not in result.rendered


def test_the_preview_picks_up_an_edited_template_it_has_compiled_before(project):
    # The preview keeps its compiled templates between builds; an edited one (here one that
    # every page includes) must be compiled again, not served from memory.
    links = site_template(project, "feed_links.html", "<!-- 旧 -->")
    b = builder(project, persist=False)
    b.build(Problems())
    assert "<!-- 旧 -->" in (project / "output/index.html").read_text(encoding="utf-8")
    links.write_text("<!-- 新 -->", encoding="utf-8")
    result = b.build(Problems(), in_place=True, changed=[links])
    assert "index.html" in result.rendered
    assert "<!-- 新 -->" in (project / "output/index.html").read_text(encoding="utf-8")


def test_an_edited_shared_header_renders_every_page_again(project):
    # base.html takes the header through shared(): the pages still depend on its file.
    site_template(project, "site_header.html", '<header class="site-header">旧的页眉 {{ section }}</header>')
    first = builder(project).build(Problems())
    assert "旧的页眉 books" in (project / "output/books/index.html").read_text(encoding="utf-8")
    site_template(project, "site_header.html", '<header class="site-header">新的页眉 {{ section }}</header>')
    second = builder(project).build(Problems())
    assert sorted(second.rendered) == sorted(first.rendered)  # every page has the header
    assert "新的页眉 books" in (project / "output/books/xiyouji/index.html").read_text(encoding="utf-8")
    assert "新的页眉 news" in (project / "output/news/index.html").read_text(encoding="utf-8")


def test_the_cached_records_of_another_build_are_not_trusted(project):
    # The stamps (read by every build) and the records with the page fingerprints (read only
    # when something changed) are two files; a pair from two different builds means a full build.
    builder(project).build(Problems())
    cache = project / ".bulletin-cache"
    first_records = (cache / "records.pickle").read_bytes()
    book = project / "content/books/caofangzi.md"
    book.write_text(book.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    builder(project).build(Problems())
    assert builder(project).build(Problems()).nothing_changed  # reads the small file only
    (cache / "records.pickle").write_bytes(first_records)
    book.write_text(book.read_text(encoding="utf-8") + "\n再补充。\n", encoding="utf-8")
    result = builder(project).build(Problems())
    assert len(result.rendered) == len(result.pages)


def test_a_first_build_knows_every_content_file_by_the_digest_of_its_bytes(project, monkeypatch):
    # New files are read and hashed by the workers that make their records, not by the builder:
    # the digests must still be there, and true, for the next build to compare against.
    import hashlib

    from generator import parallel
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)  # workers even for this small site
    b = builder(project, persist=False)
    b.build(Problems())
    digests = b.memo.digests
    files = [p for p in (project / "content").rglob("*") if p.suffix in {".md", ".yaml"}]
    assert len(files) >= 10 and len(digests) == len(files)
    for path in files:
        assert digests[path.relative_to(project).as_posix()] == hashlib.sha1(path.read_bytes()).hexdigest()


def test_the_other_outputs_are_made_again_only_when_what_they_read_changed(project, monkeypatch):
    from generator.outputs import feeds, icalendar_feed
    builder(project).build(Problems())
    made = []
    monkeypatch.setattr(feeds, "_news_feed", lambda context: made.append("news feed") or b"")
    monkeypatch.setattr(icalendar_feed, "_calendar", lambda context: made.append("calendar") or b"BEGIN:VCALENDAR")
    calendar = project / "content/calendar/2026-spring.yaml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")
    builder(project).build(Problems())
    assert made == ["calendar"]  # the news feed read no calendar file: carried over as it was
    assert (project / "output/feeds/news.xml").read_bytes().startswith(b"<?xml")


def test_a_section_another_type_adds_to_a_page_is_part_of_its_fingerprint(project):
    site_template(project, "related/lists_of_book.html", "<h2>收录于书目</h2>")
    builder(project).build(Problems())
    site_template(project, "related/lists_of_book.html", "<h2>也在这些书目里</h2>")
    result = builder(project).build(Problems())
    in_lists = [p for p in result.pages if p.fragments]
    assert in_lists and {p.path for p in in_lists} <= set(result.rendered)
    assert "books/jiaoshi/index.html" not in result.rendered  # in no list
    assert "也在这些书目里" in (project / "output" / in_lists[0].path).read_text(encoding="utf-8")


def test_cache_entries_no_output_asks_for_any_more_are_pruned(project):
    """.bulletin-cache/pdf, qr and thumbs never shrank: a poster's every old PDF stayed there."""
    from generator.outputs import BuildOptions
    config, _ = load_config(project / "config.yaml", project / "output")
    Builder(config, BuildOptions(pdf=True)).build(Problems())
    cache = project / ".bulletin-cache"
    first = {p.name for kind in ("pdf", "qr", "thumbs") for p in (cache / kind).glob("*")}
    assert first and any(name.endswith(".pdf") for name in first)
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("七十二变", "七十二般变化"), encoding="utf-8")
    Builder(config, BuildOptions(pdf=True)).build(Problems())
    second = {p.name for kind in ("pdf", "qr", "thumbs") for p in (cache / kind).glob("*")}
    assert len(second) == len(first) and second != first  # the old poster's PDF (and thumbnail) went
    assert {p for p in first if p.endswith(".svg")} <= second  # the QR code is still asked for
