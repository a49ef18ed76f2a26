"""A class list from the school office (grade, class, library assistants) -> the roster.

Into the current semester's roster (or the one --semester names), or a new roster file when
there is none. Classes the roster lacks are added in school order; a class whose assistants
the roster already lists keeps them unless --replace is given.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.importers import Tally
from generator.scaffold import yaml_value as yaml_scalar
from generator.importers.classes import class_name as canonical_class
from generator.importers.headers import expected, find_columns
from generator.importers.tables import Table
from generator.model import Site
from generator.ordering import class_key, grade_number, parse_class, pinyin_slug
from generator.problems import Problems, relative_name
from generator.roundtrip import EditConflict, NotEditable, create_file, read_document
from generator.content.rosters import ROSTER

HEADERS = {
    "grade": ("年级",),
    "class": ("班级", "班别", "班级名称", "班"),
    "name": ("图书管理员", "管理员", "学生图书管理员", "班级图书管理员", "图书管理员姓名", "姓名", "学生姓名"),
    "role": ("职务", "职位", "岗位", "角色"),
}
NEEDED = (("class",), ("name",))
NAME_SEPARATORS = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True)
class RosterOptions:
    semester: str | None = None
    replace: bool = False
    dry_run: bool = False


def read_class_list(table: Table, name: str, problems: Problems) -> tuple[dict[str, list[dict[str, str]]], int]:
    """({class: [{name, role?}, …]} in list order, rows skipped)."""
    for sheet in table.sheets:
        columns = find_columns(sheet, HEADERS, NEEDED)
        if columns is not None:
            break
    else:
        problems.error("import_no_header", name, None, expected=expected(HEADERS, NEEDED))
        return {}, 0
    classes: dict[str, list[dict[str, str]]] = {}
    skipped = 0
    for index in range(columns.row + 1, len(sheet.rows)):
        row = sheet.rows[index]
        if columns.empty(row):
            continue
        cell, grade = columns.cell(row, "class"), columns.cell(row, "grade")
        class_name = canonical_class(cell, grade)
        if class_name is None:
            problems.error("import_bad_class_name", name, sheet.where(index), value=f"{grade or ''}{cell or ''}".strip())
            skipped += 1
            continue
        people = classes.setdefault(class_name, [])
        role = str(columns.cell(row, "role") or "").strip()
        for person in NAME_SEPARATORS.split(str(columns.cell(row, "name") or "").strip()):
            if person and all(p["name"] != person for p in people):
                people.append({"name": person, **({"role": role} if role else {})})
    return classes, skipped


def semester_of(today: dt.date) -> tuple[str, str]:
    """(semester name, file name) for the school year `today` is in: autumn from August."""
    if today.month >= 8 or today.month == 1:
        start = today.year if today.month >= 8 else today.year - 1
        return f"{start}—{start + 1}学年第一学期", f"{start}-autumn"
    return f"{today.year - 1}—{today.year}学年第二学期", f"{today.year}-spring"


def write_roster(classes: dict[str, list[dict[str, str]]], site: Site, config: Config, options: RosterOptions,
                 problems: Problems, tally: Tally) -> None:
    if not classes:
        return
    if options.semester:
        roster = next((r for r in site.rosters if r.semester == options.semester), None)
    else:
        roster = site.roster
    if roster is None:
        name, slug = semester_of(config.today)
        if options.semester:
            name, slug = options.semester, _slug(options.semester, config.today)
        path = config.content_dir / "rosters" / f"{slug}.yaml"
        if path.exists():
            problems.error("import_roster_file_taken", relative_name(path, config.root), None, semester=name)
            return
        if not options.dry_run:
            create_file(path, roster_text(name, classes))
        tally.new.extend({"file": relative_name(path, config.root), "class": c} for c in classes)
        return
    merge(config.root / roster.source, relative_name(config.root / roster.source, config.root), classes, options, problems, tally)


def _slug(semester: str, today: dt.date) -> str:
    years = re.findall(r"\d{4}", semester)
    if years and "第一学期" in semester:
        return f"{years[0]}-autumn"
    if years and "第二学期" in semester:
        return f"{years[-1]}-spring"
    return pinyin_slug(semester) or f"{today.year}"


def merge(path: Path, name: str, classes: dict[str, list[dict[str, str]]], options: RosterOptions,
          problems: Problems, tally: Tally) -> None:
    try:
        document = read_document(path)
    except NotEditable as exc:
        problems.error("import_not_editable", name, None, detail=str(exc))
        return
    changed = False
    for class_name, people in sorted(classes.items(), key=lambda item: class_key(item[0])):
        where = _find_class(document.get("grades") or [], class_name)
        entry = {"file": name, "class": class_name}
        if where is None:
            _add_class(document, class_name, people)
            tally.new.append(entry)
            changed = True
            continue
        path_to = ("grades", where[0], "classes", where[1], "assistants")
        listed = {_person(p) for p in document.get(path_to) or []}
        given = {p["name"] for p in people}
        if not given or listed == given or (listed and not options.replace):
            if listed and given and listed != given:
                problems.warn("import_roster_class_kept", name, None, value=class_name)
            tally.existing.append(entry)
            continue
        document.set(path_to, people)
        tally.filled.append(entry)
        changed = True
    if changed and not options.dry_run:
        try:
            document.write()
        except EditConflict:
            problems.error("import_file_changed", name, None)


def _person(entry: Any) -> str:
    """An assistant's name, written as `- name: 李娜` or as a bare `- 李娜`."""
    return str(entry.get("name")) if isinstance(entry, dict) else str(entry)


