"""Pupils' writing (学生作品): reading notes and reviews (读书笔记、读后感), essay-contest entries
(征文), each about a book, shown on the site, on its book's page and on the award list it won in."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.covers import Pictures
from generator.content.awards import LEVEL_ORDER, Award
from generator.content.books import Book, book_finder, unmade_book
from generator.kinds import BookRef, Date, Text
from generator.load import SourceFile
from generator.markup import MarkdownRenderer, plain_text
from generator.ordering import class_key, pinyin_key, pinyin_slug
from generator.problems import Problems
from generator.registry import ContentType, MenuEntry, Related, Scaffold, SearchEntry
from generator.routes import PageSpec, add_page, sources
from generator.schema import declare, schema_of, validate

# A book named by what looks like a file name or an ISBN, not a title: a typo, if no book has it.
LOOKS_LIKE_A_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Writing:
    title: str = declare(Text(), required=True, help="题目 title", example="桑桑教会我的事——读《草房子》有感")
    pupil: str = declare(Text(), required=True, help="作者（学生姓名）the pupil who wrote it")
    class_name: str = declare(Text(), name="class", required=True, help="班级，如 五年级(2)班 class")
    book_ref: str | None = declare(BookRef(), name="book",
                                   help="写的是哪本书：书目里的文件名（不带 .md）或 ISBN；书目里没有的书，写书名 the book it is about")
    date: dt.date = declare(Date(), required=True, help="日期（完成或提交作品的日子）date")
    activity: str | None = declare(Text(), help="活动，如 第五届读书节征文比赛 activity it was written for")
    award_ref: str | None = declare(Text(), name="award",
                                    help="作品获奖时，获奖名单的文件名（不带 .yaml）the award list it won in")
    prize: str | None = declare(Text(), help="奖项，如 一等奖；不写则按获奖名单 prize (default: from the award list)")
    teacher: str | None = declare(Text(), help="指导老师 teacher who guided it")
    slug: str = ""
    body_html: str = ""
    body_text: str = ""
    source: str = ""
    url: str = ""
    book: Book | None = None  # the catalogue's book, when `book` names one
    book_title: str | None = None  # its title, or the title written in `book`
    award: Award | None = None
    lines: tuple[tuple[str, int], ...] = ()  # (field, line) as written, to report a reference at its line
    pictures: tuple[tuple[Path, str], ...] = ()  # pictures in the text: (file, site path) to copy


WRITING = schema_of(Writing, "writing", help="学生作品（读书笔记、读后感、征文）pupils' writing; the text below the front matter is the piece")


def writing_from(source: SourceFile, config: Config, markdown: MarkdownRenderer, problems: Problems) -> Writing | None:
    clean = validate(source.data, WRITING, source.name, problems)
    if clean is None:
        return None
    pictures = Pictures(f"writing/{source.slug}/", config)
    body_html = markdown.render(source.body, problems=problems, source=source, pictures=pictures)
    return Writing(**clean.record_values(WRITING), slug=source.slug, body_html=body_html,
                   body_text=plain_text(body_html), source=source.name, url=f"writing/{source.slug}/",
                   lines=tuple(clean.lines.items()), pictures=tuple(pictures.found))


def _prize_in(award: Award, piece: Writing) -> str | None:
    """The prize the award list gives this pupil (of this class, when the list says)."""
    won = [w for w in award.winners if w.name == piece.pupil and (w.class_name or piece.class_name) == piece.class_name]
    return won[0].level if won else None


def _resolved(piece: Writing, find_book, awards: dict[str, Award], problems: Problems,
              unmade=lambda key: False) -> Writing | None:
    """The piece with its book and award list found; None when the award list named is not there."""
    book = find_book(piece.book_ref) if piece.book_ref else None
    if piece.book_ref and book is None and LOOKS_LIKE_A_KEY.match(piece.book_ref) and not unmade(piece.book_ref):
        problems.warn("writing_unknown_book", piece.source, dict(piece.lines).get("book"), value=piece.book_ref)
    award = awards.get(piece.award_ref.removesuffix(".yaml")) if piece.award_ref else None
    if piece.award_ref and award is None:
        problems.error("writing_unknown_award", piece.source, dict(piece.lines).get("award"), value=piece.award_ref)
        return None
    return dataclasses.replace(piece, book=book, book_title=book.title if book else piece.book_ref, award=award,
                               prize=piece.prize or (_prize_in(award, piece) if award else None))


def _rank(piece: Writing) -> tuple:
    level = (0, LEVEL_ORDER.index(piece.prize)) if piece.prize in LEVEL_ORDER else (1 if piece.prize else 2, 0)
    return (level, class_key(piece.class_name), pinyin_key(piece.pupil), piece.slug)


def build_writing(pieces: list[Writing | None], made: dict, config: Config, problems: Problems) -> dict:
    """The pieces, found their books and award lists, held back until their day like news, and
    grouped by activity (the newest activity first; in each, by prize, class and name)."""
    find_book, awards = book_finder(made["books"]), {a.slug: a for a in made["all_awards"]}
    found = [p for p in (_resolved(p, find_book, awards, problems, lambda key: unmade_book(key, made))
                         for p in pieces if p is not None) if p is not None]
    scheduled = [] if config.show_future else [p for p in found if p.date > config.today]
    shown = [p for p in found if p not in scheduled]
    groups: dict[str | None, list[Writing]] = {}
    for piece in sorted(shown, key=lambda p: p.date, reverse=True):
        groups.setdefault(piece.activity, []).append(piece)
    by_activity = tuple((activity, tuple(sorted(group, key=_rank))) for activity, group in groups.items())
    return {"writing": tuple(p for _, group in by_activity for p in group), "writing_by_activity": by_activity,
            "scheduled": tuple(p.source for p in scheduled), "images": tuple(x for p in shown for x in p.pictures)}


def anthology_path(activity: str | None) -> str:
    """The printed anthology of an activity's pieces (outputs/printables/anthology.py)."""
    return f"print/anthology/{pinyin_slug(activity) if activity else 'other'}.html"


