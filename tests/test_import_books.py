"""`bulletin import books` from end to end: catalogue records and a supplier's list into a project,
built into a site with posters; never over a librarian's work; --update, --dry-run, --covers."""
from __future__ import annotations

import datetime as dt
import re

from pathlib import Path

import pytest
from import_fixtures import by_hand, cnmarc, with_pymarc, xlsx
from PIL import Image

from conftest import build_project, read
from generator.cli import main
from generator.outputs import BuildOptions
from generator.content.books import BOOK
from generator.registry import content_type
from generator.scaffold import scaffold_text

LIST_HEADER = ["序号", "书名", "作者", "出版社", "出版日期", "ISBN", "分类号", "内容简介"]


def catalogue(folder: Path) -> Path:
    """An export of three records: two new books (UTF-8 by pymarc, GB18030 by hand with lengths in
    characters), and 西游记, already on the shelf, under its ISBN-10."""
    path = folder / "新书.iso"
    path.write_bytes(
        with_pymarc([cnmarc("小王子", "[法]圣埃克苏佩里著", isbn="978-7-02-013812-8", publisher="人民文学出版社",
                            year="2018.06", call=("I565.88", "12"), summary="一位飞行员迫降在撒哈拉沙漠。",
                            subjects=("童话",))])
        + by_hand(cnmarc("青铜葵花", "曹文轩著", isbn="978-7-5346-3254-9", charset="0120", clc="I287.45",
                         summary="女孩葵花和男孩青铜的故事。"), "gb18030", "characters")
        + by_hand(cnmarc("西游记", "吴承恩", isbn="7-02-000873-9"), "utf-8"))
    return path


def supplier_list(folder: Path) -> Path:
    return xlsx(folder / "配书清单.xlsx", [
        LIST_HEADER,
        [1, "城南旧事", "林海音", "中国青年出版社", "2010.01", 9787500687656, "I287.45", "英子的童年。"],
        [2, "小王子", "圣埃克苏佩里", "", "", "", "", ""],  # the catalogue's book, by title and author
        [3, "昆虫记", "法布尔", "", "", "", "Q96", ""],
    ], title_rows=[["阳光书店配书清单"]])


def run(project: Path, *args: str) -> int:
    return main(["import", "books", *args, "--config", str(project / "config.yaml")])


def content_of(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "content").rglob("*")) if p.is_file()}


def test_records_and_a_list_become_books_on_the_site_and_on_posters(project, tmp_path, capsys):
    before = set(content_of(project))
    code = run(project, str(catalogue(tmp_path)), str(supplier_list(tmp_path)), "--featured", "--shelved", "2026-03-04")
    out = capsys.readouterr().out
    assert code == 0, out
    made = sorted(set(content_of(project)) - before)
    assert made == ["content/books/cheng-nan-jiu-shi.md", "content/books/kun-chong-ji.md",
                    "content/books/qing-tong-kui-hua.md", "content/books/xiao-wang-zi.md"]
    assert "3 条记录，编码 GB18030（按 100$a 第 26–29 位） ×1、UTF-8（按 100$a 第 26–29 位） ×2" in out
    assert "已有 content/books/xiyouji.md：《西游记》" in out and "ISBN 相同" in out
    assert "已有 content/books/xiao-wang-zi.md：《小王子》" in out and "书名和作者相同" in out
    assert "新建 4，已有 2，补全 0，跳过 0" in out

    result = build_project(project, tmp_path / "output", options=BuildOptions(pdf=False))
    assert [p for p in result.problems if p.file in made] == []  # (the mini site's own books warn of their hostile markup)
    page = read(result, "books/qing-tong-kui-hua/index.html")
    assert "青铜葵花" in page and "女孩葵花和男孩青铜的故事。" in page and "I287.45" in page
    assert "2026年3月4日" in page
    assert "城南旧事" in read(result, "books/index.html")
    poster = read(result, "print/posters/xiao-wang-zi.html")
    words = re.sub(r"<[^>]+>|\s", "", poster)  # the introduction is set justified: a space between characters
    assert "小王子" in words and "一位飞行员迫降在撒哈拉沙漠。" in words and "I565.88/12" in words


