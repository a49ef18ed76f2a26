"""Award lists (评优 / 表彰): winners grouped by prize level, then ordered by class and pinyin."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.config import Config
from generator.kinds import Choice, Date, LongText, Records, Text, YesNo
from generator.load import SourceFile
from generator.ordering import class_key, pinyin_key
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page, related_sections, sources
from generator.schema import Values, declare, schema_of, validate

# The usual ladder of prizes; any other level keeps the order it first appears in the file.
LEVEL_ORDER = ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "鼓励奖")


@dataclass(frozen=True)
class Winner:
    name: str | None = declare(Text(), help="获奖学生姓名（班级奖可不写）name", example="姓名")
    class_name: str | None = declare(Text(), name="class", help="班级，如 三年级(2)班 class", example="三年级(2)班")
    level: str | None = declare(Text(), help="奖项等级，如 一等奖 prize level", example="一等奖")
    work: str | None = declare(Text(), help="获奖作品题目，如 我心中的孙悟空（奖状上写“作品《……》”）title of the winning work")
    note: str | None = declare(Text(), help="备注 note")


WINNER = schema_of(Winner, "winner")


@dataclass(frozen=True)
class Award:
    name: str = declare(Text(), required=True, help="奖项名称 award name", example="优秀学生图书管理员")
    date: dt.date = declare(Date(), required=True, help="颁奖日期 date awarded")
    activity: str | None = declare(Text(), example="第五届读书节征文比赛",
                                   help="活动名称，如 第五届读书节征文比赛（奖状上写“在……中荣获一等奖”；不写则用奖项名称）activity the prizes are for")
    sentence: str | None = declare(LongText(), help="奖状正文，不写则按活动、作品和奖项自动生成；"
                                   "可写 {name} {class} {work} {level} {activity} certificate sentence")
    issuer: str | None = declare(Text(), help="颁奖单位 issued by", example="图书室")
    description: str | None = declare(LongText(), help="说明 description", example="说明")
    kind: str = declare(Choice(("pupils", "classes")), default="pupils",
                        help="pupils（个人奖）或 classes（班级奖，如阳光阅读班级）who wins", example="pupils")
    certificates: bool = declare(YesNo(), default=False, help="是否打印奖状 print certificates", example=False)
    winners: tuple[Winner, ...] = declare(Records(WINNER), required=True, help="获奖名单 winners")  # ordered: prize level, class, pinyin
    slug: str = ""
    levels: tuple[tuple[str, tuple[Winner, ...]], ...] = ()
    source: str = ""
    url: str = ""


AWARD = schema_of(Award, "awards", help="评优表彰 award list")


def _winners(clean: Values, class_names: set[str], source: SourceFile, problems: Problems) -> list[Winner] | None:
    """The winners in the order a posted list reads; None when one lacks what its kind of award needs."""
    winners, ok = [], True
    for entry in clean["winners"]:
        if clean["kind"] == "pupils" and not entry["name"]:
            problems.error("winner_needs_name", source.name, entry.line)
            ok = False
        if clean["kind"] == "classes" and not entry["class"]:
            problems.error("winner_needs_class", source.name, entry.line)
            ok = False
        if entry["class"] and class_names and entry["class"] not in class_names:
            problems.warn("unknown_class", source.name, entry.line, value=entry["class"])
        winners.append(Winner(**entry.record_values(WINNER)))
    if not ok:
        return None
    first_seen = {w.level: i for i, w in reversed(list(enumerate(winners)))}

    def level_rank(level: str | None) -> tuple[int, int]:
        if level in LEVEL_ORDER:
            return (0, LEVEL_ORDER.index(level))
        return (1, first_seen.get(level, 0))

    return sorted(winners, key=lambda w: (level_rank(w.level), class_key(w.class_name or ""), pinyin_key(w.name or "")))


def _levels(winners: list[Winner]) -> tuple[tuple[str, tuple[Winner, ...]], ...]:
    levels: list[tuple[str, list[Winner]]] = []
    for winner in winners:
        if levels and levels[-1][0] == (winner.level or ""):
            levels[-1][1].append(winner)
        else:
            levels.append((winner.level or "", [winner]))
    return tuple((level, tuple(ws)) for level, ws in levels)


def build_awards(sources_: list[SourceFile], made: dict, config: Config, problems: Problems) -> dict:
    """The award lists, newest first. Like Hugo, a list dated after today waits for its day
    (show_future publishes it now): `awards` are those published, `all_awards` every one."""
    class_names = set(made["roster"].class_names) if made["roster"] else set()
    awards = []
    for source in sources_:
        clean = validate(source.data, AWARD, source.name, problems)
        if clean is None:
            continue
        winners = _winners(clean, class_names, source, problems)
        if winners is None:
            continue
        awards.append(Award(**{**clean.record_values(AWARD), "winners": tuple(winners)}, slug=source.slug,
                            levels=_levels(winners), source=source.name, url=f"awards/{source.slug}/"))
    awards.sort(key=lambda a: (a.date, a.slug), reverse=True)
    scheduled = [] if config.show_future else [a for a in awards if a.date > config.today]
    return {"awards": tuple(a for a in awards if a not in scheduled), "all_awards": tuple(awards),
            "scheduled": tuple(a.source for a in scheduled)}


def award_pages(site, config: Config) -> list[PageSpec]:
    routes: list[PageSpec] = []
    add_page(routes)("awards/", "awards.html", "awards", sources(site.awards), awards=site.awards)
    for award in site.awards:
        related = related_sections(site, "awards", award.slug)
        routes.append(PageSpec(f"{award.url}index.html", "award.html", "awards", {"award": award, "related": related.shown},
                               frozenset({award.source}) | related.inputs, related.fragments))
    return routes


def award_search(site, t) -> list[SearchEntry]:
    """Each award list, found by its name and by its winners' names and classes (a parent looks
    for a child's name)."""
    return [SearchEntry("award", a.url, a.name, tags=tuple(dict.fromkeys(
                filter(None, [part for w in a.winners for part in (w.name, w.class_name)]))),
                        text=a.description or "", source=a.source) for a in site.awards]


TYPE = ContentType(
    name="awards", command="award", schema=AWARD, suffix=".yaml", file_pattern="<slug>", order=40,
    model=build_awards, needs=("rosters",), pages=award_pages, url_folders=("awards",),
    menu=(MenuEntry("awards", "awards/", 40),), search=award_search, scaffold=Scaffold("name"),
)
