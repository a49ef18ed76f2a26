"""The blackboard newsletter as it hangs in a corridor: type to read from two metres, a masthead,
coloured panels, four columns that fill the A3 sheet."""
from __future__ import annotations

import re

from conftest import build_project, read
from pdftext import MM, pages, split_phrases

BOARDS = ("2026-10", "2026-11")


def board(sample, slug):
    return sample.config.output_dir / f"print/blackboard/{slug}.pdf"


def columns(page):
    """The lowest text of each of the four columns, as a share of the sheet's height."""
    left, width = 8 * MM, (page.width - 16 * MM + 6 * MM) / 4
    return [max((w.y1 for w in page.words if left + c * width <= w.x0 < left + (c + 1) * width), default=0) / page.height
            for c in range(4)]


def test_the_board_fills_its_sheet_in_balanced_columns(sample):
    for slug in BOARDS:
        [page] = pages(board(sample, slug))
        bottoms = columns(page)
        assert max(bottoms) >= 0.85, (slug, bottoms)  # no quarter of the sheet left empty at the foot
        assert min(bottoms) >= 0.7, (slug, bottoms)  # no column ending a third of the way down


def test_the_body_reads_from_two_metres(sample):
    for slug, body in (("2026-11", "读书节开幕式"), ("2026-10", "各班阅读指导课听课")):
        [page] = pages(board(sample, slug))
        word = next(w for w in page.words if w.text.startswith(body))
        assert word.height >= 20 * 1.4, (slug, word)  # 20 pt type: Noto CJK's box is 1.45 em tall
        size = float(re.search(r'class="board" style="font-size: ([\d.]+)pt', read(sample, f"print/blackboard/{slug}.html"))[1])
        assert size >= 20


def test_a_masthead_and_a_coloured_panel_for_each_section(sample):
    html = read(sample, "print/blackboard/2026-11.html")
    assert 'class="board-head"' in html and "<svg" in html.split('class="board-head"')[1].split("</header>")[0]
    for panel in ("books", "activities", "awards", "roster"):
        assert f'class="panel panel-{panel}"' in html
    [page] = pages(board(sample, "2026-11"))
    title = [w for w in page.words if w.text in ("第五届", "读书节特刊")]
    assert len(title) == 2 and all(w.height > 2 * 20 for w in title)  # the title, large, broken after 届
    assert all(w.x1 < page.width / 4 and w.y1 < page.height / 3 for w in title)  # heading the first column


def test_the_whole_sample_fits_without_shortening(sample):
    shortened = [p for p in sample.problems if p.code in ("print_too_many", "print_overflow") and "newsletters" in p.file]
    assert shortened == []


def test_no_board_splits_a_date_a_time_or_a_class(sample):
    for slug in BOARDS:
        assert split_phrases(board(sample, slug)) == [], slug


def test_a_sparse_board_is_set_larger(mini):
    html = read(mini, f"print/blackboard/{mini.config.today:%Y-%m}.html")
    size = float(re.search(r'class="board" style="font-size: ([\d.]+)pt', html)[1])
    assert size > 24


def test_a_board_with_too_much_is_shortened_to_its_one_sheet_and_says_so(project):
    many = "\n".join(f"  - {{title: 第{n}次全校读书分享会暨好书推荐活动, date: 2026-03-{n + 2:02d}, place: 多功能厅}}" for n in range(9))
    calendar = project / "content/calendar/2026-spring.yaml"
    text = calendar.read_text(encoding="utf-8")
    calendar.write_text(text.replace("activities:\n", "activities:\n" + many + "\n", 1), encoding="utf-8")
    roster = project / "content/rosters/2026-spring.yaml"
    classes = "".join(f"      - class: 五年级({n})班\n        assistants: [{{name: 欧阳明{n}}}, {{name: 司马青{n}}}, {{name: 诸葛亮{n}}}]\n"
                      for n in range(1, 21))
    roster.write_text(roster.read_text(encoding="utf-8").replace("grades:\n", f"grades:\n  - grade: 五年级\n    classes:\n{classes}", 1),
                      encoding="utf-8")
    result = build_project(project, project / "output")
    sheet = result.config.output_dir / f"print/blackboard/{result.config.today:%Y-%m}.pdf"
    assert len(pages(sheet)) == 1
    cut = {p.params["field"] for p in result.problems if p.code == "print_too_many"}
    assert cut and cut <= {"activities", "classes"}
    assert not [p for p in result.problems if p.code == "print_overflow" and "blackboard" in p.params["sheet"]]
    assert "还有" in "".join(w.text for w in pages(sheet)[0].words)
