"""When the computer gets in the way: two builds at once, a full or read-only disk, a failing one.

Each time the librarian reads what happened and what to do, the command exits with a code of
its own (README: exit codes), and output/ is byte for byte as it was.
"""
from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from generator import lock
from generator.cli import main
from generator.lock import BuildLock


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def command(*args: str, cwd: Path) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


# --- two builds at once -----------------------------------------------------------------

def test_a_second_build_waits_for_the_first_and_says_so_once(project):
    with BuildLock((project / "output").resolve()):  # as a build under way holds it
        second = subprocess.Popen(command("build", "--no-pdf", cwd=project), cwd=project, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, encoding="utf-8")
        said = second.stdout.readline()  # it says so before it waits, and waits while we hold the lock
        assert "另一个 bulletin build 或 bulletin serve 正在生成" in said
        assert second.poll() is None and not (project / "output").exists()
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "正在生成" not in out and "已生成" in out  # said once, then built
    assert (project / "output/index.html").is_file()


def test_a_build_kept_waiting_too_long_gives_up_with_exit_code_4(project, monkeypatch, capsys):
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.0)
    with BuildLock((project / "output").resolve()):
        code = main(["build", "--no-pdf", "--config", str(project / "config.yaml")])
    said = capsys.readouterr()
    assert code == lock.BUSY_EXIT_CODE == 4
    assert "output: 错误: 另一个 bulletin build 或 bulletin serve 占用 output 已经超过 1 分钟，这次没有生成" in said.err
    assert "怎么改" in said.err and not (project / "output").exists()


def test_two_builds_started_together_both_finish_without_a_traceback(tmp_path):
    # They used to share .output.staging and crash (FileNotFoundError, shutil.SameFileError).
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate
    site = tmp_path / "site"
    generate(150, site)
    run = command("build", "-q", "--no-pdf", "--no-cache", cwd=site)
    builds = [subprocess.Popen(run, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
              for _ in range(2)]
    for build in builds:
        out, err = build.communicate(timeout=300)
        assert build.returncode == 0 and "Traceback" not in err, err
    assert (site / "output/books/book-00001/index.html").is_file()
    assert not (site / ".output.staging").exists() and not (site / ".output.old").exists()


# --- the disk refuses a write -------------------------------------------------------------

class Faults:
    """Counts every file write of this process (opening for writing, making a folder, linking,
    renaming) and makes the `fail_at`-th one fail with `error`, as the disk would."""

    def __init__(self, fail_at: int | None = None, error: int = errno.ENOSPC) -> None:
        self.fail_at, self.error = fail_at, error
        self.points: list[tuple[str, str]] = []

    def hit(self, what: str, path: object) -> None:
        self.points.append((what, os.fspath(path) if isinstance(path, (str, os.PathLike)) else repr(path)))
        if len(self.points) == self.fail_at:
            raise OSError(self.error, os.strerror(self.error), os.fspath(path))

    def install(self, monkeypatch: pytest.MonkeyPatch) -> "Faults":
        real_open, real_os_open = builtins.open, os.open

        def opened(file, mode="r", *args, **kwargs):
            if any(c in mode for c in "wax+"):
                self.hit("open", file)
            return real_open(file, mode, *args, **kwargs)

        def os_opened(path, flags, *args, **kwargs):
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                self.hit("os.open", path)
            return real_os_open(path, flags, *args, **kwargs)

        def wrapped(name: str, real):
            def call(*args, **kwargs):
                self.hit(name, args[0])
                return real(*args, **kwargs)
            return call

        monkeypatch.setattr(builtins, "open", opened)
        monkeypatch.setattr(io, "open", opened)  # pathlib's write_bytes and write_text open through io
        monkeypatch.setattr(os, "open", os_opened)
        for name in ("mkdir", "link", "replace", "rename", "symlink"):
            monkeypatch.setattr(os, name, wrapped(f"os.{name}", getattr(os, name)))
        return self


MESSAGES = {errno.ENOSPC: "磁盘空间不够了：output/ 里写不下这次生成的文件", errno.EIO: "读写 output/ 时磁盘出错了",
            errno.EROFS: "output/ 在只读的磁盘上，写不进去"}


@pytest.fixture
def built(project) -> Path:
    """The mini site built once, then one book edited: the next build would change output/."""
    assert main(["build", "-q", "--no-pdf", "--config", str(project / "config.yaml")]) == 0
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("唐僧师徒", "唐僧和三个徒弟"), encoding="utf-8")
    return project


