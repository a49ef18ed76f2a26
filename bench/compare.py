"""Build the same N books with this project, Pelican, Hugo and a bare Python loop; print the figures.

    python bench/compare.py                       # 1,000 and 5,000 books, 3 runs each
    python bench/compare.py --books 1000 5000 20000
    python bench/compare.py --quick               # 1,000 books, 1 run, no warm-up: a smoke test

For each N: bench/generate.py makes the project under --work (default bench/sites/compare/N/,
git-ignored; /tmp is slow for many small files here), bench/peers.py converts its books for
Pelican and Hugo (installing them when missing: Pelican into bench/.venv-peers, Hugo with
apt-get as root; a peer that cannot be installed is skipped with a note). Then, runs interleaved
so that a noisy neighbour hurts every tool alike:

- cold build of each tool: no output folder and no cache of any kind beforehand (ours with
  `--no-cache --no-pdf`); one untimed warm-up round first so that every tool's own files and the
  content are in the OS file cache alike. Median wall time of --runs, pages/s from the HTML files
  the tool wrote, peak memory (largest of: the process tree's PSS sampled every 0.1 s during the
  warm-up round, which is not timed because the sampling takes CPU; the biggest single process's
  RSS from wait4 in the timed runs), CPU seconds (user + system, all processes);
- the bare loop (bench/bare_loop.py) on one process and on two;
- for this project also: a no-change rebuild (cache warm, nothing edited) and a one-file-change
  rebuild (one book's introduction edited), each a whole `bulletin build` process;
- the ratios between them, and the scaling between sizes when several N are run.

Results also go to <work>/results.json. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import peers  # noqa: E402
from generate import generate  # noqa: E402

EDITED_BOOK = "book-00042.md"


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mib: float
    pages: int


@dataclass
class Tool:
    """How to run one generator cold on one prepared project, and what it leaves behind."""
    name: str
    version: str
    command: list[str]
    cwd: Path
    clean: list[Path]
    output: Path
    runs: list[Run] = field(default_factory=list)
    sampled_mib: float = 0.0  # the process tree's peak, sampled in the untimed warm-up round

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(r, attribute) for r in self.runs)

    def peak_mib(self) -> float:
        return max(self.sampled_mib, self.median("rss_mib"))


def tree_memory(root: int) -> int:
    """Bytes of memory used by `root` and all its descendants: the sum of their proportional set
    sizes (PSS), read from /proc. Forked workers share most of their pages with the parent; RSS
    would count each shared page once per process, PSS splits it between them."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                parents[int(entry)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except OSError:
            continue
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in members:
                members.add(pid)
                frontier.append(pid)
    total = 0
    for pid in members:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith(b"Pss:")) * 1024
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measure(command: list[str], cwd: Path, clean: list[Path], output: Path | None, log: Path,
            sample_memory: bool = True) -> Run:
    """Run one build from scratch; wall time, CPU time, peak memory and the HTML pages it wrote.
    sample_memory: also read the process tree's memory every 0.1 s (which takes CPU from the tool
    on a two-core machine; without it, peak memory is the largest single process's)."""
    for path in clean:
        shutil.rmtree(path, ignore_errors=True)
    # Deleting thousands of files (and the last tool's writes) leaves the file system work to do
    # in the background; let it finish now rather than inside the next tool's timed run.
    os.sync()
    time.sleep(1)
    peak = 0
    with log.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.1):
                peak = max(peak, tree_memory(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if sample_memory:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        if sample_memory:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)} in {cwd}\n"
                         + log.read_text(errors="replace")[-2000:])
    pages = sum(1 for _ in output.rglob("*.html")) if output else 0
    # ru_maxrss is in KiB on Linux: the largest single process among the child and its waited-for children.
    rss = max(peak, usage.ru_maxrss * 1024)
    return Run(wall, usage.ru_utime + usage.ru_stime, rss / 2**20, pages)


