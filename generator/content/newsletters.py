"""Blackboard newsletter issues (黑板报): each issue picks its books, activities month and awards,
or takes this month's when it picks nothing. With no issue files, one issue for the current month."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.config import Config
from generator.content.awards import Award
from generator.content.books import Book, book_finder, unmade_book
from generator.kinds import BookRefs, Date, Month, Number, Text, Texts, YesNo
from generator.load import SourceFile
from generator.problems import Problems
from generator.registry import ContentType, Scaffold
from generator.schema import declare, schema_of, validate


# In a month with no new book the board shows the newest few, as many as its column holds
# (the blackboard's "books" in outputs/fit.py): all of them would only be cut, with a warning.
NEWEST_WHEN_NONE = 5


@dataclass(frozen=True)
class Newsletter:
    """One issue of the blackboard newsletter (黑板报): what it picks, defaults filled in."""
    number: int | None = declare(Number(), required=True, help="期号 issue number", example=1)  # None: the issue made without a file
    date: dt.date = declare(Date(), required=True, help="出版日期 date of the issue")
    title: str | None = declare(Text(), help="这一期的标题，如 读书节特刊；不写则是“某月简报” headline (default: the month)",
                                example="读书节特刊")
    books: tuple[Book, ...] = declare(BookRefs(), default=(), example=[],
                                      help="登哪些新书：书的文件名（不带 .md）或 ISBN；不写则登本月上架的新书 books (default: shelved this month)")
    month: dt.date = declare(Month(), help="登哪个月的活动 YYYY-MM；不写则是出版日期那个月 activities of this month (default: the issue's month)")
    awards: tuple[Award, ...] = declare(Texts(), default=(), example=[],
                                        help="登哪些表彰：奖项文件名（不带 .yaml）；不写则登本月的表彰 awards (default: this month's)")
    roster: bool = declare(YesNo(), default=True, help="是否登各班图书管理员名单 show the assistant roster", example=True)
    slug: str = ""
    source: str | None = None  # None for the issue made when content/newsletters/ is empty


NEWSLETTER = schema_of(Newsletter, "newsletters", help="黑板报（每期一个文件）blackboard newsletter issue")


def month_books(books: list[Book], month: dt.date) -> list[Book]:
    """Books shelved in `month`; in a month with none, the newest, so the board is never bare."""
    shelved = [b for b in books if (b.shelved.year, b.shelved.month) == (month.year, month.month)]
    return shelved or list(books[:NEWEST_WHEN_NONE])


def month_awards(awards: list[Award], month: dt.date) -> list[Award]:
    """Awards given in `month`; in a month with none, the latest one."""
    given = [a for a in awards if (a.date.year, a.date.month) == (month.year, month.month)]
    return given or list(awards[:1])


def default_issue(books: list[Book], awards: list[Award], today: dt.date) -> Newsletter:
    """The issue printed when content/newsletters/ has none: this month's of everything."""
    month = today.replace(day=1)
    return Newsletter(number=None, date=today, title=None, books=tuple(month_books(books, month)), month=month,
                      awards=tuple(month_awards(awards, month)), roster=True, slug=f"{month:%Y-%m}", source=None)


def _picked(keys: list[str], find, code: str, source: SourceFile, line: int | None, problems: Problems,
            unmade=lambda key: False) -> list | None:
    """What an issue names (books or awards), each found by `find`; None when one is not there
    (said, unless the file is there but has problems of its own: `unmade`)."""
    picked, ok = [], True
    for key in keys:
        found = find(key)
        if found is None:
            if not unmade(key):
                problems.error(code, source.name, line, value=key)
            ok = False
        else:
            picked.append(found)
    return picked if ok else None


def build_newsletters(sources: list[SourceFile], made: dict, config: Config, problems: Problems) -> dict:
    """Issues newest first; with no issue files, one issue for the current month. An issue may
    announce an award list ahead of its day; the defaults choose from those already public."""
    books, published = made["books"], made["awards"]
    if not sources:
        return {"newsletters": (default_issue(books, published, config.today),)}
    find_book = book_finder(books)
    award_by_slug = {a.slug: a for a in made["all_awards"]}
    issues: list[Newsletter] = []
    numbers: dict[int, str] = {}
    for source in sources:
        clean = validate(source.data, NEWSLETTER, source.name, problems)
        if clean is None:
            continue
        month = clean["month"] or clean["date"].replace(day=1)
        picked_books = _picked(clean["books"], find_book, "newsletter_unknown_book", source,
                               clean.lines.get("books"), problems, lambda key: unmade_book(key, made))
        picked_awards = _picked(clean["awards"], lambda key: award_by_slug.get(key.removesuffix(".yaml")),
                                "newsletter_unknown_award", source, clean.lines.get("awards"), problems)
        other = numbers.setdefault(clean["number"], source.name)
        if other != source.name:
            problems.error("newsletter_same_number", source.name, clean.lines.get("number"),
                           value=clean["number"], other=other)
            continue
        if picked_books is None or picked_awards is None:
            continue
        issues.append(Newsletter(**{
            **clean.record_values(NEWSLETTER), "month": month,
            "books": tuple(dict.fromkeys(picked_books)) or tuple(month_books(books, month)),
            "awards": tuple(dict.fromkeys(picked_awards)) or tuple(month_awards(published, month)),
        }, slug=source.slug, source=source.name))
    issues.sort(key=lambda n: (n.date, n.number or 0), reverse=True)
    return {"newsletters": tuple(issues)}


TYPE = ContentType(
    name="newsletters", command="newsletter", schema=NEWSLETTER, suffix=".yaml", file_pattern="<slug>", order=90,
    model=build_newsletters, needs=("books", "awards"), scaffold=Scaffold("title"),
)
