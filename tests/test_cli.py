"""The `bulletin` command as a librarian runs it: exit codes, messages in Chinese, scaffolds."""
from __future__ import annotations

import subprocess
import sys

from generator.cli import main


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")


def test_build_prints_what_it_did(project):
    done = run("build", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "已生成" in done.stdout and "books" in done.stdout and "秒" in done.stdout
    assert (project / "output/index.html").is_file()


def test_all_it_printed_reaches_a_pipe(project):
    # `bulletin` leaves without tearing the interpreter down (cli.run): what it printed to a pipe,
    # which Python buffers, must still arrive whole, down to the last page listed by -v.
    done = run("build", "-v", "--no-pdf", cwd=project)
    assert done.returncode == 0, done.stderr
    listed = [line for line in done.stdout.splitlines() if line.endswith(".html")]
    output = project / "output"
    pages = {p.relative_to(output).as_posix() for p in output.rglob("*.html")} - {
        p.relative_to(output).as_posix() for p in (output / "print").rglob("*.html")}
    assert sorted(listed) == sorted(pages) and listed[-1] == "404.html"


def test_check_reports_file_line_and_fix_then_exits_1(project):
    (project / "content/books/bad.md").write_text("---\ntitle: 坏书\nauthor: 某人\nshelved: 2026-03-01\nisbn: \"978-7-02-000873-4\"\n---\n", encoding="utf-8")
    done = run("check", cwd=project)
    assert done.returncode == 1
    assert "content/books/bad.md:5:7: 错误: ISBN“978-7-02-000873-4”的校验位不对" in done.stderr
    assert "怎么改" in done.stderr
    assert not (project / "output").exists()


def test_strict_turns_warnings_into_errors(project):
    (project / "content/books/typo.md").write_text("---\ntitle: 书\nauthor: 某人\nshelved: 2026-03-01\nauther: x\n---\n", encoding="utf-8")
    assert run("check", cwd=project).returncode == 0
    assert run("check", "--strict", cwd=project).returncode == 1


def test_strict_build_publishes_nothing_on_a_warning(project):
    assert run("build", cwd=project).returncode == 0
    before = (project / "output/books/index.html").read_bytes()
    (project / "content/books/typo.md").write_text("---\ntitle: 新书\nauthor: 某人\nshelved: 2026-03-04\nauther: x\n---\n", encoding="utf-8")
    done = run("build", "--strict", cwd=project)
    assert done.returncode == 1 and "auther" in done.stderr
    assert (project / "output/books/index.html").read_bytes() == before and not (project / "output/books/typo").exists()
    assert run("build", cwd=project).returncode == 0 and (project / "output/books/typo/index.html").is_file()


def test_english_site_speaks_english_on_the_command_line(project):
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh-CN", "language: en"), encoding="utf-8")
    (project / "content/books/bad.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    done = run("check", cwd=project)
    assert 'the required field "author" is missing' in done.stderr


def test_missing_config_is_explained(tmp_path):
    done = run("build", cwd=tmp_path)
    assert done.returncode == 1 and "config.yaml" in done.stderr and "Traceback" not in done.stderr


def test_new_book_leaves_what_the_librarian_must_fill_empty_and_check_names_it(project, capsys):
    assert main(["new", "book", "小王子", "--config", str(project / "config.yaml")]) == 0
    path = project / "content/books/xiao-wang-zi.md"
    text = path.read_text(encoding="utf-8")
    assert "title: 小王子" in text and "上架日期" in text and "shelved: 2026-03-05" in text
    assert "可写 低年级、中年级、高年级" in text  # this school's own bands, in the comment, not as a value
    assert "作者" not in text.split("author:")[1].split("#")[0] and "王老师" not in text.split("recommended_by:")[1].split("#")[0]
    capsys.readouterr()
    assert main(["check", "--config", str(project / "config.yaml")]) == 1
    author_line = 1 + text.splitlines().index(next(line for line in text.splitlines() if line.startswith("author:")))
    assert f"content/books/xiao-wang-zi.md:{author_line}" in capsys.readouterr().err
    path.write_text(text.replace("author:", "author: 圣埃克苏佩里", 1), encoding="utf-8")
    assert main(["check", "--config", str(project / "config.yaml")]) == 0
    assert main(["new", "book", "小王子", "--config", str(project / "config.yaml")]) == 1  # never overwrites


def test_new_starts_a_file_of_every_type(project):
    from generator.registry import content_types
    for content_type in content_types():
        title = "2026-04" if content_type.name == "stats" else "读书节"
        assert main(["new", content_type.command, title, "--config", str(project / "config.yaml")]) == 0, content_type.name
    assert (project / "content/news/2026-03-05-du-shu-jie.md").is_file()
    assert "month: 2026-04" in (project / "content/stats/2026-04.yaml").read_text(encoding="utf-8")
    assert "期号" in (project / "content/newsletters/du-shu-jie.yaml").read_text(encoding="utf-8")


def test_no_cache_makes_the_pdfs_again_too(project):
    # README: --no-cache builds everything again. The PDFs were still taken from .bulletin-cache/pdf.
    assert run("build", cwd=project).returncode == 0
    cached = list((project / ".bulletin-cache/pdf").glob("*.pdf"))
    assert cached
    for pdf in cached:
        pdf.write_bytes(b"not a PDF: what a damaged cache would hand out")
    done = run("build", "--no-cache", cwd=project)
    assert done.returncode == 0, done.stderr
    made = list((project / "output/print").rglob("*.pdf"))
    assert len(made) == len(cached) and all(pdf.read_bytes().startswith(b"%PDF") for pdf in made)
