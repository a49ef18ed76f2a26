"""Publishing: a failed build leaves output/ as it was; unchanged files keep their times; nothing is lost."""
from __future__ import annotations

import os

import pytest

from conftest import build_project
from generator.problems import BuildFailed


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_leaves_previous_output_byte_for_byte(project):
    out = project / "output"
    build_project(project, out)
    before = snapshot(out)
    (project / "content/books/caofangzi.md").write_text("---\ntitle: 坏\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_project(project, out)
    assert snapshot(out) == before


def test_unchanged_files_keep_their_modification_time(project):
    out = project / "output"
    build_project(project, out)
    page, css = out / "books/caofangzi/index.html", out / "assets/style.css"
    old = 1_600_000_000
    os.utime(page, (old, old))
    os.utime(css, (old, old))
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("唐僧师徒", "唐僧和徒弟"), encoding="utf-8")
    result = build_project(project, out)
    assert page.stat().st_mtime == old and css.stat().st_mtime == old
    assert "唐僧和徒弟" in (out / "books/xiyouji/index.html").read_text(encoding="utf-8")
    assert result.report.written >= 1 and result.report.unchanged > 10


def test_deleted_book_page_disappears_but_hand_added_files_stay(project):
    out = project / "output"
    build_project(project, out)
    (out / "school-logo.png").write_bytes(b"librarian's own file")
    (project / "content/books/caofangzi.md").unlink()
    result = build_project(project, out)
    assert not (out / "books/caofangzi/index.html").exists()
    assert "草房子" not in (out / "books/index.html").read_text(encoding="utf-8")
    assert (out / "school-logo.png").read_bytes() == b"librarian's own file"
    assert result.report.kept_by_hand == ("school-logo.png",)


def test_build_never_writes_into_content(project):
    before = snapshot(project / "content")
    build_project(project, project / "output")
    assert snapshot(project / "content") == before


@pytest.mark.parametrize("where", ["", "content", "content/books", "themes"])
def test_output_folder_may_not_replace_the_project(project, where):
    with pytest.raises(BuildFailed) as failed:
        build_project(project, project / where if where else project)
    assert failed.value.problems[-1].code == "unsafe_output"
    assert (project / "content/books/xiyouji.md").is_file()


def test_a_build_killed_midway_leaves_the_old_output_byte_for_byte(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    site = tmp_path / "site"
    generate(600, site)  # big enough that publishing takes a while to catch
    run = [sys.executable, "-m", "generator", "build", "-q", "--no-pdf", "--no-cache"]
    subprocess.run(run, cwd=site, check=True)
    before = snapshot(site / "output")
    book = site / "content/books/book-00001.md"
    book.write_text(book.read_text(encoding="utf-8").replace("title: ", "title: 改", 1), encoding="utf-8")
    build = subprocess.Popen(run, cwd=site)
    staging = site / ".output.staging"
    deadline = time.monotonic() + 120
    while not staging.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    build.send_signal(signal.SIGKILL)  # as a power cut or a closed terminal would
    build.wait()
    assert build.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    assert snapshot(site / "output") == before
    # and the next build cleans up after the killed one and publishes
    subprocess.run(run, cwd=site, check=True)
    assert "<h1>《改" in (site / "output/books/book-00001/index.html").read_text(encoding="utf-8")
    assert not staging.exists()


def test_staging_refuses_a_path_that_leaves_output_and_can_be_discarded(tmp_path):
    from generator.write import Staging
    staging = Staging(tmp_path / "output")
    with pytest.raises(ValueError):
        staging.put("../escaped.html", b"x")  # the last line of defence behind check_paths
    staging.discard()
    assert not (tmp_path / "escaped.html").exists() and not staging.folder.exists()