def prepare(n: int, work: Path, wanted: set[str]) -> list[Tool]:
    """Generate the project of n books, convert it for the peers, and list the tools to time."""
    site = work / "bulletin"
    started = time.perf_counter()
    generate(n, site)
    books = peers.read_books(site)
    python = [sys.executable]
    tools = [Tool("bulletin", f"this project ({platform.python_implementation()} {platform.python_version()})",
                  python + ["-m", "generator", "build", "--no-cache", "--no-pdf", "-q", "--config", str(site / "config.yaml")],
                  site, [site / "output", site / ".bulletin-cache"], site / "output")]
    if "bare" in wanted:
        for procs in (1, 2):
            out = work / f"bare-{procs}"
            tools.append(Tool(f"bare loop {procs}p", f"{procs} process{'es' if procs > 1 else ''}",
                              python + [str(HERE / "bare_loop.py"), str(site), str(out), "--procs", str(procs)],
                              work, [out], out))
    # Each peer: how to install it, how to convert the books, its arguments ({target}: its project
    # folder), what a cold run must delete first and its output folder (both inside that folder).
    peer_setups = {
        "pelican": (peers.ensure_pelican, peers.to_pelican, ["content", "-s", "pelicanconf.py", "-o", "output", "-q"],
                    ["output", "cache", "__pycache__"], "output"),
        "hugo": (peers.ensure_hugo, peers.to_hugo, ["--quiet", "-d", "public", "--cacheDir", "{target}/.hugo_cache"],
                 ["public", "resources", ".hugo_cache"], "public"),
    }
    for name, (ensure, convert, arguments, clean, output) in peer_setups.items():
        if name not in wanted:
            continue
        command, version = ensure()
        if not command:
            print(f"  skipping {name}: {version}")
            continue
        target = work / name
        shutil.rmtree(target, ignore_errors=True)
        convert(books, target)
        tools.append(Tool(name, version, command + [a.format(target=target) for a in arguments], target,
                          [target / c for c in clean], target / output))
    print(f"  generated and converted {n} books in {time.perf_counter() - started:.1f} s")
    return tools


def rebuilds(site: Path, runs: int, log: Path) -> dict[str, list[Run]]:
    """Whole `bulletin build` processes with the cache: nothing changed, then one book edited each time."""
    command = [sys.executable, "-m", "generator", "build", "--no-pdf", "-q", "--config", str(site / "config.yaml")]
    measure(command, site, [], None, log, sample_memory=False)  # fills the cache after the last --no-cache run
    no_change = [measure(command, site, [], None, log, sample_memory=False) for _ in range(runs)]
    book = site / "content" / "books" / EDITED_BOOK
    original = book.read_text(encoding="utf-8")
    one_file = []
    try:
        for k in range(runs):
            book.write_text(original + f"\n修改第{k + 1}次：补充一句介绍。\n", encoding="utf-8")
            one_file.append(measure(command, site, [], None, log, sample_memory=False))
    finally:
        book.write_text(original, encoding="utf-8")
    return {"no_change": no_change, "one_file": one_file}


def bench_size(n: int, work: Path, runs: int, warm_up: bool, wanted: set[str]) -> dict:
    print(f"\n== {n} books ==")
    tools = prepare(n, work, wanted)
    log = work / "last-run.log"
    for round_ in range(runs + (1 if warm_up else 0)):
        for tool in tools:
            # The process tree's memory is sampled in the untimed warm-up round only: reading /proc
            # ten times a second takes CPU from the tool being timed. Without a warm-up, in every run.
            warming = warm_up and round_ == 0
            result = measure(tool.command, tool.cwd, tool.clean, tool.output, log, sample_memory=warming or not warm_up)
            if warming:
                tool.sampled_mib = result.rss_mib
                continue
            tool.runs.append(result)
    site = work / "bulletin"
    again = rebuilds(site, runs, log)
    report(n, tools, again)
    return {"books": n, "runs": runs,
            "tools": {t.name: {"version": t.version, "peak_mib": t.peak_mib(), "runs": [asdict(r) for r in t.runs]} for t in tools},
            "bulletin_rebuilds": {kind: [asdict(r) for r in runs_] for kind, runs_ in again.items()}}


