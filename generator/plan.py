"""What a build must make again, and what it carries over from the last output: pure functions.

Every output (a page, the search index, a feed, the calendar file ...) declares its inputs: the
content files it reads, its template(s) or other key, and what all outputs share (version,
config, translations, menu). Its fingerprint is made of those; an output whose fingerprint is
the one the last build recorded, and whose file is still in output/, is carried over.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import xor
from typing import Iterable, Protocol

from generator.state import digest


class Output(Protocol):
    path: str  # relative to output/
    inputs: frozenset[str]  # content files it reads


@dataclass(frozen=True)
class Plan:
    fingerprints: dict[str, str]  # every output's, for the next build to compare with
    carried: frozenset[str]  # outputs whose file in output/ is still right
    to_make: tuple[str, ...]  # outputs to make again, in the order given


def fingerprints(outputs: Iterable[Output], digests: dict[str, str], shared: str, keys: dict[str, str]) -> dict[str, str]:
    """{output path: fingerprint}. `digests`: content file -> digest of its bytes; `keys`: output
    path -> what else it is made from (its templates' key)."""
    # An output's input files combine by XOR of one number per file (its name and digest hashed
    # together), which needs no sorting: the index pages each read all the books, and sorting
    # thousands of digests for each of them was most of this function's time.
    numbers = {name: int(digest(name, file_digest), 16) for name, file_digest in digests.items()}
    combined: dict[int, str] = {}  # many index pages share one inputs set: combine it once
    prints = {}
    for output in outputs:
        key = id(output.inputs)
        if key not in combined:
            number = reduce(xor, [numbers.get(name) or int(digest(name, ""), 16) for name in output.inputs], 0)
            combined[key] = format(number, "x")
        prints[output.path] = digest(shared, keys[output.path], combined[key], output.path)
    return prints


def plan(paths: Iterable[str], prints: dict[str, str], last: dict[str, str], previous_files: set[str] | None) -> Plan:
    """Which of `paths` to make again: those whose fingerprint moved, or whose file is gone.
    `previous_files`: what the last build left in output/ (None: nothing can be carried)."""
    paths = list(paths)
    if previous_files is None or not last:
        return Plan(prints, frozenset(), tuple(paths))
    carried = frozenset(p for p in paths if p in previous_files and last.get(p) == prints[p])
    return Plan(prints, carried, tuple(p for p in paths if p not in carried))
