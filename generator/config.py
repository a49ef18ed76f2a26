"""Config stage: read and check `config.yaml`, whose options are declared here as data."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.load import LineMap, parse_yaml, read_text
from generator.problems import BuildFailed, Problems
from generator.kinds import Choice, Date, Group, Number, Text, Texts, YesNo
from generator.schema import Field, Schema, validate

SITE = Schema("site", (
    Field("title", Text(), required=True, help="网站标题 site title", example="阳光小学图书室"),
    Field("school", Text(), default="", help="学校名称 school name"),
    Field("library", Text(), default="图书室", help="图书室名称 library name"),
    Field("language", Choice(("zh-CN", "en")), default="zh-CN", help="界面语言 language of the theme"),
    Field("base_url", Text(), default="", help="公开网址，如 http://intranet/library/（订阅、二维码用）public address"),
    Field("description", Text(), default="", help="网站简介 description"),
))

TARGETS = Schema("borrowing_targets", (
    Field("per_pupil_per_semester", Number(), default=10, help="学生人均每学期借书不少于 N 本"),
    Field("per_class_per_semester", Number(), default=50, help="每班每学期借书不少于 N 册"),
))

HOME = Schema("home", (
    Field("new_books", Number(), default=6, help="首页显示的新书数量 new books on the home page"),
    Field("news", Number(), default=3, help="首页显示的新闻数量 news items on the home page"),
    Field("awards", Number(), default=2, help="首页显示的表彰数量 awards on the home page"),
))

CONFIG = Schema("config", (
    Field("site", Group(SITE), required=True, help="网站信息 site"),
    Field("theme", Text(), default="default", help="主题名称，themes/ 下的文件夹 theme"),
    Field("build_date", Date(), help="把这一天当作“今天”（测试用）pretend today is this date"),
    Field("show_future", YesNo(), default=False, help="是否立即发布日期在今天以后的表彰和新闻 publish awards and news dated after today"),
    Field("grade_bands", Texts(), default=("低年级", "中年级", "高年级"), help="年级段 grade bands books may name"),
    Field("borrowing_targets", Group(TARGETS), default=None, help="借阅目标 borrowing targets"),
    Field("home", Group(HOME), default=None, help="首页 home page"),
    Field("robots", Choice(("allow", "disallow")), default="allow",
          help="是否允许搜索引擎收录：allow 允许，disallow 不允许（校园内网用）search engines may index the site"),
))


@dataclass(frozen=True)
class Config:
    root: Path  # the project folder: config.yaml's folder
    content_dir: Path
    themes_dir: Path
    output_dir: Path
    site: dict[str, Any]
    theme: str
    today: dt.date
    show_future: bool
    grade_bands: tuple[str, ...]
    targets: dict[str, int]
    home: dict[str, int]
    file: str = "config.yaml"
    robots: str = "allow"  # robots.txt: allow or disallow search engines


def _defaults(schema: Schema) -> dict[str, Any]:
    empty = LineMap()
    empty.line, empty.lines = 1, {}
    return validate(empty, schema, "", Problems()) or {}


def load_config(path: Path, output_dir: Path | None = None) -> tuple[Config, Problems]:
    """Read config.yaml; return it with its warnings, or raise BuildFailed with every error."""
    problems = Problems()
    name = path.name
    if not path.is_file():
        problems.error("no_config", name, None, path=str(path))
        raise BuildFailed(problems)
    text = read_text(path, name, problems)
    data = parse_yaml(text, name, problems) if text is not None else None
    if not isinstance(data, LineMap):
        if not problems.errors:
            problems.error("not_a_mapping", name, 1)
        raise BuildFailed(problems)
    clean = validate(data, CONFIG, name, problems)
    if problems.errors or clean is None:
        raise BuildFailed(problems)
    root = path.parent.resolve()
    return Config(
        root=root,
        content_dir=root / "content",
        themes_dir=root / "themes",
        output_dir=(output_dir or root / "output").resolve(),
        site=dict(clean["site"]),
        theme=clean["theme"],
        today=clean["build_date"] or dt.date.today(),
        show_future=clean["show_future"],
        grade_bands=tuple(clean["grade_bands"]),
        targets=dict(clean["borrowing_targets"] or _defaults(TARGETS)),
        home=dict(clean["home"] or _defaults(HOME)),
        robots=clean["robots"],
    ), problems
