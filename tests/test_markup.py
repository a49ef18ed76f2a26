"""Markdown is converted by a converter trimmed to the syntax each text can use; the HTML must be
exactly what the full set-up gives, whatever the text."""
from __future__ import annotations

import html
import re
import sys

import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.markup import MarkdownRenderer, plain_text

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

RENDERER = MarkdownRenderer()

# Pieces of every kind of syntax the set-up knows, to be strung together at random.
PIECES = [
    "西游记", "孙悟空", "the Monkey King", " ", "  \n", "\n", "\n\n", "\t", "# ", "## ", "### ", "====", "----",
    "- ", "* ", "1. ", "3) ", "> ", "    ", "**", "*", "__", "_", "`", "```", "~~~", "\\", "\\*",
    "[", "]", "(", ")", "[链接](https://example.org)", "![封面](cover.png)", "[^1]", "[^1]: 注释",
    "[ref]", "[ref]: https://example.org", "[文字][ref]", "![图][ref]", "[文字] [ref]", "[ref]:", "<b>", "</b>", "<https://example.org>", "<a@b.cn>", "&amp;", "&",
    "&#20320;", "|", "| a | b |\n|---|---|\n| 1 | 2 |", "{: .note }", "{#id}", "{", "}", ":", "\n:   定义",
    "术语\n:   解释", "<div markdown>", "<!-- 注 -->", "[TOC]", "---", "***", "。", "，", "！",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_trimmed_converter_gives_the_full_set_ups_html(pieces):
    text = "".join(pieces)
    body_html = RENDERER.render(text)
    assert body_html == RENDERER.render(text, full=True)
    # The search text drops tags with a regular expression, which is safe on sanitised HTML:
    # it must read as a real HTML parser (nh3's) reads it.
    by_parser = re.sub(r"\s+", " ", html.unescape(nh3.clean(body_html, tags=set()))).strip()
    assert plain_text(body_html) == by_parser


def test_the_same_for_every_real_text(tmp_path):
    generate(60, tmp_path / "site")
    texts = [p.read_text(encoding="utf-8") for folder in (ROOT / "content", ROOT / "docs", tmp_path / "site" / "content")
             for p in sorted(folder.rglob("*.md"))]
    texts.append((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(texts) > 80
    for text in texts:
        assert RENDERER.render(text) == RENDERER.render(text, full=True)


def test_plain_prose_uses_a_trimmed_converter():
    # What makes it fast: a paragraph of prose is not tried against tables, footnotes, HTML...
    md = RENDERER.converter("孙悟空大闹天宫。\n\n唐僧师徒**西天取经**。")
    assert "table" not in md.parser.blockprocessors and "html" not in md.inlinePatterns
    assert "em_strong" in md.inlinePatterns and "toc" not in md.treeprocessors
    headed = RENDERER.converter("## 内容简介\n\n孙悟空大闹天宫。")
    assert "toc" in headed.treeprocessors  # headings get their ids...
    assert RENDERER.render("## 内容简介\n\n正文").startswith('<h2 id="内容简介">')
    # ...and a table of contents is built only for a text that places one with [TOC].
    assert '<div class="toc">' in RENDERER.render("[TOC]\n\n## 第一章\n\n## 第二章")


def test_links_and_pictures_the_sanitiser_emptied_are_unwrapped_and_dropped():
    from generator.markup import sanitise
    cleaned = sanitise('<p><a href="javascript:alert(1)" title="t">点我</a> <a href="https://a.example/">好</a>'
                       '<img src="data:image/png;base64,AAAA" alt="图"><img src="ok.png"><img alt="无"></p>')
    assert cleaned == '<p>点我 <a href="https://a.example/" rel="noopener">好</a><img src="ok.png" alt=""></p>'
    assert sanitise("<p><abbr title=\"x\">缩写</abbr> <a>空</a></p>") == '<p><abbr title="x">缩写</abbr> 空</p>'


def test_what_the_sanitiser_removes_is_told_once_per_kind_with_its_line():
    from generator.problems import Problems

    class Source:
        name, body_line = "content/news/x.md", 7
    problems = Problems()
    text = "开头\n\n<iframe src=\"https://v.example/\"></iframe>\n<video src=\"a.mp4\"></video>\n[看](javascript:go())"
    RENDERER.render(text, problems=problems, source=Source)
    assert [(p.code, p.line, p.params["what"], p.is_error) for p in problems] == [
        ("html_embed_removed", 9, "<iframe>、<video>", False), ("html_link_removed", 11, "javascript:go()", False)]
    quiet = Problems()
    RENDERER.render("# 标题\n\n正文 [链接](https://example.org/) <b>粗</b>", problems=quiet, source=Source)
    assert [(p.code, p.params["what"]) for p in quiet] == [("html_tag_removed", "<h1>")]


def test_pasted_markup_is_made_valid_html():
    from generator.markup import sanitise
    assert sanitise('<ul><p>段</p>字<li>项</li></ul><li>孤立</li><details><p>x</p></details>') == \
        '<ul><li><p>段</p></li><li>字</li><li>项</li></ul>孤立<details><summary></summary><p>x</p></details>'
    assert sanitise('<p><img src="a b.png" width="50%" height="120"><a href="https://x.example/a b%zz">链</a></p>') == \
        '<p><img src="a%20b.png" height="120" alt=""><a href="https://x.example/a%20b%25zz" rel="noopener">链</a></p>'
    assert sanitise('<h2 id="">a</h2><h2 id="x">b</h2><h2 id="x">c</h2><p id="site-main" lang="zz-">d</p>') == \
        '<h2>a</h2><h2 id="x">b</h2><h2>c</h2><p>d</p>'
    assert sanitise('<table><tr><td colspan="2" align="center">t</td></tr></table>') == \
        '<table><tbody><tr><td colspan="2">t</td></tr></tbody></table>'
