"""New-book posters as they hang in the display case: the band, the title whole, the cover as
the hero, the introduction justified, the footer at the foot of the sheet."""
from __future__ import annotations

import re
from collections import defaultdict

from conftest import build_project, read
from pdftext import MM, lines, pages, split_phrases
from generator.outputs.fit import set_title

SIZES = (40, 36, 32, 28, 26, 24)


def posters(result):
    return sorted((result.config.output_dir / "print/posters").glob("*.pdf"))


def text_lines(page):
    """The page's words grouped into lines (by their top), top to bottom."""
    rows = defaultdict(list)
    for word in page.words:
        rows[round(word.y0)].append(word)
    return [sorted(row, key=lambda w: w.x0) for _, row in sorted(rows.items())]


def test_each_poster_is_filled_to_its_foot(sample):
    for poster in posters(sample):
        [page] = pages(poster)
        lowest = max(w.y1 for w in page.words)
        assert lowest >= 0.85 * page.height, poster.name
        band = next(w for w in page.words if w.text == "新书推荐")
        assert band.y1 < 0.15 * page.height  # the band at the top


def test_the_title_is_whole_on_its_line(sample):
    for book in (b for b in sample.site.books if b.featured):
        poster = sample.config.output_dir / f"print/posters/{book.slug}.pdf"
        assert f"《{book.title}》" in [re.sub(r"\s+", "", line) for line in lines(poster)], book.title


def test_a_long_title_breaks_where_a_word_ends_and_a_short_one_is_shrunk_to_one_line():
    assert set_title("《小猪唏哩呼噜》", 94, SIZES) == (32, ["《小猪唏哩呼噜》"])
    assert set_title("《给教师的建议》", 94, SIZES)[1] == ["《给教师的建议》"]
    size, split = set_title("《西游记之大闹天宫与三打白骨精全本》", 94, SIZES)
    assert split == ["《西游记之大闹天宫与", "三打白骨精全本》"] and size >= 24
    size, split = set_title("《中华人民共和国地图册彩色》", 60, SIZES)  # no word ends: the lines balance
    assert abs(len(split[0]) - len(split[1])) <= 1 and not split[0].endswith("《")


def test_the_introduction_is_justified_without_a_short_last_line(sample):
    for poster in posters(sample):
        [page] = pages(poster)
        rows = [row for row in text_lines(page) if 0.45 * page.height < row[0].y0 < 0.82 * page.height]
        left = min(row[0].x0 for row in rows)
        paragraph = [row for row in rows if row[0].x0 < left + 15 * MM]  # not the 推荐 line, right-aligned
        right = max(row[-1].x1 for row in paragraph)
        for row, after in zip(paragraph, paragraph[1:] + [None]):
            text = "".join(w.text for w in row)
            if after is None or after[0].x0 > left + 5 * MM:  # the paragraph's last line: the next is indented
                assert len(text) >= 3, (poster.name, text)
            else:
                assert abs(row[-1].x1 - right) < 1, (poster.name, text)  # one right edge: 两端对齐


def test_a_book_without_a_cover_gets_a_designed_one(project):
    book = project / "content/books/caofangzi.md"
    book.write_text(book.read_text(encoding="utf-8").replace("shelved:", "featured: true\nshelved:"), encoding="utf-8")
    result = build_project(project, project / "output")
    html = read(result, "print/posters/caofangzi.html")
    assert "poster-cover-blank" in html
    [page] = pages(result.config.output_dir / "print/posters/caofangzi.pdf")
    assert [w.text for w in page.words].count("草房子") == 1 and "《草房子》" in [w.text for w in page.words]
    assert max(w.y1 for w in page.words) >= 0.85 * page.height


def test_no_poster_splits_a_date_or_a_title(sample, mini):
    for poster in posters(sample) + posters(mini):
        assert split_phrases(poster) == [], poster.name
