"""`bulletin import loans`: a per-class report or a circulation log -> the month's statistics file,
whose page then shows the report's figures. The mini project: roster 一年级(1)班, 三年级(1)班,
三年级(2)班; content/stats/2026-03.yaml has the weeks of 3 and 9 March."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_fixtures import csv_bytes, xlsx

from conftest import build_project, read
from generator.cli import main
from generator.outputs import BuildOptions

STATS = "content/stats/2026-03.yaml"


def run(project: Path, *args: str) -> int:
    return main(["import", "loans", *args, "--config", str(project / "config.yaml")])


def report(folder: Path, rows: list[list], name: str = "借阅统计.xlsx") -> Path:
    return xlsx(folder / name, [["部门", "借阅量（册）"], *rows],
                title_rows=[["读者借阅统计（按部门）"], ["统计时间：2026-03-16 至 2026-03-20"]])


def row_of(html: str, class_name: str, *figures: int) -> str:
    return f'<th scope="row">{class_name}</th>' + "".join(f"<td>{n}</td>" for n in figures)


def test_a_per_class_report_becomes_the_weeks_figures_on_the_statistics_page(project, tmp_path, capsys):
    path = report(tmp_path, [["三年级2班", 31], ["3年级(1)班", 12], ["一年级（1）班", 7], ["三年级小计", 43], ["合计", 50]])
    before = (project / STATS).read_text(encoding="utf-8")
    assert run(project, str(path), "--week", "2026-03-16") == 0
    out = capsys.readouterr().out
    assert "写入 content/stats/2026-03.yaml：2026-03-16 这一周，3 个班" in out
    assert "新建 1，已有 0，补全 0，跳过 0" in out
    after = (project / STATS).read_text(encoding="utf-8")
    assert after == before.replace("2026-03-09]", "2026-03-09, 2026-03-16]").replace("[200, 250]", "[200, 250, 31]") \
        .replace("[5, 10]", "[5, 10, 7]").replace("[200, 260]", "[200, 260, 12]")
    page = read(build_project(project, tmp_path / "output", options=BuildOptions(pdf=False)), "stats/2026-03/index.html")
    assert "3月16日起一周" in page
    for figures in (("三年级(2)班", 200, 250, 31, 481), ("三年级(1)班", 200, 260, 12, 472), ("一年级(1)班", 5, 10, 7, 22)):
        assert row_of(page, *figures) in page
    assert '<th scope="row">合计</th><td>405</td><td>520</td><td>50</td><td>975</td>' in page


def test_a_circulation_log_is_counted_by_class_and_week_without_names_or_card_numbers(project, tmp_path, capsys):
    loans = [("三年级(2)班", "2026-04-06 10:01:02"), ("三年级(2)班", "2026/04/07"), ("三年级(1)班", "2026年4月10日"),
             ("三年级(2)班", "2026-04-13"), ("一年级(1)班", "2026-04-19 16:00"), ("教工", "2026-04-08")]
    rows = [["借阅证号", "读者姓名", "读者单位", "题名", "借书日期"]]
    rows += [[f"S2026{i:04d}", f"王小{'明红刚丽强芳'[i]}", klass, "西游记", day] for i, (klass, day) in enumerate(loans)]
    path = tmp_path / "流水.csv"
    path.write_bytes(csv_bytes(rows, "gbk"))
    assert run(project, str(path)) == 0
    text = (project / "content/stats/2026-04.yaml").read_text(encoding="utf-8")
    assert "weeks: [2026-04-06, 2026-04-13]" in text
    assert "  - class: 三年级(2)班\n    pupils: 40\n    loans: [2, 1]\n" in text
    assert "  - class: 一年级(1)班\n    pupils: 30\n    loans: [0, 1]\n" in text
    assert "  - class: 三年级(1)班\n    pupils: 40\n    loans: [1, 0]\n" in text
    every_file = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (project / "content").rglob("*.*"))
    assert "王小" not in every_file and "S2026" not in every_file
    assert "“教工”不在当前的图书管理员名单" in capsys.readouterr().err
    page = read(build_project(project, tmp_path / "output", options=BuildOptions(pdf=False)), "stats/2026-04/index.html")
    assert row_of(page, "三年级(2)班", 2, 1, 3) in page


def test_a_log_with_week_counts_only_that_week(project, tmp_path, capsys):
    path = xlsx(tmp_path / "log.xlsx", [["班级", "借阅时间"], ["三年级(2)班", dt.datetime(2026, 3, 23, 9, 30)],
                                         ["三年级(2)班", dt.datetime(2026, 3, 24, 9, 30)], ["三年级(2)班", dt.date(2026, 3, 30)]])
    assert run(project, str(path), "--week", "2026-03-23") == 0
    assert "loans: [200, 250, 2]" in (project / STATS).read_text(encoding="utf-8")
    assert "其中 1 条不在 --week 那一周" in capsys.readouterr().out


def test_a_week_already_there_is_kept_unless_replace(project, tmp_path, capsys):
    path = report(tmp_path, [["三年级(2)班", 99], ["三年级(1)班", 98], ["一年级(1)班", 97]])
    before = (project / STATS).read_text(encoding="utf-8")
    assert run(project, str(path), "--week", "2026-03-09") == 0
    assert (project / STATS).read_text(encoding="utf-8") == before
    assert "已经有 2026-03-09 这一周的数字" in capsys.readouterr().err
    assert run(project, str(path), "--week", "2026-03-09", "--replace") == 0
    after = (project / STATS).read_text(encoding="utf-8")
    assert after == before.replace("[200, 250]", "[200, 99]").replace("[5, 10]", "[5, 97]").replace("[200, 260]", "[200, 98]")
    assert "替换 content/stats/2026-03.yaml：2026-03-09 这一周，3 个班" in capsys.readouterr().out


def test_a_near_miss_gets_a_did_you_mean_and_is_not_counted(project, tmp_path, capsys):
    path = report(tmp_path, [["三年级(2)班", 5], ["一年纪(1)班", 7]])
    assert run(project, str(path), "--week", "2026-03-16") == 0
    assert "loans: [5, 10, 0]" in (project / STATS).read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "“一年纪(1)班”不在名单上" in err and "是不是“一年级(1)班”？" in err


def test_a_class_with_no_pupils_is_named_with_the_lines_to_add(project, tmp_path, capsys):
    roster = project / "content/rosters/2026-spring.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace(
        "        assistants: [{name: 李娜}]\n", "        assistants: [{name: 李娜}]\n      - class: 一年级(2)班\n"), encoding="utf-8")
    path = report(tmp_path, [["一年级(2)班", 8], ["一年级(1)班", 4]])
    assert run(project, str(path), "--week", "2026-04-06") == 0
    text = (project / "content/stats/2026-04.yaml").read_text(encoding="utf-8")
    assert "一年级(1)班" in text and "一年级(2)班" not in text
    err = capsys.readouterr().err
    assert "一年级(2)班 还没有班级人数" in err and "loans: [8]" in err


def test_a_per_class_report_needs_a_monday(project, tmp_path, capsys):
    path = report(tmp_path, [["三年级(2)班", 5]])
    assert run(project, str(path)) == 2
    assert "需要说明是哪一周的" in capsys.readouterr().err
    assert run(project, str(path), "--week", "2026-03-18") == 2
    assert "--week 2026-03-16" in capsys.readouterr().err


def test_dry_run_writes_nothing(project, tmp_path, capsys):
    before = (project / STATS).read_bytes()
    assert run(project, str(report(tmp_path, [["三年级(2)班", 5]])), "--week", "2026-03-16", "--dry-run") == 0
    assert (project / STATS).read_bytes() == before and not (project / "content/stats/2026-04.yaml").exists()
    assert "试运行" in capsys.readouterr().out


def test_content_with_errors_must_be_fixed_first(project, tmp_path, capsys):
    (project / "content/books/broken.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert run(project, str(report(tmp_path, [["三年级(2)班", 5]])), "--week", "2026-03-16") == 1
    assert "先改正它们" in capsys.readouterr().out


@pytest.mark.parametrize("cell, counted", [("12", 12), ("12册", 12), (12.0, 12)])
def test_counts_as_reports_write_them(project, tmp_path, cell, counted):
    assert run(project, str(report(tmp_path, [["三年级(2)班", cell]])), "--week", "2026-03-16") == 0
    assert f"loans: [200, 250, {counted}]" in (project / STATS).read_text(encoding="utf-8")
