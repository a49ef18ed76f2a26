"""The load stage: encodings, line endings, front matter and YAML mistakes become problems with lines."""
from __future__ import annotations

from pathlib import Path

from generator.load import load_file
from generator.problems import Problems


def load(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    problems = Problems()
    return load_file(path, tmp_path, "books", problems), problems


def test_bom_and_windows_line_endings_are_read_transparently(tmp_path):
    text = "---\r\ntitle: 西游记\r\nauthor: 吴承恩\r\n---\r\n正文\r\n"
    source, problems = load(tmp_path, "a.md", "\ufeff".encode() + text.encode("utf-8"))
    assert not problems
    assert source.data["title"] == "西游记" and source.body.strip() == "正文"
    assert source.data.line_of("author") == 3


def test_gbk_file_is_read_with_a_warning_to_resave(tmp_path):
    source, problems = load(tmp_path, "a.md", "---\r\ntitle: 西游记\r\nauthor: 吴承恩，“名著”\r\n---\r\n正文\r\n".encode("gbk"))
    assert source.data["title"] == "西游记" and source.data["author"] == "吴承恩，“名著”"
    assert [(p.code, p.is_error) for p in problems] == [("encoding_gbk", False)]


def test_bytes_that_only_look_like_gbk_are_refused_not_garbled(tmp_path):
    # Big5 (traditional Chinese Windows) and Windows-1252 decode as GB18030 without an error,
    # but into nonsense characters; they must be refused with how to re-save as UTF-8.
    for index, raw in enumerate(["---\ntitle: 西遊記與紅樓夢的故事\n---\n".encode("big5"),
                                 "---\ntitle: “Café” — naïve résumé\n---\n".encode("cp1252")]):
        source, problems = load(tmp_path, f"a{index}.md", raw)
        assert source is None
        assert [(p.code, p.line, p.column) for p in problems] == [("not_utf8", 2, 8)]


def test_notepad_unicode_utf16_is_read(tmp_path):
    source, problems = load(tmp_path, "a.md", "---\r\ntitle: 西游记\r\n---\r\n".encode("utf-16"))
    assert not problems and source.data["title"] == "西游记"


def test_yaml_error_points_at_the_line(tmp_path):
    source, problems = load(tmp_path, "a.yaml", "title: 好\nauthor: [吴承恩\nyear: 2019\n".encode())
    assert source is None
    assert [(p.code, p.line, p.column, p.excerpt) for p in problems] == [("yaml_unclosed_bracket", 2, 9, "author: [吴承恩")]


def test_full_width_colon_gets_its_own_hint(tmp_path):
    source, problems = load(tmp_path, "a.md", "---\ntitle: 西游记\nauthor：吴承恩\n  x: 1\n---\n".encode())
    assert source is None
    assert problems[0].code == "yaml_fullwidth_colon"


def test_front_matter_lines_count_from_the_top_of_the_file(tmp_path):
    source, problems = load(tmp_path, "a.md", "---\ntitle: 西游记\n\nshelved: 2026-03-01\n---\n".encode())
    assert source.data.line_of("shelved") == 4


def test_markdown_without_front_matter(tmp_path):
    source, problems = load(tmp_path, "a.md", "# 西游记\n".encode())
    assert source is None and problems[0].code == "no_front_matter" and problems[0].line == 1


def test_a_list_where_fields_belong(tmp_path):
    source, problems = load(tmp_path, "a.yaml", "- 西游记\n- 草房子\n".encode())
    assert source is None and problems[0].code == "not_a_mapping"


def test_impossible_date_is_a_field_problem_not_a_crash(tmp_path):
    source, problems = load(tmp_path, "a.md", "---\ntitle: 书\nshelved: 2026-13-01\n---\n".encode())
    assert not problems and source.data["shelved"] == "2026-13-01"
