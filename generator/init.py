"""`bulletin init`: start a school's project in an empty folder, from the few facts a school gives.

It writes config.yaml and, for every registered content type, its starter files: the templates
under generator/starter/<language>/, filled with the school's name, grades and classes and this
semester's dates (never the bundled sample school's). Nothing is overwritten: a folder that
already has a config.yaml is refused.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.registry import content_types
from generator.scaffold import write_new

STARTER = Path(__file__).with_name("starter")
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五")


@dataclass(frozen=True)
class School:
    school: str  # 青松中学
    library: str  # 图书馆
    grades: tuple[str, ...]  # 七年级, 八年级, 九年级
    bands: tuple[str, ...]  # the grade bands books are marked with
    language: str = "zh-CN"

    @property
    def title(self) -> str:
        return f"{self.school}{self.library}"

    def classes_of(self, grade: str) -> tuple[str, str]:
        """The starter roster's two classes of a grade, as its language names them: 七年级(1)班, Year 7A."""
        if self.language == "zh-CN":
            return f"{grade}(1)班", f"{grade}(2)班"
        return f"{grade}A", f"{grade}B"

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(name for grade in self.grades for name in self.classes_of(grade))


def default_bands(grades: tuple[str, ...]) -> tuple[str, ...]:
    """A primary school's six grades read as 低/中/高年级; otherwise each grade is its own band."""
    return ("低年级", "中年级", "高年级") if len(grades) == 6 else grades


@dataclass(frozen=True)
class Semester:
    """The semester `today` falls in (or the one about to start, in the summer), as Chinese
    schools count them: the first from September to January, the second from February to July."""
    name: str
    slug: str
    first_day: dt.date
    last_day: dt.date

    @classmethod
    def of(cls, today: dt.date, language: str = "zh-CN") -> "Semester":
        chinese = language == "zh-CN"
        if today.month >= 8 or today.month == 1:
            year = today.year if today.month >= 8 else today.year - 1
            name = f"{year}—{year + 1}学年第一学期" if chinese else f"{year}–{year + 1}, first semester"
            return cls(name, f"{year}-autumn", dt.date(year, 9, 1), dt.date(year + 1, 1, 20))
        year = today.year
        name = f"{year - 1}—{year}学年第二学期" if chinese else f"{year - 1}–{year}, second semester"
        return cls(name, f"{year}-spring", dt.date(year, 2, 20), dt.date(year, 7, 5))

    def week(self, n: int, weekday: int) -> dt.date:
        """The given weekday (0 Monday) of the semester's n-th week."""
        monday = self.first_day - dt.timedelta(days=self.first_day.weekday())
        return monday + dt.timedelta(weeks=n - 1, days=weekday)

    def month(self, n: int) -> str:
        """The semester's n-th month as YYYY-MM (-1: its last)."""
        months = []
        current = self.first_day.replace(day=1)
        while current <= self.last_day:
            months.append(current)
            current = (current + dt.timedelta(days=32)).replace(day=1)
        return f"{months[n - 1 if n > 0 else n]:%Y-%m}"


def _rotation(school: School) -> list[dict]:
    """Every class once a week at noon, two a slot, Monday to Friday; the teachers after school."""
    slots = []
    classes = list(school.classes)
    for index in range(0, len(classes), 2):
        day = WEEKDAYS[(index // 2) % len(WEEKDAYS)]
        time = "12:10-12:50" if index // 2 < len(WEEKDAYS) else "16:00-16:40"
        slots.append({"day": day, "time": time, "classes": classes[index:index + 2]})
    slots.append({"day": "周五", "time": "16:50-17:30", "classes": ["教师借阅" if school.language == "zh-CN" else "Teachers"]})
    return slots


def starter_files(school: School, today: dt.date) -> dict[str, str]:
    """{path in the project: text}: config.yaml and each registered type's starter files."""
    folder = STARTER / school.language if (STARTER / school.language).is_dir() else STARTER / "zh-CN"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    values = {"school": school, "today": today, "semester": Semester.of(today, school.language), "rotation": _rotation(school),
              "monday": today - dt.timedelta(days=today.weekday())}
    # config.yaml last: a project whose writing broke off has none, so init can be run again
    names = [name for t in content_types() for name in env.list_templates() if name.startswith(f"content/{t.name}/")]
    names.append("config.yaml")
    return {env.from_string(name).render(values): env.get_template(name).render(values) for name in names}


def init_project(folder: Path, school: School, today: dt.date) -> list[Path]:
    """Write the starter project into `folder` (made if missing); FileExistsError if it has a config.yaml."""
    if (folder / "config.yaml").exists():
        raise FileExistsError(folder / "config.yaml")
    written = []
    for relative, text in starter_files(school, today).items():
        path = folder / relative
        if path.exists():
            continue  # a file the librarian has already: theirs stays
        write_new(path, text)
        written.append(path)
    (folder / "content" / "images").mkdir(parents=True, exist_ok=True)
    return written
