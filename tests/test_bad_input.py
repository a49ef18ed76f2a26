"""Every kind of bad input a librarian meets, one fixture per problem: the code, file, line and column.

Each case writes one broken (or odd) file into a copy of the mini fixture site and builds it; the
problem reported for that file must be exactly the one expected. The same problems then render
in both languages without leftover {placeholders}.
"""
from __future__ import annotations

import re
import string
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import build_project, phone_photo
from import_fixtures import by_hand, cnmarc, csv_bytes, xlsx_bytes
from generator.console import MESSAGES, Console, say
from generator.problems import BuildFailed, Problem, Problems
from generator.write import check_paths

BOOK = "---\ntitle: 新书\nauthor: 作者\nshelved: 2026-03-01\n{extra}---\n正文\n"
CALENDAR = "semester: 学期\nfirst_day: 2026-02-23\nlast_day: 2026-07-03\nactivities:\n{extra}"
AWARD = "name: 奖\ndate: 2026-02-28\n{extra}winners:\n{winners}"
ROSTER = ("semester: 学期\ngrades:\n  - grade: 一年级\n    classes:\n      - class: 一年级(1)班\n"
          "rotation:\n  - day: 周一\n    time: \"12:00-12:50\"\n    classes: [{klass}]\n")


def png(width: int, height: int, body: bytes = b"") -> bytes:
    """A PNG whose header claims width×height; the pixels may be missing (Pillow reads the header first)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


# "Billion laughs": each line names the one above nine times, so eleven lines stand for 9^10
# strings. Before anchors were refused, this list took the build to a MemoryError at a 3 GB limit
# after 83 s (the issue saw 16.5 GB), spelling out the description for its message.
ALIAS_BOMB = "title: 书目\n" + "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9) if n else ', '.join(['哈'] * 9)}]\n" for n in range(10)) + "description: *l9\n"


def config_with(extra: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        config = project / "config.yaml"
        config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return make


def symlink_out(project: Path) -> None:
    outside = project.parent / "elsewhere.md"
    outside.write_text(BOOK.format(extra=""), encoding="utf-8")
    (project / "content/books/link.md").symlink_to(outside)


def cover_linked_out(project: Path) -> None:
    # A sound picture, but elsewhere on the computer: it would be copied into output/ and the posters.
    secret = project.parent / "secret.svg"
    secret.write_bytes((project / "content/books/xiyouji.svg").read_bytes())
    (project / "content/images").mkdir()
    (project / "content/images/linked.svg").symlink_to(secret)
    (project / B).write_text(BOOK.format(extra="cover: linked.svg\n"), encoding="utf-8")


def theme_linked_out(project: Path) -> None:
    secret = project.parent / "secret.css"
    secret.write_text("body { color: red }", encoding="utf-8")
    (project / "themes/mine/static").mkdir(parents=True)
    (project / "themes/mine/static/extra.css").symlink_to(secret)
    config_with("theme: mine\n")(project)


def book_with_cover(name: str, data: bytes) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / "content/books" / name).write_bytes(data)
        (project / "content/books/new.md").write_text(BOOK.format(extra=f"cover: {name}\n"), encoding="utf-8")
    return make


def newsletters(**files: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        (project / "content/newsletters").mkdir()
        for name, text in files.items():
            (project / f"content/newsletters/{name}.yaml").write_text(text, encoding="utf-8")
    return make


def broken_template(project: Path) -> None:
    (project / "themes/mine/templates").mkdir(parents=True)
    (project / "themes/mine/templates/page.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{% if %}\n", encoding="utf-8")
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: mine\n", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # the file the problem is reported against
    content: str | bytes | Callable[[Path], None]  # written to `file`, or a function that sets the project up
    code: str
    line: int | None
    column: int | None = None
    error: bool = True
    extra: dict[str, str] = field(default_factory=dict)  # more files to write first


B = "content/books/new.md"
CASES = [
    # --- reading the file: encodings and characters
    Case("big5 bytes are refused, not garbled", B, "---\ntitle: 西遊記與紅樓夢的故事\n---\n".encode("big5"), "not_utf8", 2, 8),
    Case("gbk file read with a warning", B, BOOK.format(extra="").replace("\n", "\r\n").encode("gbk"), "encoding_gbk", None, error=False),
    Case("control character pasted from Word", B, BOOK.format(extra="publisher: 人民\x0b出版社\n"), "control_character", 5, 14),
    # --- YAML mistakes, each in plain words, at the line and column
    Case("full-width colon", B, BOOK.format(extra="publisher：人民文学出版社\n  x: 1\n"), "yaml_fullwidth_colon", 5, 10),
    Case("tab indent", "content/lists/bad.yaml", "title: 书目\nitems:\n\t- title: 西游记\n", "yaml_tab", 3, 1),
    Case("unclosed quote", B, BOOK.format(extra="publisher: \"人民文学出版社\nyear: 2019\n"), "yaml_unclosed_quote", 5, 12),
    Case("unclosed bracket", B, BOOK.format(extra="tags: [名著, 古典\nyear: 2019\n"), "yaml_unclosed_bracket", 5, 7),
    Case("line without colon", B, BOOK.format(extra="人民文学出版社\nyear: 2019\n"), "yaml_missing_colon", 5),
    Case("colon inside a value", B, BOOK.format(extra="publisher: 出版社: 人民文学\n"), "yaml_colon_in_value", 5, 15),
    Case("indent too deep", B, BOOK.format(extra="  year: 2019\n"), "yaml_indent", 5, 3),
    Case("list entry fields misaligned", "content/lists/bad.yaml", "title: 书目\nitems:\n  - title: 西游记\n   author: 吴承恩\n",
         "yaml_indent", 4, 4),
    Case("value starting with @", B, BOOK.format(extra="recommended_by: @王老师\n"), "yaml_reserved_character", 5, 17),
    Case("text after the closing quote", B, BOOK.format(extra="publisher: \"人民文学出版社\"（2019 年版）\n"), "yaml_text_after_quote", 5, 21),
    Case("line starting with %", "content/lists/bad.yaml", "title: 书目\n%50 的学生推荐\n", "yaml_reserved_character", 2, 1),
    Case("value starting with &", B, BOOK.format(extra="publisher: & 出版社\n"), "yaml_reserved_character", 5, 12),
    Case("alias bomb (billion laughs)", "content/lists/bad.yaml", ALIAS_BOMB, "yaml_anchor", 2, 5),
    Case("anchor that would swallow text", B, BOOK.format(extra="recommended_by: &A 组\n"), "yaml_anchor", 5, 17),
    Case("alias in config.yaml", "config.yaml", config_with("theme: *default\n"), "yaml_anchor", 8, 8),
    Case("brackets 10,000 deep", "content/lists/bad.yaml", "title: 书目\nitems: " + "[" * 10_000 + "]" * 10_000 + "\n",
         "yaml_too_deep", 2, 1007),
    Case("lists 300 deep", "content/lists/bad.yaml", "title: 书目\nitems:\n" + "".join("  " * n + "-\n" for n in range(1, 300)),
         "yaml_too_deep", 102, 201),
    Case("unknown YAML tag", B, BOOK.format(extra="publisher: !重要 人民文学出版社\n"), "yaml_syntax", 5, 13),
    Case("field written twice", B, BOOK.format(extra="title: 另一个书名\n"), "duplicate_key", 5),
    Case("no front matter", B, "# 新书\n正文\n", "no_front_matter", 1),
    Case("a picture in the text that is not there", B, BOOK.format(extra="").replace("正文", "正文\n\n![插图](nothere.png)"),
         "text_picture_missing", 8, error=False),
    Case("front matter never closed", B, "---\ntitle: 新书\nauthor: 作者\nshelved: 2026-03-01\n正文\n", "front_matter_unclosed", 1),
    Case("grade bands written with Chinese commas", B, BOOK.format(extra="grade_bands: [低年级、中年级]\n"),
         "grade_bands_one_item", 5),
    Case("a book entered twice", "content/books/xiyouji-2.md",
         "---\ntitle: 西游记\nauthor: 吴承恩\nshelved: 2026-03-01\n---\n正文\n", "duplicate_book", None, error=False),
    Case("a file Windows copied", "content/books/caofangzi - 副本.md",
         "---\ntitle: 草房子（副本）\nauthor: 曹文轩\nshelved: 2026-03-01\n---\n正文\n", "copied_file", None, error=False),
    Case("a value pasted in curly quotes", B, BOOK.format(extra="publisher: “人民文学出版社”\n"), "curly_quotes", 5, 12,
         error=False),
    Case("a list where fields belong", "content/lists/bad.yaml", "- 西游记\n- 草房子\n", "not_a_mapping", 1),
    Case("entry that is a list", "content/awards/bad.yaml", AWARD.format(extra="", winners="  - [张伟, 一等奖]\n"),
         "not_a_mapping_item", 3),
    # --- raw HTML the sanitiser removes: the librarian is told what and why (a warning)
    Case("video embedded with an iframe", B, BOOK.format(extra="").replace("正文", '好书\n\n<iframe src="https://v.example/1"></iframe>'),
         "html_embed_removed", 8, error=False),
    Case("script in a text", B, BOOK.format(extra="").replace("正文", "<script>alert(1)</script>"), "html_script_removed", 6, error=False),
    Case("link to a file on the computer", B, BOOK.format(extra="").replace("正文", "见[通知](file:///C:/通知.doc)"),
         "html_link_removed", 6, error=False),
    Case("picture pasted from Word", B, BOOK.format(extra="").replace("正文", "![](data:image/png;base64,iVBORw0KGgo=)"),
         "html_image_removed", 6, error=False),
    Case("HTML tags a text cannot use", B, BOOK.format(extra="").replace("正文", "<center>居中</center>"), "html_tag_removed", 6,
         error=False),
    # --- fields: required, kinds, formats
    Case("missing required field", B, "---\ntitle: 新书\nshelved: 2026-03-01\n---\n", "missing_field", 2),
    Case("required field left empty", B, "---\ntitle: 新书\nauthor:   # 作者\nshelved: 2026-03-01\n---\n", "empty_field", 3),
    Case("number written in words", B, BOOK.format(extra="year: 二〇一九\n"), "wrong_kind", 5, 7),
    Case("date in Chinese", B, "---\ntitle: 新书\nauthor: 作者\nshelved: 3月5日\n---\n", "bad_date", 4, 10),
    Case("day that does not exist", B, "---\ntitle: 新书\nauthor: 作者\nshelved: 2026-02-30\n---\n", "no_such_date", 4, 10),
    Case("month 13", "content/stats/2026-13.yaml", "month: 2026-13\nweeks: [2026-03-02]\nclasses:\n  - class: 一年级(1)班\n    pupils: 30\n    loans: [5]\n",
         "bad_month", 1, 8),
    Case("choice not allowed", B, BOOK.format(extra="audience: [parents]\n"), "bad_choice", 5, 11),
    Case("ISBN check digit", B, BOOK.format(extra="isbn: \"978-7-02-000873-4\"\n"), "bad_isbn_checksum", 5, 7),
    Case("not an ISBN", B, BOOK.format(extra="isbn: \"12345\"\n"), "bad_isbn", 5, 7),
    Case("CLC call number", B, BOOK.format(extra="call_number: 文学\n"), "bad_call_number", 5, 14),
    Case("unquoted time", "content/calendar/2026-spring.yaml", CALENDAR.format(extra="  - date: 2026-03-05\n    title: 讲座\n    time: 14:00\n"),
         "unquoted_time", 7, 11),
    Case("time range unreadable", "content/calendar/2026-spring.yaml", CALENDAR.format(extra="  - date: 2026-03-05\n    title: 讲座\n    time: 下午两点\n"),
         "bad_time_range", 7, 11),
    Case("full-width space in a field name", B, BOOK.format(extra="year\u3000: 2019\n"), "fullwidth_key", 5),
    Case("unknown field (typo)", B, BOOK.format(extra="auther: 某人\n"), "unknown_field", 5, error=False),
    # --- what the fields mean together
    Case("grade band not in config", B, BOOK.format(extra="grade_bands: [幼儿园]\n"), "unknown_grade_band", 5),
    Case("cover missing", B, BOOK.format(extra="cover: nothere.png\n"), "missing_cover", 5),
    Case("cover not an image", B, book_with_cover("notes.txt", b"hello"), "cover_not_image", 5),
    Case("cover damaged", B, book_with_cover("broken.png", b"\x89PNG\r\n\x1a\nthis is not really a picture"), "cover_broken", 5),
    Case("cover truncated", B, book_with_cover("cut.png", png(20, 20, zlib.compress(b"\0" * 50))), "cover_broken", 5),
    Case("cover a HEIC photo renamed", B, book_with_cover("photo.jpg", b"\0\0\0\x18ftypheic" + b"\0" * 64), "cover_broken", 5),
    Case("cover too many pixels", B, book_with_cover("huge.png", png(12000, 11000)), "cover_too_large", 5),
    Case("cover a decompression bomb", B, book_with_cover("bomb.png", png(65000, 65000, zlib.compress(b"\0" * 100_000))),
         "cover_too_large", 5),
    Case("cover photo cut off", B, book_with_cover("cut.jpg", phone_photo(400, 300)[:-3000]), "cover_broken", 5),
    Case("cover svg with a script", B, book_with_cover("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
         "cover_svg_script", 5),
    Case("cover svg with an event handler", B, book_with_cover("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
         "cover_svg_script", 5),
    # A URL could encode these names; a Windows folder cannot hold them. The picture is to blame, not config.yaml.
    Case("cover whose name Windows cannot hold", 'content/books/a"b.svg',
         book_with_cover('a"b.svg', (Path(__file__).parent / "fixtures/mini/content/books/xiyouji.svg").read_bytes()),
         "unsafe_output_path", None),
    Case("cover named with a colon", "content/books/a:b.svg",
         book_with_cover("a:b.svg", (Path(__file__).parent / "fixtures/mini/content/books/xiyouji.svg").read_bytes()),
         "unsafe_output_path", None),
    Case("reading list names an unknown book", "content/lists/bad.yaml", "title: 书目\nitems:\n  - book: nosuchbook\n", "unknown_book", 3),
    Case("newsletter picks an unknown book", "content/newsletters/n1.yaml",
         newsletters(n1="number: 1\ndate: 2026-03-02\nbooks: [xiyouji, nosuchbook]\n"), "newsletter_unknown_book", 3),
    Case("newsletter picks an unknown award", "content/newsletters/n1.yaml",
         newsletters(n1="number: 1\ndate: 2026-03-02\nawards: [nosuchaward]\n"), "newsletter_unknown_award", 3),
    Case("two newsletters with one number", "content/newsletters/n2.yaml",
         newsletters(n1="number: 1\ndate: 2026-03-02\n", n2="date: 2026-04-01\nnumber: 1\n"), "newsletter_same_number", 2),
    Case("newsletter title too long for its sheet", "content/newsletters/n1.yaml",
         newsletters(n1="number: 1\ndate: 2026-03-02\ntitle: " + "读书" * 20 + "\n"), "print_shortened", None, error=False),
    Case("a character no print font has", B, BOOK.format(extra="featured: true\n").replace("正文", "好书\U00030000在此"),
         "print_missing_glyph", None),
    Case("writing names a book file that is not there", "content/writing/du-hou-gan.md",
         "---\ntitle: 读后感\npupil: 王芳\nclass: 三年级(1)班\ndate: 2026-03-02\nbook: xiyouj\n---\n正文\n", "writing_unknown_book", 6,
         error=False),
    Case("writing names an award list that is not there", "content/writing/du-hou-gan.md",
         "---\ntitle: 读后感\npupil: 王芳\nclass: 三年级(1)班\ndate: 2026-03-02\naward: zhengwen\n---\n正文\n",
         "writing_unknown_award", 6),
    Case("reading list entry without book or title", "content/lists/bad.yaml", "title: 书目\nitems:\n  - note: 好书\n", "list_item_needs_title", 3),
    Case("activity with two kinds of date", "content/calendar/2026-spring.yaml",
         CALENDAR.format(extra="  - title: 两种日期\n    date: 2026-03-01\n    month: 2026-03\n"), "activity_when", 5),
    Case("activity ends before it starts", "content/calendar/2026-spring.yaml",
         CALENDAR.format(extra="  - title: 读书节\n    start: 2026-04-30\n    end: 2026-04-20\n"), "range_backwards", 5),
    Case("activity outside the semester", "content/calendar/2026-spring.yaml",
         CALENDAR.format(extra="  - title: 讲座\n    date: 2025-03-05\n"), "outside_semester", 5, error=False),
    Case("pupil winner without a name", "content/awards/bad.yaml", AWARD.format(extra="", winners="  - class: 一年级(1)班\n"), "winner_needs_name", 4),
    Case("class award winner without a class", "content/awards/bad.yaml", AWARD.format(extra="kind: classes\n", winners="  - level: 一等奖\n"),
         "winner_needs_class", 5),
    Case("award class not on the roster", "content/awards/bad.yaml", AWARD.format(extra="", winners="  - name: 王芳\n    class: 九年级(9)班\n"),
         "unknown_class", 4, error=False),
    Case("rotation names a class not on the roster", "content/rosters/2026-spring.yaml", ROSTER.format(klass="三年级(9)班"),
         "rotation_unknown_class", 7),
    Case("loans do not match weeks", "content/stats/2026-03.yaml",
         "month: 2026-03\nweeks: [2026-03-02, 2026-03-09]\nclasses:\n  - class: 一年级(1)班\n    pupils: 30\n    loans: [1, 2, 3]\n",
         "loans_weeks_mismatch", 6),
    # --- file names that would become unsafe or clashing addresses
    Case("page named like a section", "content/pages/Books.md", "---\ntitle: 书\n---\n", "reserved_slug", 1),
    Case("file name with #", "content/books/a#b.md", BOOK.format(extra=""), "slug_bad_character", None),
    Case("file name ending in a dot", "content/books/xiyouji..md", BOOK.format(extra=""), "slug_bad_character", None),
    Case("file name of two dots", "content/books/..md", BOOK.format(extra=""), "slug_bad_character", None),
    Case("file name of three dots", "content/pages/...md", "---\ntitle: 说明\n---\n", "slug_bad_character", None),
    Case("Windows reserved name", "content/books/con.md", BOOK.format(extra=""), "slug_windows_name", None),
    Case("Windows reserved name with a dot", "content/pages/aux.notes.md", "---\ntitle: 说明\n---\n", "slug_windows_name", None),
    Case("very long file name", "content/books/" + "x" * 81 + ".md", BOOK.format(extra=""), "slug_too_long", None),
    # The same book twice (or a mistyped number): the ISBN-10 of one is the other's ISBN-13.
    Case("two books with one ISBN", B, BOOK.format(extra='isbn: "7-5366-9293-5"\n'), "duplicate_isbn", None, error=False,
         extra={"content/books/santi.md": BOOK.format(extra='isbn: "978-7-5366-9293-0"\n')}),
    Case("two books differing in capitals", "content/books/newbook.md", BOOK.format(extra=""), "duplicate_slug", None,
         extra={"content/books/NewBook.md": BOOK.format(extra="")}),
    Case("page clashing with an output file", "content/pages/index.html.md", "---\ntitle: 首页\n---\n", "output_path_clash", None),
    Case("two stats files for one month", "content/stats/2026-03b.yaml",
         "month: 2026-03\nweeks: [2026-03-02, 2026-03-09]\nclasses:\n  - class: 一年级(1)班\n    pupils: 30\n    loans: [1, 2]\n",
         "duplicate_month", 1),
    Case("symlink out of the project", "content/books/link.md", symlink_out, "symlink_outside", None),
    Case("cover that is a link out of the project", "content/images/linked.svg", cover_linked_out, "symlink_outside", None),
    Case("theme file that is a link out of the project", "themes/mine/static/extra.css", theme_linked_out, "symlink_outside", None),
    # --- configuration and theme
    Case("unknown theme", "config.yaml", lambda p: (p / "config.yaml").write_text(
        (p / "config.yaml").read_text(encoding="utf-8") + "theme: nosuch\n", encoding="utf-8"), "unknown_theme", None),
    Case("broken template", "themes/mine/templates/page.html", broken_template, "template_error", 3),
    Case("output folder that would replace content", "config.yaml", lambda p: None, "unsafe_output", None),
]

# Problems tested elsewhere, because they need something other than a file in a project.
TESTED_ELSEWHERE = {
    "edit_file_exists": "tests/test_editor.py::test_a_new_file_never_replaces_one_of_the_same_name (a form, not a file)",
    "no_config": "tests/test_cli.py::test_missing_config_is_explained",
    "unreadable_file": "test_unreadable_file_is_a_problem_not_a_traceback (below)",
    "unsafe_output_path": "test_output_paths_cannot_leave_the_output_folder (below)",
    "poster_no_qr": "tests/test_printables.py (the sample has no base_url)",
    "pdf_no_chinese_font": "tests/test_printables.py::test_without_chinese_fonts_no_pdf_is_made_and_the_librarian_is_told",
    "pdf_unavailable": "tests/test_printables.py::test_pdfs_from_the_cache_need_no_weasyprint_and_without_it_the_rest_is_still_built",
    "pdf_failed": "a PDF the renderer could not make: no content file makes that happen",
    "pdf_note": "WeasyPrint's own warnings while making a PDF",
    "glyph_check_skipped": "tests/test_printables.py (a computer without fontconfig)",
    "pdf_slow": "tests/test_printables.py (WeasyPrint without the HarfBuzz subsetter)",
    "poster_intro_shortened": "tests/test_printables.py (an over-long introduction)",
    "print_too_many": "tests/test_printables.py (a newsletter with too many activities)",
    "print_overflow": "tests/test_printables.py::test_a_board_full_of_books_with_covers_stays_on_its_one_sheet",
    "internal_error": "tests/test_serve.py: a fault of the program, shown by the preview server",
    **{code: "tests/test_faults.py::test_each_disk_failure_is_said_in_its_own_words (a write the disk refuses)"
       for code in ("disk_full", "disk_read_only", "disk_no_permission", "disk_busy", "disk_error")},
    "build_busy": "tests/test_faults.py::test_a_build_kept_waiting_too_long_gives_up_with_exit_code_4",
    "import_file_changed": "tests/test_import_books.py::test_a_book_saved_while_the_import_runs_is_not_written",
    "init_needs": "tests/test_any_school.py::test_init_without_a_terminal_says_what_is_missing",
    "init_exists": "tests/test_any_school.py::test_init_refuses_a_folder_that_has_a_site",
    "no_config_found": "tests/test_any_school.py::test_bulletin_finds_config_yaml_in_a_folder_above_or_says_where_it_looked",
}
# Entries of messages.yaml that are words of the command line, not problems.
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(:[^{}]*)?\}")
NOT_PROBLEMS = {"label_error", "label_warning", "label_line", "label_fix", "new_created", "new_exists", "interrupted",
                "serve_started", "serve_rebuilt", "serve_failed", "serve_error_title", "serve_error_note",
                "serve_no_site", "serve_stopped", "build_waiting", "serve_editor", "serve_editor_off", "argparse", "init_done",
                "init_ask_school", "init_ask_library", "init_ask_grades"}
NOT_PROBLEMS |= {code for code in yaml.safe_load(MESSAGES.read_text(encoding="utf-8")) if code.startswith("help_")}


def problems_of(project: Path, case: Case) -> list[Problem]:
    for relative, text in case.extra.items():
        (project / relative).write_text(text, encoding="utf-8")
    path = project / case.file
    if callable(case.content):
        case.content(project)
    elif isinstance(case.content, bytes):
        path.write_bytes(case.content)
    elif not path.parent.is_dir():  # a folder the mini site lacks (content/writing/)
        path.parent.mkdir(parents=True)
        path.write_text(case.content, encoding="utf-8")
    else:
        path.write_text(case.content, encoding="utf-8")
    output = project / ("content" if case.code == "unsafe_output" else "output")
    try:
        return build_project(project, output).problems
    except BuildFailed as failed:
        return failed.problems


@pytest.fixture(scope="module")
def reported(tmp_path_factory, request) -> dict[str, list[Problem]]:
    """Each case's problems, built once for the module (the message tests reuse them)."""
    import shutil
    from conftest import MINI
    found = {}
    for case in CASES:
        project = tmp_path_factory.mktemp("bad") / "project"
        shutil.copytree(MINI, project)
        found[case.id] = problems_of(project, case)
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_reported_at_its_place(reported, case):
    problems = reported[case.id]
    mine = [p for p in problems if p.file == case.file]
    assert [(p.code, p.file, p.line) for p in mine] == [(case.code, case.file, case.line)], problems
    assert mine[0].is_error == case.error
    if case.column is not None:
        assert mine[0].column == case.column
    assert [p for p in problems if p.is_error and p not in mine] == []  # nothing else breaks