def build_with(project: Path, faults: Faults, monkeypatch) -> int:
    with monkeypatch.context() as patch:
        faults.install(patch)
        return main(["build", "-q", "--no-pdf", "--no-cache", "--config", str(project / "config.yaml")])


def test_the_nth_write_failing_anywhere_in_the_build_leaves_output_as_it_was(built, tmp_path, monkeypatch, capsys):
    counting = tmp_path / "counting"
    shutil.copytree(built, counting)
    faults = Faults()
    assert build_with(counting, faults, monkeypatch) == 0
    points = faults.points
    kinds = {what for what, _ in points}
    assert {"open", "os.mkdir", "os.link", "os.replace"} <= kinds, kinds  # every kind of write is reached
    assert points[0][1].endswith(".output.lock") and points[-1] == ("os.replace", str(counting / ".output.staging"))
    total = len(points)
    # The first and last writes, the ones next to them, and a spread across the build between.
    chosen = sorted({1, 2, 3, total - 2, total - 1, total} | {round(1 + i * (total - 1) / 10) for i in range(1, 10)})
    before = snapshot(built / "output")
    capsys.readouterr()
    for attempt, n in enumerate(chosen):
        error = (errno.ENOSPC, errno.EIO, errno.EROFS)[attempt % 3]
        project = tmp_path / f"try-{n}"
        shutil.copytree(built, project)
        code = build_with(project, Faults(n, error), monkeypatch)
        said = capsys.readouterr()
        where = f"write {n} of {total} ({points[n - 1][0]} {points[n - 1][1]}), {errno.errorcode[error]}"
        assert code == 3, where
        assert MESSAGES[error] in said.err and "怎么改" in said.err and "保持原样" in said.err, where
        assert snapshot(project / "output") == before, where
        assert not (project / ".output.staging").exists() and not (project / ".output.old").exists(), where
    assert len(chosen) >= 12


@pytest.mark.parametrize("error, said", [
    (errno.ENOSPC, "磁盘空间不够了"), (errno.EDQUOT, "磁盘空间不够了"), (errno.EROFS, "在只读的磁盘上"),
    (errno.EACCES, "没有权限写入 output/"), (errno.EPERM, "没有权限写入 output/"), (errno.EBUSY, "output/ 正被占用"),
    (errno.EIO, "磁盘出错了")])
def test_each_disk_failure_is_said_in_its_own_words(built, monkeypatch, capsys, error, said):
    before = snapshot(built / "output")
    assert build_with(built, Faults(20, error), monkeypatch) == 3
    assert said in capsys.readouterr().err
    assert snapshot(built / "output") == before


def test_a_new_file_in_a_read_only_content_folder_is_explained(project, monkeypatch, capsys):
    books = str(project / "content/books")

    def refuse(what: str, path: object) -> None:
        if os.fspath(path).startswith(books):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))
    faults = Faults()
    faults.hit = refuse  # every write under content/books/ fails, as on a read-only share
    with monkeypatch.context() as patch:
        faults.install(patch)
        code = main(["new", "book", "小王子", "--config", str(project / "config.yaml")])
    said = capsys.readouterr()
    assert code == 3
    assert "content/books/: 错误: content/books/ 在只读的磁盘上，写不进去" in said.err and "Traceback" not in said.err


def test_an_output_folder_that_is_a_mount_point_is_explained(built, monkeypatch, capsys):
    # os.replace() of a mount point fails with EBUSY: nothing is moved, the site says what to do.
    real = os.replace
    output = str(built / "output")

    def busy(source, target, *args, **kwargs):
        if os.fspath(source) == output:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), output, os.fspath(target))
        return real(source, target, *args, **kwargs)
    before = snapshot(built / "output")
    monkeypatch.setattr(os, "replace", busy)
    code = main(["build", "-q", "--no-pdf", "--config", str(built / "config.yaml")])
    said = capsys.readouterr()
    assert code == 3 and "output/ 正被占用，不能替换" in said.err and "output/site" in said.err
    assert snapshot(built / "output") == before
