"""Handouts sent to every class: the rotation to hang on a classroom door, the roster."""
from __future__ import annotations

from conftest import build_project
from pdftext import pages, split_phrases


def test_the_rotation_fills_its_sheet_with_class_names_twice_as_large(sample):
    [page] = pages(sample.config.output_dir / "print/rotation.pdf")
    names = [w for w in page.words if w.text.endswith("班") and "(" in w.text]
    assert {"六(1)班", "三(3)班"} <= {w.text for w in names}  # as a school writes a class on a door
    assert min(w.height for w in names) >= 2 * 16 * 1.4  # 16 pt before: twice that
    assert max(w.y1 for w in page.words) >= 0.85 * page.height


def test_the_roster_fills_its_sheet_and_keeps_its_dates_whole(sample):
    roster = sample.config.output_dir / "print/roster.pdf"
    [page] = pages(roster)
    assert max(w.y1 for w in page.words) >= 0.8 * page.height
    assert split_phrases(roster) == [] and split_phrases(sample.config.output_dir / "print/rotation.pdf") == []


def test_a_big_schools_roster_and_rotation_stay_on_their_sheets(project):
    roster = project / "content/rosters/2026-spring.yaml"
    grades = "".join(f"  - grade: {g}年级\n    classes:\n" + "".join(
        f"      - class: {g}年级({n})班\n        assistants: [{{name: 欧阳明{n}}}, {{name: 司马青{n}}}, {{name: 诸葛亮{n}}}]\n"
        for n in range(1, 9)) for g in "二四五六")
    slots = "".join(f"  - day: 周{d}\n    time: \"{h}:00-{h}:40\"\n    classes: [五年级({n})班, 六年级({n})班]\n"
                    for n, d in enumerate("一二三四五", start=1) for h in (8, 10, 12, 14))
    text = roster.read_text(encoding="utf-8").replace("grades:\n", "grades:\n" + grades, 1)
    roster.write_text(text.replace("rotation:\n", "rotation:\n" + slots, 1), encoding="utf-8")
    result = build_project(project, project / "output")
    assert not [p for p in result.problems if p.code == "print_overflow"]
    for sheet in ("roster", "rotation"):
        assert len(pages(result.config.output_dir / f"print/{sheet}.pdf")) == 1
