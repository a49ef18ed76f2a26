"""Blackboard newsletter issues (黑板报): each issue picks its books, activities month and awards,
or takes this month's when it picks nothing. With no issue files, one issue for the current month."""
from __future__ import annotations

import datetime as dt

from generator.load import SourceFile
from generator.model import Award, Book, Newsletter
from generator.problems import Problems
from generator.schema import validate
from generator.schemas import NEWSLETTER


# In a month with no new book the board shows the newest few, as many as its column holds
# (the blackboard's "books" in outputs/fit.py): all of them would only be cut, with a warning.
NEWEST_WHEN_NONE = 5


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
    return Newsletter(slug=f"{month:%Y-%m}", number=None, date=today, title=None, month=month,
                      books=tuple(month_books(books, month)), awards=tuple(month_awards(awards, month)),
                      roster=True, source=None)


def build_newsletters(sources: list[SourceFile], books: list[Book], awards: list[Award], published: list[Award],
                      problems: Problems) -> list[Newsletter]:
    """Issues newest first. `awards` are all award lists (an issue may announce one ahead of its
    day); `published` are those already public, which the defaults choose from."""
    by_key: dict[str, Book] = {b.slug: b for b in books}
    by_key.update({b.isbn: b for b in books if b.isbn})
    award_by_slug = {a.slug: a for a in awards}
    issues: list[Newsletter] = []
    numbers: dict[int, str] = {}
    for source in sources:
        clean = validate(source.data, NEWSLETTER, source.name, problems)
        if clean is None:
            continue
        lines, ok = clean["_lines"], True
        month = clean["month"] or clean["date"].replace(day=1)
        picked_books = []
        for key in clean["books"]:
            book = by_key.get(key.removesuffix(".md")) or by_key.get(key.replace("-", ""))
            if book is None:
                problems.error("newsletter_unknown_book", source.name, lines.get("books"), value=key)
                ok = False
            else:
                picked_books.append(book)
        picked_awards = []
        for key in clean["awards"]:
            award = award_by_slug.get(key.removesuffix(".yaml"))
            if award is None:
                problems.error("newsletter_unknown_award", source.name, lines.get("awards"), value=key)
                ok = False
            else:
                picked_awards.append(award)
        other = numbers.setdefault(clean["number"], source.name)
        if other != source.name:
            problems.error("newsletter_same_number", source.name, lines.get("number"), value=clean["number"], other=other)
            ok = False
        if not ok:
            continue
        issues.append(Newsletter(
            slug=source.slug, number=clean["number"], date=clean["date"], title=clean["title"], month=month,
            books=tuple(dict.fromkeys(picked_books)) or tuple(month_books(books, month)),
            awards=tuple(dict.fromkeys(picked_awards)) or tuple(month_awards(published, month)),
            roster=clean["roster"], source=source.name,
        ))
    issues.sort(key=lambda n: (n.date, n.number or 0), reverse=True)
    return issues
