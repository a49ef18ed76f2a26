"""A big site is made across processes; the result must be the same, byte for byte, as made in one."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, build_project
from generator import parallel
from generator.outputs import BuildOptions

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


def test_parallel_map_keeps_order_and_runs_closures():
    offset = 7
    assert parallel.parallel_map(lambda n: n + offset, list(range(50)), min_items=1) == list(range(7, 57))


@pytest.mark.skipif(not parallel._can_fork() or parallel.worker_count() < 2, reason="needs fork and two cores")
def test_the_heap_frozen_for_the_workers_is_thawed_after_them():
    # Left frozen, cyclic garbage of every build would stay for good in `bulletin serve`.
    import gc
    with parallel.parallel_imap(lambda n: n * 2, list(range(20)), min_items=1) as results:
        assert gc.get_freeze_count() > 0
        assert list(results) == list(range(0, 40, 2))
    assert gc.get_freeze_count() == 0


@pytest.mark.skipif(not parallel._can_fork() or parallel.worker_count() < 2, reason="needs fork and two cores")
def test_work_asked_for_while_workers_run_is_done_in_this_process():
    # The build makes its other outputs (PDFs among them) while workers render the pages: those
    # workers have the cores, and this process runs their pool's threads, which a fork would copy.
    import os
    with parallel.parallel_imap(lambda n: os.getpid(), list(range(20)), min_items=1) as outer:
        inner = parallel.parallel_map(lambda n: os.getpid(), list(range(20)), min_items=1)
        assert set(inner) == {os.getpid()}
        assert os.getpid() not in set(outer)
    assert os.getpid() not in set(parallel.parallel_map(lambda n: os.getpid(), list(range(20)), min_items=1))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not parallel._can_fork() or parallel.worker_count() < 2, reason="needs fork and two cores")
def test_site_made_across_processes_equals_the_one_made_in_one(tmp_path, monkeypatch):
    generate(120, tmp_path / "site")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    spread = build_project(tmp_path / "site", tmp_path / "spread", options=BuildOptions(pdf=False))
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    single = build_project(tmp_path / "site", tmp_path / "single", options=BuildOptions(pdf=False))
    assert len(spread.pages) == len(single.pages) > 120
    a, b = snapshot(tmp_path / "spread"), snapshot(tmp_path / "single")
    a.pop(".bulletin-manifest.json"), b.pop(".bulletin-manifest.json")
    assert a == b


@pytest.mark.skipif(not parallel._can_fork() or parallel.worker_count() < 2, reason="needs fork and two cores")
def test_a_few_pages_of_a_big_site_rendered_by_workers_equal_a_full_build(tmp_path, monkeypatch):
    # After one book changed, a big site renders its few pages across workers (its index pages
    # are heavy); what is published must be what a whole build in one process makes.
    from generator import build as build_module
    from generator.config import load_config
    from generator.problems import Problems
    generate(120, tmp_path / "site")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 50)  # a "big" site: 162 pages
    config, _ = load_config(tmp_path / "site/config.yaml", tmp_path / "out")
    builder = build_module.Builder(config, BuildOptions(pdf=False), persist=False)
    builder.build(Problems())
    book = sorted((tmp_path / "site/content/books").glob("*.md"))[3]
    book.write_text(book.read_text(encoding="utf-8").replace("title: ", "title: 改过的", 1), encoding="utf-8")
    asked = []
    real = parallel.parallel_imap.__init__

    def watched(self, function, items, min_items=None):
        asked.append((len(items), min_items))
        real(self, function, items, min_items)
    monkeypatch.setattr(parallel.parallel_imap, "__init__", watched)
    again = builder.build(Problems())
    assert 0 < len(again.rendered) < 50 and (len(again.rendered), 2) in asked  # spread, though few
    monkeypatch.undo()
    build_project(tmp_path / "site", tmp_path / "fresh", options=BuildOptions(pdf=False))
    a, b = snapshot(tmp_path / "out"), snapshot(tmp_path / "fresh")
    a.pop(".bulletin-manifest.json"), b.pop(".bulletin-manifest.json")
    assert a == b and any("改过的" in html.decode() for html in a.values() if html[:15] == b"<!DOCTYPE html>")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


@pytest.mark.skipif(not parallel._can_fork() or parallel.worker_count() < 2 or not Path("/proc/self/task").is_dir(),
                    reason="needs fork, two cores and /proc")
def test_workers_end_silently_when_the_build_is_killed():
    # Workers busy with long work outlived a build killed with kill -9 and printed BrokenPipeError
    # tracebacks; now they end with it. Their stderr is the build's: it closes when the last one ends.
    script = "import time\nfrom generator.parallel import parallel_map\nparallel_map(lambda n: time.sleep(600), list(range(8)), min_items=1)\n"
    build = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2:
            assert build.poll() is None and time.monotonic() < deadline, "no workers started"
            workers = _children(build.pid)
            time.sleep(0.01)
        build.kill()
        _, said = build.communicate(timeout=60)  # EOF only once every worker has ended
        assert "Traceback" not in said and "Error" not in said, said
    finally:
        for pid in workers:  # only if the test failed: do not leave them running
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
