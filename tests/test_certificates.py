"""Award certificates (奖状) as they are handed out: the sentence, the name, the date, the layout."""
from __future__ import annotations

import datetime as dt
import re

from conftest import build_project, read
from pdftext import MM, lines, pages, split_phrases
from generator.i18n import Translations
from generator.content.awards import Award, Winner
from generator.outputs.printables.certificates import sentence
from generator.themes import theme_dirs



def award_list(slug: str, name: str, date: dt.date) -> Award:
    return Award(name=name, date=date, activity=None, sentence=None, issuer=None, description=None, kind="pupils",
                 certificates=True, winners=(), slug=slug, levels=(), source="f", url="u")

def squeezed_lines(path, page):
    return [re.sub(r"\s+", "", line) for line in lines(path, page)]


def test_the_sentence_says_what_the_prize_is_for(sample):
    sheet = sample.config.output_dir / "print/certificates/dushujie-zhengwen.pdf"
    number = 1 + next(n for n, page in enumerate(pages(sheet)) if any(w.text == "沈若兮" for w in page.words))
    text = "".join(squeezed_lines(sheet, number))
    assert "在第五届读书节征文比赛中，作品《桑桑教会我的事——读〈草房子〉有感》荣获一等奖。" in text
    assert "特发此状，以资鼓励。" in squeezed_lines(sheet, number)  # a line of its own
    assert not any("获奖名单" in "".join(squeezed_lines(sheet, n)) for n in range(1, 10))


def test_an_award_list_may_write_its_own_sentence(sample):
    sheet = sample.config.output_dir / "print/certificates/jiang-gushi-bisai.pdf"
    assert "在第五届读书节低年级讲故事比赛中讲述《小鲤鱼跳龙门》，荣获一等奖。" in "".join(squeezed_lines(sheet, 1))


def test_without_an_activity_the_list_name_loses_its_list_words(sample):
    t = Translations.load(theme_dirs(sample.config), "zh-CN")
    award = award_list("x", "第五届读书节征文比赛获奖名单", dt.date(2026, 11, 25))
    assert str(sentence(award, Winner("甲", "三年级(1)班", "一等奖", None, None), t)).replace('<span class="keep">', "") \
        .replace("</span>", "") == "在第五届读书节征文比赛中荣获一等奖。"
    honour = award_list("y", "2026年秋季优秀学生图书管理员", dt.date(2026, 12, 18))
    assert "被评为" in sentence(honour, Winner("乙", "三年级(1)班", None, None, None), t)


def test_the_name_is_twice_the_body_and_on_its_own_line(sample):
    sheet = sample.config.output_dir / "print/certificates/dushujie-zhengwen.pdf"
    page = next(page for page in pages(sheet) if any(w.text == "沈若兮" for w in page.words))
    name, salute = page.find("沈若兮"), page.find("同学：")
    body = page.find("特发此状，以资鼓励。")
    assert name.height >= 2 * body.height
    assert not [w for w in page.words if w is not name and w is not salute and w.y0 < name.y1 - 5 and w.y1 > name.y0 + 5]


def test_the_title_is_centred_and_the_date_is_in_chinese_numerals_bottom_right(sample):
    sheet = sample.config.output_dir / "print/certificates/dushujie-zhengwen.pdf"
    page = pages(sheet)[0]
    title = [w for w in page.words if w.text in ("奖", "状", "奖状")]
    middle = (min(w.x0 for w in title) + max(w.x1 for w in title)) / 2
    assert abs(middle - page.width / 2) < 1 * MM
    date = page.find("二〇二六年十一月二十五日")
    issuer = page.find("阳光小学图书室、语文教研组")
    assert date.x0 > page.width / 2 and date.y0 > page.height * .7 and issuer.y1 <= date.y0 + 1
    assert "盖章处" in [w.text for w in page.words]


def test_a_class_award_hangs_in_the_classroom(sample):
    sheet = sample.config.output_dir / "print/certificates/yangguang-yuedu-banji.pdf"
    page = pages(sheet)[0]
    class_name = next(w for w in page.words if w.text.endswith("班") and "年级" in w.text)
    body = next(w for w in page.words if "被评为" in w.text or w.text == "被")
    assert class_name.height >= 2 * body.height
    text = "".join(squeezed_lines(sheet, 1))
    assert "同学" not in text and "在2026年秋季阅读班级评比中被评为“阳光阅读班级”。" in text


def test_no_certificate_splits_a_date_a_class_a_title_or_the_closing_words(sample):
    for sheet in (sample.config.output_dir / "print/certificates").glob("*.pdf"):
        assert split_phrases(sheet) == [], sheet.name


def test_english_certificates(project):
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh-CN", "language: en"), encoding="utf-8")
    result = build_project(project, project / "output")
    html = read(result, "print/certificates/guanliyuan.html")
    assert "Certificate of Merit" in html and "for winning" in html and "获奖名单" not in html
    sheet = result.config.output_dir / "print/certificates/guanliyuan.pdf"
    assert "Certificate of Merit" in lines(sheet, 1)  # the title on one line, not spaced over two
    assert any(re.fullmatch(r"28 February 2026", line) for line in lines(sheet, 1))
