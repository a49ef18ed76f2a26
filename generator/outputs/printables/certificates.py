"""Award certificates (奖状): one A4 landscape page per winner, its sentence written from the
award's facts (the activity, the prize, the winning work) or from the award list's own sentence."""
from __future__ import annotations

import math
import re
from typing import Any

from markupsafe import Markup, escape

from generator.i18n import Translations
from generator.content.awards import Award, Winner
from generator.outputs.printables.sheet import Printable
from generator.outputs.fit import FITS, POINT
from generator.outputs.typeset import ems, keep, keep_title

# What an award list's own sentence may name; a title in its brackets is kept on one line with them.
_FACT = re.compile(r"《?\{work\}》?|\{(name|class|level|activity)\}")


def activity(award: Award, t: Translations) -> str:
    """What the prizes are for: the award list's `activity`, else its name without the words
    that only name the list (获奖名单), which the theme's translation lists."""
    if award.activity:
        return award.activity
    for suffix in t("print.list_suffixes") if t.has("print.list_suffixes") else ():
        if award.name.endswith(suffix) and len(award.name) > len(suffix):
            return award.name[: -len(suffix)]
    return award.name


def sentence(award: Award, winner: Winner, t: Translations) -> Markup:
    """The certificate's sentence for one winner, without the closing words (特发此状，以资鼓励。);
    the work's title, the prize and the honour never broken across lines."""
    work = (winner.work or "").strip().removeprefix("《").removesuffix("》")
    facts = {"name": escape(winner.name or ""), "class": keep(winner.class_name), "level": keep(winner.level),
             "work": keep_title(t("print.work_title", title=work), FITS["certificate"]["kept"]) if work else Markup(), "activity": escape(activity(award, t))}
    if award.sentence:
        return Markup(_FACT.sub(lambda m: facts[m.group(1) or "work"], str(escape(award.sentence))))
    if winner.level and winner.level not in award.name:  # a prize: 一等奖
        return t("print.certificate_level_work" if work else "print.certificate_level", **facts)
    # An honour (阳光阅读班级, 优秀学生图书管理员): the level names it, or the award does.
    title = keep(t("print.honour", title=winner.level or award.name))
    if award.activity:
        return t("print.certificate_named_in", activity=facts["activity"], title=title)
    return t("print.certificate_named", title=title)


def text_size(text: str, closing: str) -> float:
    """The largest size (points) at which the sentence, its first line indented, and the closing
    line fit above the issuer and the date."""
    fits = FITS["certificate"]
    for size in fits["sizes"]:
        per_line = fits["text_width"] / (size * POINT)
        lines = math.ceil((ems(text) + 2) / (per_line - 1)) + math.ceil((ems(closing) + 2) / per_line)
        if lines * size * POINT * fits["leading"] <= fits["text_room"]:
            return size
    return fits["sizes"][-1]


def certificate(winner: Winner, award: Award, t: Translations) -> dict[str, Any]:
    """What one page prints: the name large (a class award's class), the pupil's class above it,
    the sentence as large as its room holds."""
    pupil = award.kind == "pupils"
    words = sentence(award, winner, t)
    return {"name": winner.name if pupil else winner.class_name, "class_name": winner.class_name if pupil else None,
            "pupil": pupil, "sentence": words, "size": text_size(words.striptags(), t("print.certificate_closing"))}


def certificates(award: Award, t: Translations) -> Printable:
    return Printable(f"print/certificates/{award.slug}.html", "print/certificates.html", "certificates",
                     award.name, {"award": award, "certificates": [certificate(w, award, t) for w in award.winners]},
                     frozenset({award.source}), pages=len(award.winners))