def test_every_problem_in_the_catalogue_has_a_bad_input_case():
    catalogue = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    problem_codes = {code for code in catalogue if code not in NOT_PROBLEMS and not code.startswith("summary_")}
    covered = {case.code for case in CASES} | {case.code for case in IMPORT_CASES} | set(TESTED_ELSEWHERE)
    assert problem_codes - covered == set()
    assert covered - problem_codes == set()  # and no case names a code without a message


def test_messages_say_the_same_in_both_languages():
    catalogue = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    for code, entry in catalogue.items():
        assert set(entry) == {"zh-CN", "en"}, code
        fields = [{name for _, name, _, _ in string.Formatter().parse(entry[lang].get(part, "")) if name}
                  for lang in ("zh-CN", "en") for part in ("message", "hint")]
        assert fields[0] == fields[2] and fields[1] == fields[3], code
        assert bool(entry["zh-CN"].get("hint")) == bool(entry["en"].get("hint")), code
        if code not in NOT_PROBLEMS and not code.startswith("summary_"):
            assert entry["en"].get("hint"), f"{code} says what is wrong but not how to fix it"


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_reported_problem_reads_without_leftover_placeholders(reported, imported, language):
    console = Console(language)
    shown = 0
    for problems in [*reported.values(), *imported.values()]:
        for problem in problems:
            for part in ("message", "hint"):
                text = say(problem.code, language, part, **problem.params)
                assert text and not PLACEHOLDER.search(text), (problem, text)
            assert console.format_problem(problem).startswith(problem.file)
            shown += 1
    assert shown >= len(CASES) + len(IMPORT_CASES)