def test_a_new_book_file_looks_like_bulletin_new_book(project, tmp_path):
    run(project, str(catalogue(tmp_path)), "--shelved", "2026-03-04")
    text = (project / "content/books/xiao-wang-zi.md").read_text(encoding="utf-8")
    lines = text.split("---\n")[1].splitlines()
    made_by_new = scaffold_text(content_type("books"), "小王子", dt.date(2026, 3, 4)).split("---\n")[1].splitlines()
    assert lines[:2] == made_by_new[:2] == [f"# {BOOK.help}", made_by_new[1]]  # the same header and note
    assert [line.split(":")[0] for line in lines[2:]] == [f.name for f in BOOK.fields]
    assert [line.split("#", 1)[1] for line in lines[2:]] == [line.split("#", 1)[1] for line in made_by_new[2:]]
    assert lines[2].startswith("title: 小王子  # 书名 title")
    assert lines[6].startswith("isbn: 978-7-02-013812-8  #")
    assert lines[10].startswith("audience: []  #")  # left empty: pupils, as the comment says
    assert lines[11].startswith("tags: [童话]  #")
    assert text.endswith("---\n\n一位飞行员迫降在撒哈拉沙漠。\n")


def test_importing_twice_creates_nothing(project, tmp_path, capsys):
    files = [str(catalogue(tmp_path)), str(supplier_list(tmp_path))]
    run(project, *files)
    first = content_of(project)
    capsys.readouterr()
    assert run(project, *files) == 0
    assert content_of(project) == first
    assert "新建 0，已有 6，补全 0，跳过 0" in capsys.readouterr().out


def test_a_book_the_librarian_edited_is_not_overwritten(project, tmp_path, capsys):
    marc = str(catalogue(tmp_path))
    run(project, marc)
    book = project / "content/books/xiao-wang-zi.md"
    edited = book.read_text(encoding="utf-8").replace("一位飞行员迫降在撒哈拉沙漠。", "王老师的推荐语。") \
        .replace("publisher: 人民文学出版社", "publisher: 人民文学出版社（2018 新版）")
    book.write_text(edited, encoding="utf-8")
    assert run(project, marc) == 0
    assert book.read_text(encoding="utf-8") == edited
    assert run(project, marc, "--update") == 0
    assert book.read_text(encoding="utf-8") == edited  # nothing was empty: nothing filled


def test_update_fills_only_the_empty_fields_and_changes_nothing_else(project, tmp_path, capsys):
    path = tmp_path / "caofangzi.iso"
    path.write_bytes(with_pymarc([cnmarc("草房子", "曹文轩著", isbn="978-7-5346-2906-8", publisher="江苏少年儿童出版社",
                                         year="2016", clc="I287.45", summary="另一段简介。", subjects=("成长",))]))
    book = project / "content/books/caofangzi.md"
    before = book.read_text(encoding="utf-8").splitlines()
    assert run(project, str(path), "--update") == 0
    after = book.read_text(encoding="utf-8").splitlines()
    # call_number, grade bands and the introduction were the librarian's: kept as they were
    assert after == before[:6] + ['publisher: 江苏少年儿童出版社', 'year: 2016', 'isbn: "978-7-5346-2906-8"',
                                  "tags: [成长]"] + before[6:]
    assert "补全 content/books/caofangzi.md：publisher、year、isbn、tags" in capsys.readouterr().out


def test_dry_run_writes_nothing_and_says_what_it_would_do(project, tmp_path, capsys):
    before = content_of(project)
    assert run(project, str(catalogue(tmp_path)), "--dry-run") == 0
    out = capsys.readouterr().out
    assert content_of(project) == before
    assert "新书 content/books/xiao-wang-zi.md：《小王子》" in out and "试运行" in out


