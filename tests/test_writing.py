"""Pupils' writing (学生作品): a page per piece, an index by activity, and the sections it adds to
its book's page and to the award list it won in."""
from __future__ import annotations

import datetime as dt

from conftest import build_project, read
from generator.cli import main


def test_the_index_groups_the_pieces_by_activity_newest_first_prizes_in_order(sample):
    html = read(sample, "writing/index.html")
    assert html.index("第五届读书节征文比赛") < html.index("暑期读书笔记评选")
    assert html.index("桑桑教会我的事") < html.index("夏洛织的那张网") < html.index("小王子和他的玫瑰")  # 一等奖, 二等奖, 三等奖
    assert "沈若兮（六年级(1)班）" in html and "读《草房子》" in html


def test_a_piece_links_its_book_and_the_award_list_with_the_prize_it_gave(sample):
    html = read(sample, "writing/xialuo-zhi-de-na-zhang-wang/index.html")
    assert 'href="../../books/xialuo-de-wang/index.html"' in html and "《夏洛的网》" in html
    assert 'href="../../awards/dushujie-zhengwen/index.html"' in html
    assert "二等奖" in html  # not written in the piece: the award list gives 白子航 二等奖
    assert "小猪威尔伯" in html


def test_the_book_page_and_the_award_page_show_the_pieces(sample):
    book = read(sample, "books/caofangzi/index.html")
    assert "同学们的读后感" in book and 'href="../../writing/sangsang-jiao-hui-wo-de-shi/index.html"' in book
    assert "同学们的读后感" not in read(sample, "books/daocaoren/index.html")  # nobody wrote about it
    award = read(sample, "awards/dushujie-zhengwen/index.html")
    pieces = award.count('href="../../writing/') - award.count('href="../../writing/index.html"')
    assert pieces == 4 and "获奖作品" in award


def test_pieces_are_in_the_menu_and_the_search_index(sample):
    assert 'href="writing/index.html"' in read(sample, "index.html")
    index = read(sample, "search/search-index.js")
    assert "我心中的孙悟空" in index and '"writing":"学生作品"' in index


def test_a_free_title_a_future_piece_and_a_new_piece_from_the_command_line(project):
    writing = project / "content/writing"
    writing.mkdir()
    (writing / "wo-de-shu.md").write_text("---\ntitle: 我的书\npupil: 王芳\nclass: 三年级(1)班\ndate: 2026-03-02\n"
                                          "book: 城南旧事\n---\n正文\n", encoding="utf-8")
    (writing / "later.md").write_text("---\ntitle: 以后\npupil: 李明\nclass: 三年级(1)班\ndate: 2026-12-01\n---\n正文\n",
                                      encoding="utf-8")
    result = build_project(project, project / "output")
    assert "《城南旧事》" in read(result, "writing/wo-de-shu/index.html")  # a book the library lacks, by title
    assert not (project / "output/writing/later").exists() and "content/writing/later.md" in result.site.scheduled
    assert main(["new", "writing", "读《西游记》有感", "--config", str(project / "config.yaml")]) == 0
    made = project / "content/writing/du-xi-you-ji-you-gan.md"
    assert "pupil:" in made.read_text(encoding="utf-8") and "读《西游记》有感" in made.read_text(encoding="utf-8")
    assert result.config.today == dt.date(2026, 3, 5)
