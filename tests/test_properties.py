"""Property tests: random bytes, YAML, front matter and Markdown give a page or a clean error, never a traceback.

Each build is a full build (load, validate, model, routes, render, publish) over a copy of the
mini fixture site with one file replaced. Templates are compiled once per test module (a shared
Jinja bytecode cache), so a build takes milliseconds and a few hundred examples stay fast.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import jinja2
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import MINI, build_project
from generator import render
from generator.outputs import BuildOptions
from generator.load import load_file
from generator.problems import BuildFailed, Problems
from generator.registry import ContentType, content_type, content_types
from generator.schema import Schema
from test_hostile import Markup, active_markup

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TYPES = content_types()
BOOKS = content_type("books")


def file_of(content: ContentType) -> str:
    """Where a type's random document is written: a name its scaffold would give on 2026-03-03."""
    return f"content/{content.name}/{content.scaffold.file_name('random', 'random', dt.date(2026, 3, 3))}{content.suffix}"


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the mini site, and templates compiled once for all examples."""
    cache = MemoryBytecodeCache()
    real = jinja2.Environment

    def environment(*args, **kwargs):
        return real(*args, bytecode_cache=cache, **kwargs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render.jinja2, "Environment", environment)
        project = tmp_path_factory.mktemp("prop") / "project"
        shutil.copytree(MINI, project)
        yield project


def build_with(project: Path, relative: str, data: bytes | str):
    """Build with one file replaced; return the result or the BuildFailed. Anything else fails the test."""
    path = project / relative
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    try:
        result = build_project(project, project / "output", options=BuildOptions(pdf=False))  # PDFs: tested elsewhere
        assert not [p for p in result.problems if p.is_error]
        event("built")
        return result
    except BuildFailed as failed:
        assert failed.problems and any(p.is_error for p in failed.problems)
        event("refused: " + min(p.code for p in failed.problems if p.is_error))
        assert all(p.file is not None and (p.line is None or p.line >= 1) for p in failed.problems)
        return failed
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


# --- strategies ---------------------------------------------------------------------------------

YAML_CHARS = st.sampled_from(list(":-[]{},#&*!|>%@`\"' \t\n：，　、（）()0123456789abcXYZ西游记吴承恩年班") + [
    "\r\n", "\ufeff", "\x00", "\x0b", "- ", ": ", "\n  ", "2026-02-30", "2026-13-01", "2026-03-05", "12:00", "[[[[[[[[",
    "&a ", "*a", "!!binary ", "!!python/object ", "? ", "title: ", "date: ", "shelved: ", "isbn: ", "items:\n  - ", "winners:\n  - "])
yaml_text = st.lists(YAML_CHARS, max_size=120).map("".join)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(["2026-03-05", "2026-02-30", "3月5日", "12:00-12:50", "12:00", "978-7-02-000873-5", "I287.45",
                     "三年级(2)班", "一年级(1)班", "高年级", "pupils", "classes", "周一", "xiyouji", "<script>alert(1)</script>",
                     "../../etc/passwd", "CON", "", " ", "　", "nothere.png", "xiyouji.svg"]),
)
anything = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                        max_leaves=12)


def document(schema: Schema, depth: int = 0) -> st.SearchStrategy[dict]:
    """Mappings that use the schema's own field names (so they reach deep into the builders), each
    with values its kind accepts, near misses (the kind's own strategy) or anything at all."""
    def value(field):
        if field.item is not None and depth < 3:
            record = document(field.item, depth + 1)
            return st.one_of(anything, st.lists(st.one_of(record, scalars), max_size=4), record)
        return st.one_of(anything, field.kind.strategy())
    optional = {f.name: value(f) for f in schema.fields}
    return st.fixed_dictionaries({}, optional=optional).flatmap(
        lambda d: st.dictionaries(st.text(max_size=6), scalars, max_size=2).map(lambda extra: {**extra, **d}))


def as_file(content: ContentType, data: dict, body: str = "") -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n{body}" if content.suffix == ".md" else text


types = st.sampled_from(TYPES)
markdown_text = st.lists(st.one_of(
    st.text(max_size=20),
    st.sampled_from(["\n", "\n\n", "# ", "## ", "* ", "1. ", "> ", "```\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "[^1]", "[^1]: 注\n",
                     "{: .x }", "[toc]", "[链接](javascript:alert(1))", "![图](x.png)", "<script>alert(1)</script>",
                     "<img src=x onerror=alert(1)>", "<iframe src=//evil>", "<a href='javascript:alert(1)'>x</a>", "<svg onload=alert(1)>",
                     "<!--", "-->", "<div>", "</div>", "&amp;", "&#0;", "\x00", "*", "_", "`", "\\", "---\n", "***", "<", ">"])),
    max_size=40).map("".join)


# --- properties ---------------------------------------------------------------------------------

@SETTINGS
@given(raw=st.binary(max_size=300), prefix=st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf---\r\n", b"\xff\xfe"]),
       suffix=st.sampled_from([".md", ".yaml"]))
def test_random_bytes_are_loaded_or_refused_with_a_problem(tmp_path_factory, raw, prefix, suffix):
    folder = tmp_path_factory.mktemp("bytes", numbered=True)
    path = folder / f"random{suffix}"
    path.write_bytes(prefix + raw)
    problems = Problems()
    source = load_file(path, folder, "books", problems)
    assert source is not None or problems.errors


@SETTINGS
@given(text=yaml_text, content=types)
def test_random_yaml_text_builds_or_fails_cleanly(site, text, content):
    if content.suffix == ".md":
        text = f"---\n{text}\n---\n正文\n"
    build_with(site, file_of(content), text)


@SETTINGS
@given(data=st.data(), content=types)
def test_random_documents_of_every_content_type_build_or_fail_cleanly(site, data, content):
    build_with(site, file_of(content), as_file(content, data.draw(document(content.schema))))


@SETTINGS
@given(front=st.dictionaries(st.sampled_from([f.name for f in BOOKS.schema.fields] + ["auther", "标题", "title　"]), anything,
                             max_size=8))
def test_random_front_matter_builds_or_fails_cleanly(site, front):
    build_with(site, file_of(BOOKS), as_file(BOOKS, front, "正文\n"))


@SETTINGS
@given(body=markdown_text)
def test_random_markdown_always_builds_and_never_carries_markup_through(site, body):
    front = {"title": "随机", "author": "某人", "shelved": dt.date(2026, 3, 3)}
    result = build_with(site, file_of(BOOKS), as_file(BOOKS, front, body))
    assert not isinstance(result, BuildFailed), result.problems
    html = (site / "output/books/random/index.html").read_text(encoding="utf-8")
    page = Markup()
    page.feed(html)
    assert active_markup(html, page) == set() and page.handlers == []
    assert not [u for u in page.urls if "javascript:" in u.lower()]
