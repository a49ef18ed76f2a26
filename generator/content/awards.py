"""Award lists (评优 / 表彰): winners grouped by prize level, then ordered by class and pinyin."""
from __future__ import annotations

from generator.load import SourceFile
from generator.model import Award, Winner
from generator.ordering import class_key, pinyin_key
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import AWARD

# The usual ladder of prizes; any other level keeps the order it first appears in the file.
LEVEL_ORDER = ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "鼓励奖")


def build_awards(sources: list[SourceFile], class_names: set[str], problems: Problems) -> list[Award]:
    awards = []
    for source in sources:
        clean = validate(source.data, AWARD, source.name, problems)
        if clean is None:
            continue
        winners, ok = [], True
        for entry in clean["winners"]:
            if clean["kind"] == "pupils" and not entry["name"]:
                problems.error("winner_needs_name", source.name, entry["_line"])
                ok = False
            if clean["kind"] == "classes" and not entry["class"]:
                problems.error("winner_needs_class", source.name, entry["_line"])
                ok = False
            if entry["class"] and class_names and entry["class"] not in class_names:
                problems.warn("unknown_class", source.name, entry["_line"], value=entry["class"])
            winners.append(Winner(entry["name"], entry["class"], entry["level"], entry["note"], entry["work"]))
        if not ok:
            continue
        first_seen = {w.level: i for i, w in reversed(list(enumerate(winners)))}

        def level_rank(level: str | None) -> tuple[int, int]:
            if level in LEVEL_ORDER:
                return (0, LEVEL_ORDER.index(level))
            return (1, first_seen.get(level, 0))

        winners.sort(key=lambda w: (level_rank(w.level), class_key(w.class_name or ""), pinyin_key(w.name or "")))
        levels: list[tuple[str, list[Winner]]] = []
        for winner in winners:
            if levels and levels[-1][0] == (winner.level or ""):
                levels[-1][1].append(winner)
            else:
                levels.append((winner.level or "", [winner]))
        awards.append(Award(
            slug=source.slug, name=clean["name"], date=clean["date"], issuer=clean["issuer"],
            description=clean["description"], kind=clean["kind"], certificates=clean["certificates"],
            winners=tuple(winners), levels=tuple((lvl, tuple(ws)) for lvl, ws in levels),
            source=source.name, url=f"awards/{source.slug}/", activity=clean["activity"], sentence=clean["sentence"],
        ))
    awards.sort(key=lambda a: (a.date, a.slug), reverse=True)
    return awards
