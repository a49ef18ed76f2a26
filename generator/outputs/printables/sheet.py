"""One printable sheet: the HTML page it is rendered from, the PDF beside it, what it is made of."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.outputs.fit import Cut


@dataclass(frozen=True)
class Printable:
    path: str  # the HTML sheet, e.g. print/posters/xiyouji.html; the PDF sits beside it
    template: str
    kind: str  # poster, blackboard, roster, rotation, certificates
    label: str  # what the list of printables calls it (a book title, a month, an award)
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    inputs: frozenset[str] = frozenset()
    cuts: tuple[tuple[str, Cut], ...] = field(default=(), hash=False, compare=False)  # (file, what was shortened)
    pages: int = 1  # sheets of paper it is made to fill, no more (0: a booklet, as many as it needs)
    owner: str | None = None  # the file a warning about the whole sheet names (default: its first input)

    @property
    def pdf_path(self) -> str:
        return self.path.removesuffix(".html") + ".pdf"


# The order the list of printables shows them in.
KINDS = ("poster", "blackboard", "roster", "rotation", "certificates", "anthology")