def test_covers_matched_by_isbn_or_title_are_copied_beside_the_books(project, tmp_path, capsys):
    covers = tmp_path / "covers"
    covers.mkdir()
    Image.new("RGB", (30, 40), "red").save(covers / "9787020138128.png")  # 小王子, by ISBN
    Image.new("RGB", (30, 40), "blue").save(covers / "青铜葵花.jpg")  # by title
    (covers / "城南旧事.png").write_bytes(b"not a picture")
    assert run(project, str(catalogue(tmp_path)), str(supplier_list(tmp_path)), "--covers", str(covers)) == 0
    assert "cover: xiao-wang-zi.png" in (project / "content/books/xiao-wang-zi.md").read_text(encoding="utf-8")
    assert "cover: qing-tong-kui-hua.jpg" in (project / "content/books/qing-tong-kui-hua.md").read_text(encoding="utf-8")
    assert (project / "content/images/xiao-wang-zi.png").read_bytes() == (covers / "9787020138128.png").read_bytes()
    assert "cover:  #" in (project / "content/books/cheng-nan-jiu-shi.md").read_text(encoding="utf-8")
    assert "封面“城南旧事.png”打不开" in capsys.readouterr().err
    result = build_project(project, tmp_path / "output", options=BuildOptions(pdf=False))
    cover = next(b for b in result.site.books if b.slug == "xiao-wang-zi").cover_image
    assert cover.source == project / "content/images/xiao-wang-zi.png"
    assert f'src="../../{cover.src(360)}"' in read(result, "books/xiao-wang-zi/index.html")


def test_a_taken_file_name_gets_a_number(project, tmp_path):
    (project / "content/books/xiao-wang-zi.md").write_text(
        "---\ntitle: 小王子\nauthor: 另一位作者\nshelved: 2026-01-01\n---\n", encoding="utf-8")
    run(project, str(catalogue(tmp_path)))
    assert "圣埃克苏佩里" in (project / "content/books/xiao-wang-zi-2.md").read_text(encoding="utf-8")


def test_an_unreadable_record_is_reported_and_the_rest_imported(project, tmp_path, capsys):
    path = tmp_path / "mixed.iso"
    good = by_hand(cnmarc("稻草人", "叶圣陶著"), "utf-8")
    path.write_bytes(good + b"00042nam  22000251  450 \x1e\x1d" + by_hand(cnmarc("寄小读者", "冰心著"), "utf-8"))
    assert run(project, str(path)) == 1
    assert (project / "content/books/dao-cao-ren.md").is_file() and (project / "content/books/ji-xiao-du-zhe.md").is_file()
    err = capsys.readouterr().err
    assert f"{path}:2: 错误: 这条 CNMARC 记录的结构坏了" in err


@pytest.mark.parametrize("args, said", [(["nosuch.iso"], "找不到要导入的文件"),
                                        (["{list}", "--covers", "nosuch"], "封面文件夹不存在")])
def test_a_mistyped_command_exits_2(project, tmp_path, args, said, capsys):
    listed = str(supplier_list(tmp_path))
    assert run(project, *[a.format(list=listed) for a in args]) == 2
    assert said in capsys.readouterr().err


def test_a_book_saved_while_the_import_runs_is_not_written(project, tmp_path, monkeypatch, capsys):
    from generator.importers import books
    from generator.roundtrip import read_document
    book = project / "content/books/caofangzi.md"
    saved = book.read_text(encoding="utf-8").replace("桑桑", "桑桑和纸月")

    def read_then_the_librarian_saves(path):
        document = read_document(path)
        path.write_text(saved, encoding="utf-8")
        return document
    monkeypatch.setattr(books, "read_document", read_then_the_librarian_saves)
    path = tmp_path / "c.iso"
    path.write_bytes(with_pymarc([cnmarc("草房子", "曹文轩", isbn="978-7-5346-2906-8")]))
    assert run(project, str(path), "--update") == 1
    assert book.read_text(encoding="utf-8") == saved
    assert "content/books/caofangzi.md: 错误: 导入的同时这个文件被修改过了" in capsys.readouterr().err