def test_yaml_errors_show_the_line_with_a_caret_under_the_column(reported):
    problem = next(p for p in reported["full-width colon"] if p.code == "yaml_fullwidth_colon")
    text = Console("zh-CN").format_problem(problem)
    assert text.splitlines()[:3] == [
        "content/books/new.md:5:10: 错误: 这一行用了中文冒号“：”",
        "    5 | publisher：人民文学出版社",
        "      |          ^",
    ]


def test_unreadable_file_is_a_problem_not_a_traceback(project, monkeypatch):
    target = project / "content/books/caofangzi.md"
    real = Path.read_bytes

    def locked(self):
        if self == target:
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", locked)
    with pytest.raises(BuildFailed) as failed:
        build_project(project, project / "output")
    assert [(p.code, p.file) for p in failed.value.problems if p.is_error] == [("unreadable_file", "content/books/caofangzi.md")]


@pytest.mark.parametrize("path", ["../evil.html", "/etc/passwd", "books/../../x", "a/./b", "books/CON/index.html",
                                  "books/x\0y/index.html", "C:/x", "a\\b", "", "a//b", "x" * 256 + "/index.html",
                                  'images/a"b.png', "images/a<b>.png", "images/a|b.png", "images/a?.png", "images/a*.png",
                                  "images/a\x1fb.png", "images/end./x.png", "images/end .png "])