def _find_class(grades: list, class_name: str) -> tuple[int, int] | None:
    key = class_key(class_name)
    for g, grade in enumerate(grades):
        for c, entry in enumerate(grade.get("classes") or []):
            written = str(entry.get("class") if isinstance(entry, dict) else entry)
            if written == class_name or (parse_class(written) and class_key(written) == key):
                return g, c
    return None


def _add_class(document, class_name: str, people: list[dict[str, str]]) -> None:
    grade = parse_class(class_name)[0]
    grades = document.get("grades") or []
    entry = {"class": class_name, "assistants": people} if people else {"class": class_name}
    for g, written in enumerate(grades):
        if grade_number(str(written.get("grade"))) == grade_number(grade):
            classes = written.get("classes") or []
            at = bisect.bisect([class_key(str(c.get("class"))) for c in classes], class_key(class_name))
            document.insert(("grades", g, "classes"), at, entry)
            return
    at = bisect.bisect([grade_number(str(g.get("grade"))) for g in grades], grade_number(grade))
    document.insert("grades", at, {"grade": grade, "classes": [entry]})


def roster_text(semester: str, classes: dict[str, list[dict[str, str]]]) -> str:
    """A new roster file, laid out as the sample's, its fields explained."""
    helps = {f.name: f.help for f in ROSTER.fields}
    lines = [f"# {ROSTER.help}", f"semester: {yaml_scalar(semester)}  # {helps['semester']}",
             f"grades:  # {helps['grades']}"]
    by_grade: dict[str, list[str]] = {}
    for class_name in sorted(classes, key=class_key):
        by_grade.setdefault(parse_class(class_name)[0], []).append(class_name)
    for grade, names in by_grade.items():
        lines += [f"  - grade: {yaml_scalar(grade)}", "    classes:"]
        for class_name in names:
            lines.append(f"      - class: {yaml_scalar(class_name)}")
            if classes[class_name]:
                lines.append("        assistants:")
            for person in classes[class_name]:
                lines.append(f"          - name: {yaml_scalar(person['name'])}")
                if person.get("role"):
                    lines.append(f"            role: {yaml_scalar(person['role'])}")
    return "\n".join(lines) + "\n"
