"""Spread independent work (making records, rendering pages) over processes when it pays.

Workers are forked, so they start with the parent's model, templates and compiled regular
expressions already in memory: only the items' positions go to them and only results come
back. Where fork is not available (Windows, macOS) or the work is small, it runs in-process.
"""
from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
import signal
import sys
from typing import Any, Callable, Iterator, Sequence

MIN_ITEMS = 300  # below this, starting processes costs more than it saves

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # inherited by forked workers


def worker_count() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """A worker's first act: end when the build that forked it ends, however it ends.

    A build killed with kill -9 (or a closed terminal) cannot stop its workers; they went on for
    seconds and printed BrokenPipeError tracebacks into the librarian's terminal. Linux sends the
    worker SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG), which ends it silently; if the
    parent died before that was set, getppid() no longer names it. A worker writing results to a
    pipe nobody reads any more ends silently too (SIGPIPE's default), instead of raising.
    """
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux's C library: the pipe still ends it
        pass
    if os.getppid() != parent:
        os._exit(0)


def _run(bounds: tuple[int, int]) -> list[Any]:
    function, items = _job  # type: ignore[misc]
    return [function(item) for item in items[bounds[0]:bounds[1]]]


def parallel_map(function: Callable[[Any], Any], items: Sequence[Any], min_items: int | None = None) -> list[Any]:
    """[function(item) for item in items], in order, across forked workers when worthwhile."""
    with parallel_imap(function, items, min_items) as results:
        return list(results)


class parallel_imap:
    """function(item) for each item, in order, as they come: across forked workers when worthwhile.

    With workers the work starts at once, so the caller can do something else before it reads
    the first result; use it as a context manager, which stops the workers however the caller
    leaves. `function` may be a closure: it is inherited by the workers, never pickled; its
    results are pickled back, so they must be plain data (small, ideally).
    """

    def __init__(self, function: Callable[[Any], Any], items: Sequence[Any], min_items: int | None = None) -> None:
        global _job
        self._pool = None
        workers = worker_count()
        # Not when another call's workers are running (the parent does its own work meanwhile):
        # they have the cores already, and forking a process that runs their pool's threads is unsafe.
        if len(items) < (MIN_ITEMS if min_items is None else min_items) or workers < 2 or not _can_fork() \
                or _job is not None:
            self._results: Iterator[Any] = (function(item) for item in items)
            return
        _job = (function, items)  # read by the workers, which are forked just below
        # What the workers inherit is only read: frozen, the collector leaves it alone in them
        # instead of walking every inherited object (which also copies each page it touches).
        # Python's gc docs recommend this before fork(); close() thaws it in this process.
        gc.freeze()
        # Many small chunks: results stream back in order, so the parent never holds them all.
        size = max(1, math.ceil(len(items) / (workers * 16)))
        bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
        try:
            self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_die_with_parent,
                                                                  initargs=(os.getpid(),))
        except BaseException:  # no pool, so no close() to thaw it
            gc.unfreeze()
            _job = None
            raise
        self._results = (result for chunk in self._pool.imap(_run, bounds, chunksize=1) for result in chunk)

    def __iter__(self) -> Iterator[Any]:
        return self._results

    def close(self) -> None:
        global _job
        if self._pool is not None:
            self._pool.terminate()  # the results were read (or are no longer wanted)
            self._pool.join()
            self._pool = None
            gc.unfreeze()
        _job = None

    def __enter__(self) -> "parallel_imap":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()
