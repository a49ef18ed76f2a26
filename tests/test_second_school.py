"""Every printable of a second school's content holds to what the sample's do: one sheet each,
filled, nothing split across lines, the certificate's sentence from its facts."""
from __future__ import annotations

import re

from pdftext import pages, split_phrases


def test_every_printable_is_on_its_sheets_and_splits_nothing(second):
    out = second.config.output_dir / "print"
    sheets = sorted(out.rglob("*.pdf"))
    assert len(sheets) == 3 + 1 + 2 + 2  # posters, newsletter, roster and rotation, certificates
    assert not [p for p in second.problems if p.code in ("print_overflow", "print_too_many", "print_shortened")]
    for sheet in sheets:
        assert split_phrases(sheet) == [], sheet.name


def test_posters_and_the_newsletter_are_filled(second):
    out = second.config.output_dir / "print"
    for sheet in list((out / "posters").glob("*.pdf")) + list((out / "blackboard").glob("*.pdf")):
        [page] = pages(sheet)
        assert max(w.y1 for w in page.words) >= 0.85 * page.height, sheet.name


def test_the_certificate_sentence_and_a_rare_name(second):
    sheet = second.config.output_dir / "print/certificates/dushuri-zhengwen.pdf"
    text = ["".join(re.sub(r"\s+", "", w.text) for w in page.words) for page in pages(sheet)]
    assert any("在2026年“世界读书日”读后感征文比赛中，作品《在黑暗中握紧笔——读《钢铁是怎样炼成的》有感》荣获一等奖。" in t
               for t in text)
    assert any("堃喆" in t for t in text)
    classes = second.config.output_dir / "print/certificates/shuxiang-banji.pdf"
    assert "在2026年春季书香班级评比中被评为“书香班级”。" in "".join(w.text for w in pages(classes)[0].words)


def test_a_book_without_a_cover_gets_a_designed_one(second):
    html = (second.config.output_dir / "print/posters/renlei-jianshi.html").read_text(encoding="utf-8")
    assert "poster-cover-blank" in html
    [page] = pages(second.config.output_dir / "print/posters/renlei-jianshi.pdf")
    title = [w.text for w in page.words if "人类简史" in w.text or "从动物到上帝" in w.text]
    assert "《人类简史：" in title and "从动物到上帝》" in title  # broken after its colon, not mid-word
