"""Any school, from an empty folder: bulletin init, its starter content, and content that fits
schools other than the bundled sample."""
from __future__ import annotations

import datetime as dt

from conftest import build_project, read
from generator.init import School, Semester, default_bands, init_project

SAMPLE_SCHOOL_WORDS = ("阳光", "每班每周轮借一次", "三年级(2)班", "王老师", "沈若兮", "一年级(1)班", "六年级")
JUNIOR = School("青松中学", "图书馆", ("七年级", "八年级"), default_bands(("七年级", "八年级")))


def test_the_semester_is_the_one_today_falls_in():
    assert Semester.of(dt.date(2026, 11, 30)).name == "2026—2027学年第一学期"
    assert Semester.of(dt.date(2027, 1, 10)).first_day == dt.date(2026, 9, 1)
    spring = Semester.of(dt.date(2027, 3, 5))
    assert spring.name == "2026—2027学年第二学期" and spring.first_day == dt.date(2027, 2, 20)
    assert default_bands(tuple("一二三四五六")) == ("低年级", "中年级", "高年级")


def test_a_new_school_builds_from_its_starter_files_with_none_of_the_sample_schools_words(tmp_path):
    written = init_project(tmp_path / "qingsong", JUNIOR, dt.date(2026, 11, 30))
    project = tmp_path / "qingsong"
    assert {p.relative_to(project).parts[1] for p in written if p.parts[-3] == "content" or "content" in p.parts} >= {
        "books", "lists", "calendar", "awards", "writing", "rosters", "stats", "news", "pages", "newsletters"}
    result = build_project(project, project / "output", today=dt.date(2026, 11, 30))
    assert not [p for p in result.problems if p.is_error]
    assert "青松中学图书馆" in read(result, "index.html") and "七年级(1)班" in read(result, "roster/index.html")
    for page in (project / "output").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not [w for w in SAMPLE_SCHOOL_WORDS if w in text], page


def test_init_never_writes_over_a_project(tmp_path):
    init_project(tmp_path, JUNIOR, dt.date(2026, 11, 30))
    try:
        init_project(tmp_path, JUNIOR, dt.date(2026, 11, 30))
    except FileExistsError as exc:
        assert exc.args[0] == tmp_path / "config.yaml"
    else:
        raise AssertionError("a second init went through")


ROSTER = """semester: 学期
grades:
  - grade: 七年级
    classes:
      - class: 七年级(1)班
      - class: 七年级(2)班
rotation:
  - day: 周三
    time: "12:10-12:50"
    classes: [七年级(1)班]
  - day: 周一
    time: "16:00-16:40"
    classes: [七年级(1)班, 七年级(2)班]
  - day: 周五
    time: "16:50-17:30"
    classes: [教师借阅]
"""


def test_a_rotation_slot_may_be_for_teachers_and_a_classs_slots_read_in_weekday_order(project):
    (project / "content/rosters/2026-spring.yaml").write_text(ROSTER, encoding="utf-8")
    for name in ("content/awards/guanliyuan.yaml", "content/stats/2026-03.yaml"):
        (project / name).unlink()  # they name the mini site's classes
    result = build_project(project, project / "output")
    page = read(result, "rotation/index.html")
    assert "教师借阅" in page
    row = page[page.index("<th scope=\"row\">七年级(1)班</th>"):]
    row = row[:row.index("</tr>")]
    assert row.index("周一") < row.index("周三")


def test_a_range_of_school_days_is_not_drawn_on_the_weekend_inside_it(project):
    calendar = project / "content/calendar/2026-spring.yaml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "  - title: 读书周\n    start: 2026-04-06\n    end: 2026-04-17\n",
                        encoding="utf-8")
    result = build_project(project, project / "output")
    semester = result.site.semesters[0]
    april = next(m for m in semester.months if m.first_day == dt.date(2026, 4, 1))
    days = {day.date: [a.title for a in day.activities] for week in april.weeks for day in week}
    assert "读书周" in days[dt.date(2026, 4, 10)] and "读书周" not in days[dt.date(2026, 4, 11)]  # Friday; Saturday
