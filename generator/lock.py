"""One build at a time per output folder: an operating-system lock on a file beside output/.

Two builds of one site would share the staging folder (.output.staging) and trip over each
other. The lock is the operating system's own (flock on Linux and macOS, msvcrt on Windows), so
it goes away with the process that held it, even one killed with kill -9 or a power cut: a
stale lock never blocks anybody. `bulletin build` holds it for the whole build; `bulletin serve`
only while it rebuilds, so a `bulletin build` during a preview waits at most for one rebuild.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Callable

from generator.problems import Problem, relative_name

# How long a build waits for another one before it gives up. A whole build of 5,000 books takes
# seconds; printables' PDFs made the slow way (no HarfBuzz, 6-7 s a page) a few minutes for a
# display case full of posters. Ten minutes leaves room for those and still ends a wait on a
# build that is stuck (paused in its terminal, or on a network folder that stopped answering).
WAIT_SECONDS = 600.0
POLL_SECONDS = 0.1
BUSY_EXIT_CODE = 4  # README: exit codes

if sys.platform == "win32":  # pragma: no cover - tested on Linux
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class Busy(Exception):
    """Another build held the output folder for longer than we would wait."""

    def __init__(self, output_dir: Path, seconds: float) -> None:
        super().__init__(f"{output_dir} is being built by another process")
        self.output_dir = output_dir
        self.seconds = seconds


def busy_problem(busy: Busy, root: Path) -> Problem:
    folder = relative_name(busy.output_dir, root)
    return Problem("build_busy", folder, None, {"folder": folder, "minutes": max(1, round(busy.seconds / 60))})


def lock_file(output_dir: Path) -> Path:
    """Beside output/, with the staging folder it guards (.output.staging): .output.lock."""
    return output_dir.with_name(f".{output_dir.name}.lock")


class BuildLock:
    """`with BuildLock(output_dir, on_wait):` — the output folder is ours inside the block.

    When another build has it, `on_wait()` is called once (to say so) and the lock is tried
    again every POLL_SECONDS until it is free, or `Busy` is raised after `wait` seconds. An
    OSError creating the lock file (a read-only folder, a full disk) is raised as it is.
    """

    def __init__(self, output_dir: Path, on_wait: Callable[[], None] | None = None,
                 wait: float | None = None) -> None:
        self.output_dir = output_dir
        self.on_wait = on_wait
        self.wait = WAIT_SECONDS if wait is None else wait
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> "BuildLock":
        path = lock_file(self.output_dir)
        if not path.parent.is_dir():  # --output into a folder not made yet
            path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # never truncated: another process may hold it
        try:
            self._acquire(handle)
        except BaseException:
            handle.close()
            raise
        self._handle = handle
        return self

    def _acquire(self, handle: IO[bytes]) -> None:
        if _try_lock(handle):
            return
        if self.on_wait is not None:
            self.on_wait()
        deadline = time.monotonic() + self.wait
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise Busy(self.output_dir, self.wait)
            time.sleep(POLL_SECONDS)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            try:
                _unlock(handle)
            finally:
                handle.close()