def report(n: int, tools: list[Tool], again: dict[str, list[Run]]) -> None:
    print(f"\n{'tool':<14}{'pages':>7}{'cold s':>9}{'(min-max)':>15}{'pages/s':>9}{'CPU s':>8}{'peak mem':>10}  version")
    for t in tools:
        walls = [r.wall for r in t.runs]
        pages = t.runs[-1].pages
        print(f"{t.name:<14}{pages:>7}{t.median('wall'):>9.2f}{f'({min(walls):.2f}-{max(walls):.2f})':>15}"
              f"{pages / t.median('wall'):>9.0f}{t.median('cpu'):>8.2f}{t.peak_mib():>7.0f} MiB  {t.version}")
    by_name = {t.name: t for t in tools}
    ours = by_name["bulletin"].median("wall")
    print()
    for kind, label, note in (("no_change", "no-change rebuild:", "target < 0.3 s"),
                              ("one_file", "one-file rebuild: ", "whole process")):
        wall = statistics.median(r.wall for r in again[kind])
        cpu = statistics.median(r.cpu for r in again[kind])
        print(f"bulletin {label}   {wall:6.2f} s  (CPU {cpu:.2f} s; median of {len(again[kind])}; {note})")
    print(f"bulletin peak memory:         {by_name['bulletin'].peak_mib():6.0f} MiB (target < 300 MiB at 5,000 books)")
    print("ratios (cold wall time, medians of this run):")
    for name, target in (("bare loop 1p", "target <= 1.5 on the same cores"), ("bare loop 2p", "target <= 1.5 on the same cores"),
                         ("hugo", "target about 1"), ("pelican", "target <= 0.2, i.e. 5x ahead")):
        if name in by_name:
            ratio = ours / by_name[name].median("wall")
            print(f"  bulletin / {name:<13} {ratio:6.2f}   ({target})")


def scaling(results: list[dict]) -> None:
    if len(results) < 2:
        return
    print("\n== scaling: cold wall time ratio between sizes (linear = the books ratio) ==")
    for small, large in zip(results, results[1:]):
        label = f"{large['books']}/{small['books']} (books x{large['books'] / small['books']:.1f})"
        for name in small["tools"]:
            if name in large["tools"]:
                a = statistics.median(r["wall"] for r in small["tools"][name]["runs"])
                b = statistics.median(r["wall"] for r in large["tools"][name]["runs"])
                print(f"  {label:<26} {name:<14} x{b / a:5.2f}")


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "load_average": os.getloadavg(), "date": dt.datetime.now().isoformat(timespec="seconds")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--books", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (median); default 3")
    parser.add_argument("--quick", action="store_true", help="1,000 books, 1 run, no warm-up")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the untimed first round")
    parser.add_argument("--only", nargs="+", choices=["bare", "pelican", "hugo"], default=["bare", "pelican", "hugo"],
                        help="which of the others to run besides this project")
    parser.add_argument("--work", type=Path, default=HERE / "sites" / "compare")
    args = parser.parse_args()
    if args.quick:
        args.books, args.runs, args.no_warm_up = [1000], 1, True
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}, "
          f"load average {info['load_average'][0]:.2f} at start ({info['date']})")
    results = []
    for n in sorted(args.books):
        work = args.work.resolve() / str(n)
        work.mkdir(parents=True, exist_ok=True)
        results.append(bench_size(n, work, args.runs, not args.no_warm_up, set(args.only)))
    scaling(results)
    info["load_average_end"] = os.getloadavg()
    print(f"\nload average {info['load_average_end'][0]:.2f} at the end: the machine is shared, figures are medians")
    (args.work / "results.json").write_text(json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
    print(f"results: {args.work / 'results.json'}")


if __name__ == "__main__":
    main()
