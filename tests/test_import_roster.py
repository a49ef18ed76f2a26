"""`bulletin import roster`: a class list from the school office -> the roster (a new file, or
merged into the current one without touching what the librarian wrote)."""
from __future__ import annotations

from pathlib import Path

from import_fixtures import html_xls, xlsx

from conftest import MINI, build_project, read
from generator.cli import main
from generator.outputs import BuildOptions
from generator.roundtrip import read_document

ROSTER = "content/rosters/2026-spring.yaml"
CLASS_LIST = [
    ["年级", "班级", "图书管理员", "职务"],
    ["一年级", "1班", "李娜", "组长"],
    ["一年级", "2班", "王芳", "组长"],
    ["一年级", "2班", "赵强", ""],
    ["二年级", "(1)班", "孙丽、周杰", ""],
    ["3", "2", "张伟", ""],
]


def run(project: Path, *args: str) -> int:
    return main(["import", "roster", *args, "--config", str(project / "config.yaml")])


def class_list(folder: Path, rows: list[list] = CLASS_LIST) -> Path:
    return xlsx(folder / "各班图书管理员.xlsx", rows, title_rows=[["2025—2026学年第二学期各班图书管理员名单"]])


def test_a_class_list_becomes_the_roster_of_a_project_without_one(project, tmp_path, capsys):
    (project / ROSTER).unlink()
    (project / "content/stats/2026-03.yaml").unlink()  # its classes would be checked against the roster
    assert run(project, str(class_list(tmp_path))) == 0
    text = (project / ROSTER).read_text(encoding="utf-8")
    assert text.startswith("# 各班图书管理员名单与借阅轮流表 roster and rotation\nsemester: 2025—2026学年第二学期  # 学期名称 semester\n")
    assert ("  - grade: 一年级\n    classes:\n      - class: 一年级(1)班\n        assistants:\n          - name: 李娜\n"
            "            role: 组长\n      - class: 一年级(2)班\n        assistants:\n          - name: 王芳\n"
            "            role: 组长\n          - name: 赵强\n  - grade: 二年级\n") in text
    assert "      - class: 二年级(1)班\n        assistants:\n          - name: 孙丽\n          - name: 周杰\n" in text
    assert "      - class: 三年级(2)班\n" in text
    assert "新建 4，已有 0，补全 0，跳过 0" in capsys.readouterr().out
    result = build_project(project, tmp_path / "output", options=BuildOptions(pdf=False))
    page = read(result, "roster/index.html")
    assert all(name in page for name in ("一年级(2)班", "王芳", "赵强", "二年级(1)班", "周杰", "三年级(2)班", "张伟"))


def test_merged_into_the_current_roster_changing_nothing_the_librarian_wrote(project, tmp_path, capsys):
    before = (project / ROSTER).read_text(encoding="utf-8")
    assert run(project, str(class_list(tmp_path))) == 0
    after = (project / ROSTER).read_text(encoding="utf-8")
    assert after == before.replace(
        "        assistants: [{name: 李娜}]\n",
        "        assistants: [{name: 李娜}]\n      - class: 一年级(2)班\n        assistants:\n          - name: 王芳\n"
        "            role: 组长\n          - name: 赵强\n  - grade: 二年级\n    classes:\n      - class: 二年级(1)班\n"
        "        assistants:\n          - name: 孙丽\n          - name: 周杰\n")
    out, err = capsys.readouterr()
    assert "已有 content/rosters/2026-spring.yaml：三年级(2)班" in out
    assert "名单上 三年级(2)班 已经有图书管理员" in err  # 张伟, 安然, 白雪 kept
    assert run(project, str(class_list(tmp_path)), "--replace") == 0
    replaced = read_document(project / ROSTER)
    assert [p["name"] for p in replaced.get(("grades", 0, "classes", 0, "assistants"))] == ["张伟"]
    assert replaced.get("rotation") == read_document(MINI / ROSTER).get("rotation")


def test_semester_names_a_new_roster_beside_the_old(project, tmp_path):
    assert run(project, str(class_list(tmp_path)), "--semester", "2026—2027学年第一学期") == 0
    created = read_document(project / "content/rosters/2026-autumn.yaml")
    assert created.get("semester") == "2026—2027学年第一学期"
    assert (project / ROSTER).read_text(encoding="utf-8") == (MINI / ROSTER).read_text(encoding="utf-8")


def test_a_class_that_cannot_be_told_is_an_error_and_the_rest_imported(project, tmp_path, capsys):
    path = tmp_path / "list.xls"
    path.write_bytes(html_xls([["班级", "姓名"], ["一年级(1)班", "李娜"], ["兴趣小组", "钱多"], ["三年级(1)班", "陈晨"]]))
    assert run(project, str(path)) == 1
    assert f"{path}:3: 错误: “兴趣小组”看不出是哪个年级哪个班" in capsys.readouterr().err
    assert "钱多" not in (project / ROSTER).read_text(encoding="utf-8")


def test_dry_run_writes_nothing(project, tmp_path):
    before = (project / ROSTER).read_bytes()
    assert run(project, str(class_list(tmp_path)), "--dry-run") == 0
    assert (project / ROSTER).read_bytes() == before
