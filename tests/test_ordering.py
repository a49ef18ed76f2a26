"""Names and titles in pinyin order, and the pinyin a search matches."""
from __future__ import annotations

import pypinyin

from generator.ordering import pinyin_search_terms

# Heteronyms that only the phrase decides, names, mixed scripts, and a long title.
TEXTS = ["西游记", "银行", "行走", "重庆", "重要", "长大", "校长", "吴承恩", "曹文轩", "乐乐的音乐课", "会计",
         "小王子（插图本）", "Harry Potter 与魔法石", "第2册", "朝花夕拾", "朝阳小学", "了不起的狐狸爸爸",
         "中国少年儿童百科全书：植物·动物", "音乐", "快乐", "长城长", "一行白鹭上青天", ""]


def test_search_pinyin_is_what_pypinyin_gives_for_the_whole_text():
    for text in TEXTS:
        whole = pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL, errors="ignore")
        assert pinyin_search_terms(text) == ("".join(whole).lower(), "".join(s[:1] for s in whole).lower()), text


def test_phrases_decide_the_reading():
    assert pinyin_search_terms("银行") == ("yinhang", "yh")
    assert pinyin_search_terms("重庆")[0] == "chongqing"
    assert pinyin_search_terms("西游记") == ("xiyouji", "xyj")