def test_output_paths_cannot_leave_the_output_folder(path):
    problems = Problems()
    check_paths([(path, "content/books/x.md")], problems)
    assert [(p.code, p.file) for p in problems] == [("unsafe_output_path", "content/books/x.md")]


def test_ordinary_output_paths_pass():
    problems = Problems()
    check_paths([("index.html", "a"), ("books/xiyouji/index.html", "b"), ("books/书名/index.html", "c")], problems)
    assert problems == []


MISTAKES = [  # (front matter, problem code) — cycled over 200 books
    ("title: 书\nshelved: 2026-03-01\n", "missing_field"),
    ("title: 书\nauthor: 某\nshelved: 3月5日\n", "bad_date"),
    ("title: 书\nauthor: 某\nshelved: 2026-03-01\nisbn: \"978-7-02-000873-4\"\n", "bad_isbn_checksum"),
    ("title: 书\nauthor：某\n  x: 1\nshelved: 2026-03-01\n", "yaml_fullwidth_colon"),
    ("title: 书\nauthor: 某\nshelved: 2026-03-01\ncall_number: 文学\n", "bad_call_number"),
]


def test_a_build_over_200_broken_files_reports_every_one_in_one_run(project):
    books = project / "content/books"
    for n in range(200):
        front, _ = MISTAKES[n % len(MISTAKES)]
        (books / f"broken-{n:03}.md").write_text(f"---\n{front}---\n正文\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_project(project, project / "output")
    errors = [p for p in failed.value.problems if p.is_error]
    assert len(errors) == 200
    assert len({p.file for p in errors}) == 200
    for problem in errors:
        n = int(problem.file.removeprefix("content/books/broken-").removesuffix(".md"))
        assert problem.code == MISTAKES[n % len(MISTAKES)][1] and problem.line
    assert not (project / "output").exists()


def test_a_shared_isbn_is_reported_on_both_books_naming_the_other(tmp_path):
    import shutil
    from conftest import MINI
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    (project / "content/books/santi.md").write_text(BOOK.format(extra='isbn: "978-7-5366-9293-0"\n'), encoding="utf-8")
    (project / "content/books/santi-2.md").write_text(BOOK.format(extra='isbn: "7536692935"\n'), encoding="utf-8")
    result = build_project(project, project / "output")  # a warning: the site is still built
    shared = sorted((p.file, p.params["other"]) for p in result.problems if p.code == "duplicate_isbn")
    assert shared == [("content/books/santi-2.md", "content/books/santi.md"),
                      ("content/books/santi.md", "content/books/santi-2.md")]
    assert (project / "output/books/santi/index.html").is_file()


# --- bulletin import: each problem of the files a librarian imports, at its record or sheet!row.
# Inputs are written into the working folder and named as typed there, so a problem's file is
# the name on the command line (or the content file it concerns).

def marc(*records: list) -> bytes:
    return b"".join(by_hand(fields, "utf-8") for fields in records)


def odd_layout(project: Path) -> None:  # a list indented in a way no writer reproduces
    (project / "content/books/caofangzi.md").write_text(
        "---\ntitle: 草房子\nauthor: 曹文轩\ngrade_bands:\n -  中年级\nshelved: 2026-02-20\n---\n正文\n", encoding="utf-8")


def unknown_pupils(project: Path) -> None:
    roster = project / "content/rosters/2026-spring.yaml"
    text = roster.read_text(encoding="utf-8").replace("        assistants: [{name: 李娜}]\n",
                                                      "        assistants: [{name: 李娜}]\n      - class: 一年级(2)班\n")
    roster.write_text(text, encoding="utf-8")


def no_roster(project: Path) -> None:
    (project / "content/rosters/2026-spring.yaml").unlink()


def autumn_taken(project: Path) -> None:
    (project / "content/rosters/2026-autumn.yaml").write_text(
        "semester: 兴趣小组学期\ngrades:\n  - grade: 一年级\n", encoding="utf-8")


def png_broken(folder: Path) -> None:
    (folder / "covers").mkdir()
    (folder / "covers/稻草人.png").write_bytes(b"\x89PNG broken")


REPORT = [["部门", "借阅量"]]
LOG = [["读者单位", "借书日期"]]


@dataclass(frozen=True)
class ImportCase:
    id: str
    argv: list[str]  # after `bulletin import`
    inputs: dict[str, bytes]  # files in the working folder
    file: str
    code: str
    line: int | str | None
    error: bool = True
    setup: Callable[[Path], None] | None = None  # changes the project first
    folder: Callable[[Path], None] | None = None  # adds to the working folder


IMPORT_CASES = [
    ImportCase("file not there", ["books", "nosuch.iso"], {}, "nosuch.iso", "import_file_missing", None),
    ImportCase("covers folder not there", ["books", "a.iso", "--covers", "封面"], {"a.iso": marc(cnmarc("稻草人"))},
               "封面", "import_covers_missing", None),
    ImportCase("week not a Monday", ["loans", "r.xlsx", "--week", "2026-03-18"], {"r.xlsx": xlsx_bytes(REPORT)},
               "2026-03-18", "import_week_not_monday", None),
    ImportCase("per-class report without a week", ["loans", "r.xlsx"],
               {"r.xlsx": xlsx_bytes([*REPORT, ["三年级(2)班", 3]])}, "r.xlsx", "import_week_needed", None),
    ImportCase("damaged CNMARC record", ["books", "a.iso"],
               {"a.iso": marc(cnmarc("稻草人")) + b"00042nam  22000251  450 \x1e\x1d" + marc(cnmarc("寄小读者"))},
               "a.iso", "import_record_unreadable", 2),
    ImportCase("CNMARC record in Big5", ["books", "a.iso"],
               {"a.iso": by_hand(cnmarc("西遊記", "吳承恩著", charset=None), "big5")}, "a.iso", "import_record_encoding", 1),
    ImportCase("record without an author", ["books", "a.iso"], {"a.iso": marc(cnmarc("稻草人"), cnmarc("无名", None))},
               "a.iso", "import_record_incomplete", 2),
    ImportCase("wrong ISBN in a record", ["books", "a.iso"], {"a.iso": marc(cnmarc("稻草人", isbn="978-7-02-013812-9"))},
               "a.iso", "import_bad_isbn", 1, error=False),
    ImportCase("call number not CLC", ["books", "l.csv"], {"l.csv": csv_bytes([["书名", "作者", "索书号"], ["稻草人", "叶圣陶", "文学"]])},
               "l.csv", "import_bad_call_number", "2", error=False),
    ImportCase("cover that is no picture", ["books", "a.iso", "--covers", "covers"], {"a.iso": marc(cnmarc("稻草人"))},
               "a.iso", "import_cover_unusable", 1, error=False, folder=png_broken),
    ImportCase("book file with an odd layout, --update", ["books", "a.iso", "--update"],
               {"a.iso": marc(cnmarc("草房子", "曹文轩著", isbn="978-7-5346-2906-8"))},
               "content/books/caofangzi.md", "import_not_editable", None, setup=odd_layout),
    ImportCase("damaged workbook", ["books", "l.xlsx"], {"l.xlsx": b"PK\x03\x04" + bytes(200)},
               "l.xlsx", "import_table_unreadable", None),
    ImportCase("CSV in Big5", ["books", "l.csv"], {"l.csv": csv_bytes([["題名", "責任者"], ["西遊記", "吳承恩"]], "big5")},
               "l.csv", "import_encoding", None),
    ImportCase("list without the headers", ["books", "l.csv"], {"l.csv": csv_bytes([["名字", "谁写的"], ["稻草人", "叶圣陶"]])},
               "l.csv", "import_no_header", None),
    ImportCase("department not on the roster", ["loans", "r.xlsx", "--week", "2026-03-16"],
               {"r.xlsx": xlsx_bytes([*REPORT, ["三年级(2)班", 3], ["教工", 9]])}, "r.xlsx", "import_unknown_class", "Sheet1!3",
               error=False),
    ImportCase("class name near one on the roster", ["loans", "r.xlsx", "--week", "2026-03-16"],
               {"r.xlsx": xlsx_bytes([*REPORT, ["一年纪(1)班", 3]])}, "r.xlsx", "import_class_near_miss", "Sheet1!2",
               error=False),
    ImportCase("loans that are no number", ["loans", "r.xlsx", "--week", "2026-03-16"],
               {"r.xlsx": xlsx_bytes([*REPORT, ["三年级(2)班", "很多"]])}, "r.xlsx", "import_bad_count", "Sheet1!2"),
    ImportCase("loan date that is no date", ["loans", "log.csv"],
               {"log.csv": csv_bytes([*LOG, ["三年级(2)班", "2026-03-16"], ["三年级(2)班", "上周三"]])},
               "log.csv", "import_bad_date", "3"),
    ImportCase("class with no pupils yet", ["loans", "r.xlsx", "--week", "2026-04-06"],
               {"r.xlsx": xlsx_bytes([*REPORT, ["一年级(2)班", 3], ["一年级(1)班", 4]])}, "content/stats/2026-04.yaml",
               "import_no_pupils", None, error=False, setup=unknown_pupils),
    ImportCase("week already in the file", ["loans", "r.xlsx", "--week", "2026-03-09"],
               {"r.xlsx": xlsx_bytes([*REPORT, ["三年级(2)班", 3]])}, "content/stats/2026-03.yaml", "import_week_exists", None,
               error=False),
    ImportCase("no roster to check classes against", ["loans", "r.xlsx", "--week", "2026-03-16"],
               {"r.xlsx": xlsx_bytes([*REPORT, ["三年级(2)班", 3]])}, "content/rosters", "import_no_roster", None,
               error=False, setup=no_roster),
    ImportCase("class list row that is no class", ["roster", "c.xlsx"],
               {"c.xlsx": xlsx_bytes([["班级", "姓名"], ["一年级(1)班", "李娜"], ["兴趣小组", "钱多"]])},
               "c.xlsx", "import_bad_class_name", "Sheet1!3"),
    ImportCase("class whose assistants differ", ["roster", "c.xlsx"],
               {"c.xlsx": xlsx_bytes([["班级", "姓名"], ["一年级(1)班", "钱多"]])},
               "content/rosters/2026-spring.yaml", "import_roster_class_kept", None, error=False),
    ImportCase("new roster's file name taken", ["roster", "c.xlsx", "--semester", "2026—2027学年第一学期"],
               {"c.xlsx": xlsx_bytes([["班级", "姓名"], ["一年级(1)班", "李娜"]])},
               "content/rosters/2026-autumn.yaml", "import_roster_file_taken", None, setup=autumn_taken),
]


def import_problems(tmp: Path, case: ImportCase) -> list[Problem]:
    import os
    import shutil
    from conftest import MINI
    from generator.arguments import parser
    from generator.config import load_config
    from generator.importers.command import execute
    project, folder = tmp / "project", tmp / "in"
    shutil.copytree(MINI, project)
    folder.mkdir()
    if case.setup:
        case.setup(project)
    if case.folder:
        case.folder(folder)
    for name, raw in case.inputs.items():
        (folder / name).write_bytes(raw)
    config, _ = load_config(project / "config.yaml", None)
    here = os.getcwd()
    os.chdir(folder)  # so that files are named as a librarian types them
    try:
        _, problems, _ = execute(parser("zh-CN", []).parse_args(["import", *case.argv]), config)
    finally:
        os.chdir(here)
    return problems


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, list[Problem]]:
    return {case.id: import_problems(tmp_path_factory.mktemp("import"), case) for case in IMPORT_CASES}


@pytest.mark.parametrize("case", IMPORT_CASES, ids=[c.id for c in IMPORT_CASES])
def test_bad_import_is_reported_at_its_record_or_row(imported, case):
    problems = imported[case.id]
    mine = [p for p in problems if p.file == case.file]
    assert [(p.code, p.file, p.line) for p in mine] == [(case.code, case.file, case.line)], problems
    assert mine[0].is_error == case.error
    assert [p for p in problems if p.is_error and p not in mine] == []  # nothing else breaks


def test_a_broken_book_is_reported_once_where_it_is_wrong_not_by_every_list_naming_it(tmp_path):
    import shutil
    from conftest import MINI
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("year: 2019", "year: 一九五五", 1), encoding="utf-8")
    (project / "content/newsletters").mkdir()
    (project / "content/newsletters/n1.yaml").write_text("number: 1\ndate: 2026-03-02\nbooks: [xiyouji]\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_project(project, project / "output")
    errors = [(p.file, p.code) for p in failed.value.problems if p.is_error]
    assert errors == [("content/books/xiyouji.md", "wrong_kind")]  # not the list's or the newsletter's too
