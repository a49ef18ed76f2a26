"""What a build makes again: fingerprints from declared inputs, and the plan (pure functions)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.plan import fingerprints, plan


@dataclass(frozen=True)
class Out:
    path: str
    inputs: frozenset[str]


BOOK = Out("books/a/index.html", frozenset({"content/books/a.md"}))
INDEX = Out("books/index.html", frozenset({"content/books/a.md", "content/books/b.md"}))
FEED = Out("feeds/books.xml", frozenset({"content/books/a.md", "content/books/b.md"}))
OUTPUTS = [BOOK, INDEX, FEED]
KEYS = {BOOK.path: "book.html@1", INDEX.path: "books.html@1", FEED.path: "feed@1"}
DIGESTS = {"content/books/a.md": "aaa", "content/books/b.md": "bbb"}


def prints(digests=DIGESTS, shared="config@1", keys=KEYS):
    return fingerprints(OUTPUTS, digests, shared, keys)


def test_an_edited_file_moves_the_fingerprint_of_every_output_that_reads_it_and_no_other():
    before, after = prints(), prints({**DIGESTS, "content/books/b.md": "bbb2"})
    assert before[BOOK.path] == after[BOOK.path]
    assert before[INDEX.path] != after[INDEX.path] and before[FEED.path] != after[FEED.path]


def test_a_template_or_what_all_outputs_share_moves_the_fingerprints_it_should():
    before = prints()
    assert prints(keys={**KEYS, BOOK.path: "book.html@2"}).items() ^ before.items() == {
        (BOOK.path, before[BOOK.path]), (BOOK.path, prints(keys={**KEYS, BOOK.path: "book.html@2"})[BOOK.path])}
    assert all(before[p] != v for p, v in prints(shared="config@2").items())


def test_outputs_with_the_same_inputs_still_get_fingerprints_of_their_own():
    assert prints()[INDEX.path] != prints()[FEED.path]


def test_the_plan_carries_what_did_not_change_and_is_still_in_output():
    last, now = prints(), prints({**DIGESTS, "content/books/b.md": "bbb2"})
    made = plan([o.path for o in OUTPUTS], now, last, previous_files={BOOK.path, INDEX.path, FEED.path})
    assert made.carried == {BOOK.path} and made.to_make == (INDEX.path, FEED.path)
    gone = plan([o.path for o in OUTPUTS], last, last, previous_files={INDEX.path, FEED.path})
    assert gone.to_make == (BOOK.path,)  # deleted from output/ by hand: made again


def test_with_nothing_known_of_the_last_output_everything_is_made():
    paths = [o.path for o in OUTPUTS]
    assert plan(paths, prints(), prints(), previous_files=None).to_make == tuple(paths)
    assert plan(paths, prints(), {}, previous_files=set(paths)).to_make == tuple(paths)
