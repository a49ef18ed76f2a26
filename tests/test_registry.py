"""The content-type registry: every type has all that the rest of the program asks of a type.

Walks the registry, so a type added without validation, a scaffold, a README field table, a
property-test strategy, pages or search rows fails here, by name.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.kinds import Kind
from generator.load import load_file
from generator.problems import Problems
from generator.registry import content_types, model_order, reserved_folders, type_of
from generator.scaffold import scaffold
from generator.schema import Schema, validate

TYPES = content_types()


def all_fields(schema: Schema):
    for field in schema.fields:
        yield field
        if field.item is not None:
            yield from all_fields(field.item)


def test_the_types_are_the_ones_a_school_publishes():
    assert [t.name for t in TYPES] == ["books", "lists", "calendar", "awards", "writing", "rosters", "stats", "news",
                                       "pages", "newsletters"]
    assert len({t.command for t in TYPES}) == len(TYPES)


@pytest.mark.parametrize("content", TYPES, ids=lambda t: t.name)
def test_every_field_has_a_kind_a_help_text_and_a_strategy(content):
    assert content.schema.help, content.name
    for field in all_fields(content.schema):
        assert isinstance(field.kind, Kind), field
        assert field.help, f"{content.name}.{field.name} needs a help text (the librarian reads it)"
        assert field.kind.describe() and field.kind.form()["widget"]

        @settings(max_examples=5, database=None)
        @given(value=field.kind.strategy())
        def draws(value):
            pass
        draws()


@pytest.mark.parametrize("content", TYPES, ids=lambda t: t.name)
def test_every_type_has_a_readme_field_table(content):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"#### {content.schema.help} — `{content.where}`" in readme


@pytest.mark.parametrize("content", TYPES, ids=lambda t: t.name)
def test_every_type_scaffolds_a_file_that_is_read_back_as_its_type(content, tmp_path):
    path = scaffold(content.command, "读书节", tmp_path / "content", dt.date(2026, 3, 5))
    assert type_of(path, tmp_path / "content") is content
    problems = Problems()
    source = load_file(path, tmp_path, content.name, problems)
    assert source is not None and not problems, problems
    validate(source.data, content.schema, source.name, problems)
    assert {p.code for p in problems} <= {"empty_field"}, problems  # what the librarian must fill, and no more


@pytest.mark.parametrize("content", TYPES, ids=lambda t: t.name)
def test_every_type_makes_pages_or_sheets_and_search_rows(content, sample):
    # Its pages: made from its files, and from files of the types it needs (the covers of the
    # books pupils' writing is about).
    folders = tuple(f"content/{name}/" for name in (content.name, *content.needs))
    pages = [page for page in sample.pages if any(i.startswith(folders[0]) for i in page.inputs)
             and all(i.startswith(folders) for i in page.inputs)]
    made = content.pages is not None or content.name == "newsletters"  # newsletters are printed (print/blackboard/)
    assert made and (pages or content.pages is None), content.name
    if content.pages is not None:
        assert content.search is not None, f"{content.name} has pages but no search rows"
        assert content.menu or content.name == "pages", content.name  # standing pages have a menu of their own


def test_the_model_is_made_in_an_order_where_needs_come_first():
    made: list[str] = []
    for content in model_order():
        assert set(content.needs) <= set(made), content.name
        made.append(content.name)


def test_a_standing_page_cannot_take_a_folder_of_another_type():
    assert {"books", "lists", "calendar", "awards", "roster", "rotation", "stats", "news", "images"} <= reserved_folders()
