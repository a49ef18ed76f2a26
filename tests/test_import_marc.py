"""Reading CNMARC (ISO 2709) records: fields, encodings, and damaged records among good ones."""
from __future__ import annotations

from import_fixtures import _field, by_hand, cnmarc, with_pymarc

from generator.importers import encoding
from generator.importers.marc import looks_like_marc, read_marc
from generator.problems import Problems

XIAOWANGZI = cnmarc("小王子", "[法]圣埃克苏佩里著", isbn="978-7-02-013812-8", publisher="人民文学出版社", year="2018.06",
                    clc="I565.88", call=("I565.88", "12"), summary="一位飞行员迫降在撒哈拉沙漠。\n他遇到了小王子。",
                    subjects=("童话", "中篇小说", "童话"))


def read(raw: bytes) -> tuple[list, Problems, object]:
    problems = Problems()
    found = read_marc(raw, "new.iso", problems)
    return found.books, problems, found


def test_fields_of_a_utf8_record_written_by_pymarc():
    books, problems, found = read(with_pymarc([XIAOWANGZI]))
    assert problems == [] and found.records == 1
    assert books[0].values == {
        "title": "小王子", "author": "[法]圣埃克苏佩里著", "publisher": "人民文学出版社", "year": 2018,
        "isbn": "978-7-02-013812-8", "call_number": "I565.88/12", "tags": ["童话", "中篇小说"],
    }
    assert books[0].summary == "一位飞行员迫降在撒哈拉沙漠。\n\n他遇到了小王子。"
    assert (books[0].file, books[0].line) == ("new.iso", 1)
    assert found.encodings == {(encoding.UTF8, "100$a"): 1}


def test_gb18030_records_with_lengths_counted_in_characters_are_read_whole():
    # The vendor counted characters: every length and offset after the first Chinese one is short
    raw = b"".join(by_hand(cnmarc(title, "曹文轩著", charset="0120", summary="油麻地" * 20), "gb18030", "characters")
                   for title in ("草房子", "青铜葵花", "细米"))
    books, problems, found = read(raw)
    assert problems == []
    assert [b.values["title"] for b in books] == ["草房子", "青铜葵花", "细米"]
    assert books[2].summary == "油麻地" * 20
    assert found.encodings == {(encoding.GB, "100$a"): 3}


def test_encoding_is_sniffed_when_100a_is_missing_or_wrong():
    no_100 = by_hand(cnmarc("城南旧事", "林海音著", charset=None), "gb18030")
    says_unicode = by_hand(cnmarc("呼兰河传", "萧红著", charset="50  "), "gb18030")  # mislabelled
    utf8_no_100 = by_hand(cnmarc("骆驼祥子", "老舍著", charset=None), "utf-8")
    books, problems, found = read(no_100 + says_unicode + utf8_no_100)
    assert problems == []
    assert [b.values["author"] for b in books] == ["林海音著", "萧红著", "老舍著"]
    assert found.encodings == {(encoding.GB, "sniffed"): 2, (encoding.UTF8, "sniffed"): 1}


def test_a_damaged_record_is_reported_by_number_and_the_rest_are_imported():
    good = [by_hand(cnmarc(t, "作者著"), "utf-8") for t in ("一", "二", "三")]
    broken = good[1][:30] + b"garbage" + good[1][60:]  # its directory torn
    books, problems, _ = read(good[0] + broken + good[2])
    assert [b.values["title"] for b in books] == ["一", "三"]
    assert [(p.code, p.line) for p in problems] == [("import_record_unreadable", 2)]


def test_a_record_in_neither_encoding_is_skipped():
    big5 = by_hand(cnmarc("西遊記", "吳承恩著", charset=None), "big5")
    books, problems, _ = read(big5 + by_hand(cnmarc("水浒传", "施耐庵著"), "utf-8"))
    assert [b.values["title"] for b in books] == ["水浒传"]
    assert [(p.code, p.line) for p in problems] == [("import_record_encoding", 1)]


def test_subtitle_part_and_fallback_author():
    record = [_field("200", ("a", "哈利·波特"), ("e", "魔法石"), ("h", "第1册")),
              _field("701", ("a", "罗琳"), ("4", "著")), _field("702", ("a", "苏农"), ("4", "译"))]
    books, problems, _ = read(with_pymarc([record]))
    assert problems == []
    assert books[0].values["title"] == "哈利·波特：魔法石 第1册"
    assert books[0].values["author"] == "罗琳"  # 701$a, before 702; the role in $4 is left out


def test_cancelled_isbn_and_pinyin_subfields_are_ignored():
    record = cnmarc("稻草人", "叶圣陶著", extra=[_field("010", ("z", "7-5007-0000-0"))])
    books, _, _ = read(with_pymarc([record]))
    assert "isbn" not in books[0].values
    assert books[0].values["title"] == "稻草人"  # not 稻草人pinyinPINYIN


def test_wrong_isbn_and_call_number_are_left_out_with_a_warning():
    record = cnmarc("昆虫记", "法布尔著", isbn="978-7-02-013812-9", clc="昆虫", year="c2007年")
    books, problems, _ = read(with_pymarc([record]))
    assert books[0].values["year"] == 2007
    assert "isbn" not in books[0].values and "call_number" not in books[0].values
    assert sorted((p.code, p.is_error) for p in problems) == [("import_bad_call_number", False), ("import_bad_isbn", False)]


def test_a_record_without_a_title_is_an_error_and_skipped():
    books, problems, found = read(with_pymarc([cnmarc("", "某人著"), XIAOWANGZI]))
    assert [b.values["title"] for b in books] == ["小王子"] and found.records == 2
    assert [(p.code, p.line) for p in problems] == [("import_record_incomplete", 1)]


def test_files_are_told_apart_by_their_first_bytes():
    assert looks_like_marc(with_pymarc([XIAOWANGZI]))
    assert looks_like_marc(b"\r\n" + by_hand(XIAOWANGZI, "gb18030"))
    assert not looks_like_marc("题名,作者\n小王子,圣埃克苏佩里\n".encode("utf-8"))
    assert not looks_like_marc(b"PK\x03\x04" + b"\0" * 40)