def _grouped(pieces, key) -> dict[str, tuple[Writing, ...]]:
    found: dict[str, list[Writing]] = {}
    for piece in pieces:
        if key(piece) is not None:
            found.setdefault(key(piece), []).append(piece)
    return {slug: tuple(group) for slug, group in found.items()}


def writing_page(piece: Writing, site) -> list[PageSpec]:
    inputs = frozenset({piece.source}) | frozenset(x.source for x in (piece.book, piece.award) if x is not None)
    return [PageSpec(f"{piece.url}index.html", "writing.html", "writing", {"piece": piece}, inputs)]


def writing_pages(site, config: Config) -> list[PageSpec]:
    if not site.writing:
        return []
    routes: list[PageSpec] = []
    # The index shows the cover of each piece's book: it is made again when a book changes.
    inputs = sources(site.writing) | frozenset(p.book.source for p in site.writing if p.book is not None)
    groups = [(activity, pieces, anthology_path(activity)) for activity, pieces in site.writing_by_activity]
    add_page(routes)("writing/", "writing_index.html", "writing", inputs, groups=groups)
    routes.extend(spec for piece in site.writing for spec in writing_page(piece, site))
    return routes


def own_page(piece: Writing, site) -> list[PageSpec]:
    """The preview's quick path: the edited piece's page, its book and award list found again."""
    resolved = _resolved(piece, book_finder(site.books), {a.slug: a for a in site.all_awards}, Problems())
    return writing_page(resolved, site) if resolved is not None else []


def writing_search(site, t) -> list[SearchEntry]:
    return [SearchEntry("writing", p.url, p.title, p.pupil,
                        tags=tuple(filter(None, (p.class_name, p.activity, p.book_title, p.prize))),
                        text=p.body_text, source=p.source) for p in site.writing]


TYPE = ContentType(
    name="writing", command="writing", schema=WRITING, suffix=".md", file_pattern="<slug>", order=45,
    record=writing_from, model=build_writing, needs=("books", "awards"), pages=writing_pages, record_pages=own_page,
    url_folders=("writing",), menu=(MenuEntry("writing", "writing/", 45, shown=lambda site: bool(site.writing)),),
    search=writing_search,
    related=(Related("books", "related/writing_of_book.html", lambda site: _grouped(site.writing, lambda p: p.book and p.book.slug)),
             Related("awards", "related/writing_of_award.html", lambda site: _grouped(site.writing, lambda p: p.award and p.award.slug))),
    scaffold=Scaffold("title", body="在这里写作品的正文（Markdown）。Write the piece here."),
)
