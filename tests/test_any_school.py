"""Any school, from an empty folder: bulletin init, its starter content, and content that fits
schools other than the bundled sample."""
from __future__ import annotations

import datetime as dt
import re

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
    rows = [re.sub(r"<[^>]+>", "", row) for row in page.split("<tr>")]
    row = next(r for r in rows if r.startswith("七年级(1)班"))
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


# --- from the command line ----------------------------------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

from generator.cli import main  # noqa: E402
from generator.registry import content_types  # noqa: E402


def bulletin(*args, cwd, stdin=subprocess.DEVNULL):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", stdin=stdin)


def test_a_school_starts_fills_and_builds_its_site_with_options_only(tmp_path, monkeypatch):
    """The issue's whole flow: init with options only, new of every type, check names every unfilled
    required field at its line, fill them, build a complete site and PDFs with none of the sample's words."""
    done = bulletin("init", "qingsong", "--school", "青松中学", "--library", "图书馆", "--grades", "七年级,八年级",
                    "--language", "zh-CN", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "cd qingsong" in done.stdout and "bulletin build" in done.stdout
    project = tmp_path / "qingsong"
    config = (project / "config.yaml").read_text(encoding="utf-8")
    assert "title: 青松中学图书馆" in config and "grade_bands: [七年级, 八年级]" in config and "# " in config
    monkeypatch.chdir(project / "content")  # a sub-folder: config.yaml is found above
    for content_type in content_types():
        title = "2026-04" if content_type.name == "stats" else "读书月"
        assert main(["new", content_type.command, title]) == 0, content_type.name
    checked = bulletin("check", cwd=project)
    assert checked.returncode == 1 and "没有发布" not in checked.stdout + checked.stderr
    assert "bulletin check" in checked.stdout
    unfilled = [line for line in checked.stderr.splitlines() if "还没有填" in line]
    assert len(unfilled) >= 10 and all(line.split(":")[1].isdigit() for line in unfilled)  # file:line
    fill(project, checked.stderr)
    checked = bulletin("check", cwd=project)
    fill(project, checked.stderr)  # a list's item and an award's winner: named once their entry has fields
    built = bulletin("build", cwd=project)
    assert built.returncode == 0, built.stderr
    pdfs = list((project / "output/print").rglob("*.pdf"))
    assert pdfs
    words = [subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout for pdf in pdfs]
    assert "青松中学" in "".join(words)
    pages = [p.read_text(encoding="utf-8") for p in (project / "output").rglob("*.html")]
    assert not [w for w in SAMPLE_SCHOOL_WORDS for text in pages + words if w in text]


VALUES = {"date": "2026-11-30", "time": '"12:10-12:50"', "day": "周一", "classes": "[七年级(1)班]", "class": "七年级(1)班",
          "grade": "七年级", "weeks": "[2026-04-06]", "loans": "[5]", "pupils": "40", "number": "2", "first_day": "2026-09-01",
          "last_day": "2027-01-20", "month": "2026-04"}


def fill(project, report: str) -> None:
    """Write a value after each field the report says is empty (or, for a list's item and an award's
    winner, after the entry's title or name), as the librarian would in a text editor."""
    for line in report.splitlines():
        where, _, message = line.partition(": 错误: ")
        if not message:
            continue
        name, number = where.rsplit(":", 1)
        path = project / name
        lines = path.read_text(encoding="utf-8").split("\n")
        index = int(number) - 1
        if "还没有填" in message:
            field = message.split("“")[1].split("”")[0]
        else:  # list_item_needs_title, winner_needs_name, activity_when: the entry's line
            field = "title" if "title" in message else "date" if "date、start" in message else "name"
            index = next(i for i in range(index, len(lines)) if lines[i].lstrip(" -").startswith(field + ":"))
        key = lines[index].partition(":")[0]
        comment = lines[index][lines[index].index("#"):] if "#" in lines[index] else ""
        lines[index] = f"{key}: {VALUES.get(field, '示例')}  {comment}"
        path.write_text("\n".join(lines), encoding="utf-8")


def test_init_without_a_terminal_says_what_is_missing(tmp_path):
    done = bulletin("init", "x", "--school", "青松中学", cwd=tmp_path)
    assert done.returncode == 2 and "--grades" in done.stderr and not (tmp_path / "x").exists()


def test_init_refuses_a_folder_that_has_a_site(tmp_path):
    (tmp_path / "config.yaml").write_text("site: {title: 我的}\n", encoding="utf-8")
    done = bulletin("init", "--school", "青松中学", "--grades", "七年级", cwd=tmp_path)
    assert done.returncode == 1 and "已经存在" in done.stderr
    assert (tmp_path / "config.yaml").read_text(encoding="utf-8") == "site: {title: 我的}\n"


def test_init_asks_in_a_terminal(tmp_path):
    answers = "青松中学\n七年级，八年级\n\n"
    done = subprocess.run([sys.executable, "-c", "import sys; sys.stdin.isatty = lambda: True; "
                           "from generator.cli import main; sys.exit(main(['init', 'site']))"],
                          cwd=tmp_path, input=answers, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert "学校名称" in done.stdout
    assert "library: 图书室" in (tmp_path / "site/config.yaml").read_text(encoding="utf-8")


def test_bulletin_finds_config_yaml_in_a_folder_above_or_says_where_it_looked(project, tmp_path):
    assert bulletin("check", cwd=project / "content/books").returncode == 0
    nowhere = tmp_path / "empty" / "inner"
    nowhere.mkdir(parents=True)
    done = bulletin("build", cwd=nowhere)
    assert done.returncode == 1 and str(nowhere) in done.stderr and "bulletin init" in done.stderr


def test_version_and_help_in_the_sites_language(project):
    assert bulletin("--version", cwd=project).stdout.startswith("bulletin ")
    assert "用法" in bulletin("build", "--help", cwd=project).stdout
    assert "不能是" in bulletin("new", "bok", "x", cwd=project).stderr  # argparse's own words too
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh-CN", "language: en"), encoding="utf-8")
    shown = bulletin("build", "--help", cwd=project).stdout
    assert "usage:" in shown and "treat warnings as errors" in shown


def test_an_english_school_gets_english_starters(tmp_path):
    school = School("Green Pine School", "Library", ("Year 7", "Year 8"), ("Year 7", "Year 8"), "en")
    init_project(tmp_path, school, dt.date(2026, 11, 30))
    assert "language: en" in (tmp_path / "config.yaml").read_text(encoding="utf-8")
    result = build_project(tmp_path, tmp_path / "output", today=dt.date(2026, 11, 30))
    assert not [p for p in result.problems if p.is_error]
    roster = read(result, "roster/index.html")
    assert "Year 7A" in roster and "2026–2027, first semester" in roster
    assert "The Secret Garden" in read(result, "index.html")


def test_a_picture_in_a_text_beside_its_file_or_in_images_shows_on_its_page(project):
    from PIL import Image
    Image.new("RGB", (40, 30), "orange").save(project / "content/news/huodong.jpg")
    (project / "content/images").mkdir()
    Image.new("RGB", (40, 30), "green").save(project / "content/images/shujia.png")
    news = project / "content/news/2026-03-01-kaixue.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n![活动照片](huodong.jpg)\n\n![书架](shujia.png)\n", encoding="utf-8")
    result = build_project(project, project / "output")
    page = read(result, "news/2026-03-01-kaixue/index.html")
    assert 'src="../../images/news/huodong.jpg"' in page and 'src="../../images/shujia.png"' in page
    assert (project / "output/images/news/huodong.jpg").is_file() and (project / "output/images/shujia.png").is_file()
    assert not [p for p in result.problems if p.code == "text_picture_missing"]


def test_the_rotation_reads_morning_before_afternoon(project):
    roster = project / "content/rosters/2026-spring.yaml"
    roster.write_text(roster.read_text(encoding="utf-8") + '  - day: 周二\n    time: "8:00-8:40"\n    classes: [教师借阅]\n',
                      encoding="utf-8")
    result = build_project(project, project / "output")
    assert result.site.roster.rotation_times[0] == "8:00–8:40"
