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


def test_gbk_file_is_refused_with_how_to_resave(tmp_path):
    source, problems = load(tmp_path, "a.md", "---\ntitle: 西游记\n---\n".encode("gbk"))
    assert source is None
    assert [(p.code, p.line) for p in problems] == [("not_utf8", 2)]


def test_yaml_error_points_at_the_line(tmp_path):
    source, problems = load(tmp_path, "a.yaml", "title: 好\nauthor: [吴承恩\nyear: 2019\n".encode())
    assert source is None
    assert problems[0].code == "yaml_syntax" and problems[0].line in (2, 3)


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
