"""generator/roundtrip.py: set a few fields of a content file and change nothing else, atomically."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from conftest import MINI, ROOT
from generator.roundtrip import EditConflict, NotEditable, create_file, parse_document, read_document, write_atomically

SCAFFOLDED = """---
# 新书介绍 new-book introduction
title: 小王子  # 书名 title（必填 required）
publisher:  # 出版社 publisher（选填 optional）
isbn:  # ISBN（写在引号里）（选填 optional）
tags: []  # 标签 tags（选填 optional）
grade_bands: [中年级]  # 适读年级段
shelved: 2026-11-02  # 上架日期
---

“真正重要的东西，用眼睛是看不见的。”
"""


def every_content_file() -> list[Path]:
    return sorted(p for root in (ROOT / "content", MINI / "content") for p in root.rglob("*")
                  if p.suffix in (".md", ".yaml"))


@pytest.mark.parametrize("path", every_content_file(), ids=lambda p: f"{p.parent.parent.parent.name}/{p.parent.name}/{p.name}")
def test_every_sample_file_reads_and_renders_back_byte_for_byte(path):
    assert read_document(path).render().encode("utf-8") == path.read_bytes()


def test_setting_empty_fields_changes_only_their_lines(tmp_path):
    path = tmp_path / "book.md"
    path.write_text(SCAFFOLDED, encoding="utf-8")
    document = read_document(path)
    assert document.is_empty("publisher") and document.is_empty("tags") and document.is_empty("cover")
    assert not document.is_empty("title")
    document.set("publisher", "人民文学出版社")
    document.set("isbn", "978-7-02-013812-8")
    document.set("tags", ["童话", "外国文学"])
    document.set("cover", "xiaowangzi.png")  # not in the file: added at the end of the front matter
    document.append("grade_bands", "高年级")
    document.write()
    before, after = SCAFFOLDED.splitlines(), path.read_text(encoding="utf-8").splitlines()
    changed = {i for i, (a, b) in enumerate(zip(before[:8], after[:8])) if a != b}
    assert changed == {3, 4, 5, 6}
    assert after[3] == "publisher: 人民文学出版社 # 出版社 publisher（选填 optional）"
    assert after[4] == 'isbn: 978-7-02-013812-8 # ISBN（写在引号里）（选填 optional）'
    assert after[5] == "tags: [童话, 外国文学] # 标签 tags（选填 optional）"
    assert after[6] == "grade_bands: [中年级, 高年级] # 适读年级段"
    assert after[8] == "cover: xiaowangzi.png" and after[9:] == before[8:]  # then ---, the body as it was
    again = read_document(path)
    assert again.get("isbn") == "978-7-02-013812-8" and again.get("shelved") == dt.date(2026, 11, 2)


def test_nested_values_inserted_in_place(tmp_path):
    path = tmp_path / "2026-10.yaml"
    shutil.copy(ROOT / "content/stats/2026-10.yaml", path)
    document = read_document(path)
    document.insert("weeks", 0, dt.date(2026, 10, 5))
    document.insert(("classes", 0, "loans"), 0, 9)
    document.set(("classes", 1, "pupils"), 46)
    document.insert("classes", 0, {"class": "学前班(1)班", "pupils": 30, "loans": [1, 2, 3, 4]})
    text = document.render()
    assert "weeks: [2026-10-05, 2026-10-12, 2026-10-19, 2026-10-26] # Monday of each week" in text
    assert "  - class: 学前班(1)班\n    pupils: 30\n    loans: [1, 2, 3, 4]\n  - class: 一年级(1)班\n    pupils: 44\n    loans: [9, 17, 20, 17]\n" in text
    assert "  - class: 一年级(2)班\n    pupils: 46\n" in text
    assert text.endswith("  - class: 六年级(3)班\n    pupils: 42\n    loans: [13, 14, 15]\n")


def test_windows_line_endings_and_bom_are_kept(tmp_path):
    path = tmp_path / "book.md"
    path.write_bytes(b"\xef\xbb\xbf" + SCAFFOLDED.replace("\n", "\r\n").encode("utf-8"))
    document = read_document(path)
    document.set("publisher", "中华书局")
    document.write()
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert "publisher: 中华书局".encode() in raw


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path):
    path = tmp_path / "book.md"
    path.write_text(SCAFFOLDED, encoding="utf-8")
    document = read_document(path)
    path.write_text(SCAFFOLDED.replace("小王子", "小王子（新版）"), encoding="utf-8")  # the librarian saves meanwhile
    document.set("publisher", "人民文学出版社")
    with pytest.raises(EditConflict):
        document.write()
    assert "小王子（新版）" in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["book.md"]  # no temporary file left behind


@pytest.mark.parametrize("text, reason", [
    ("title: a\n  # odd\nlist:\n -  a\n", "layout"),  # an indentation no candidate writes back
    ("---\ntitle: a\n", "front matter"),
    ("- a\n- b\n", "mapping"),
])
def test_files_it_cannot_write_back_exactly_are_refused(tmp_path, text, reason):
    path = tmp_path / ("x.md" if text.startswith("---") else "x.yaml")
    with pytest.raises(NotEditable, match=reason):
        parse_document(path, text.encode("utf-8"))


def test_gbk_file_is_refused_rather_than_rewritten():
    with pytest.raises(NotEditable, match="UTF-8"):
        parse_document(Path("x.yaml"), "title: 西游记\n".encode("gbk"))


def test_create_file_never_replaces_an_existing_file(tmp_path):
    path = tmp_path / "books" / "new.md"
    create_file(path, "one\n")
    with pytest.raises(FileExistsError):
        create_file(path, "two\n")
    assert path.read_text(encoding="utf-8") == "one\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["new.md"]


def test_create_file_without_hard_links_still_never_replaces(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise PermissionError("no hard links on this disk")
    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "cover.png"
    create_file(path, b"\x89PNG")
    assert path.read_bytes() == b"\x89PNG"
    with pytest.raises(FileExistsError):
        create_file(path, b"other")
    assert path.read_bytes() == b"\x89PNG"


def test_write_atomically_replaces_whole(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    write_atomically(path, "a: 2\n")
    assert path.read_text(encoding="utf-8") == "a: 2\n"
