"""Scale benchmark: archbook on synthetic hexagonal repositories of 2k, 5k and 20k modules.

    python benchmarks/bench_scale.py            # 2k / 5k / 20k, a few minutes on 2 cores
    python benchmarks/bench_scale.py --quick    # one repeat of each row
    python benchmarks/bench_scale.py --sizes 1000 2000 5000

The repositories are written by ``synthetic_repo.py`` into a temporary folder (removed
at the end). For each size it prints the in-process cold, warm and one-file-edited
scan+analysis times (the same work ``bench_scan.py`` times on django and sympy), the
peak memory of a cold run and of building the facts, and the whole-process times of
``archbook analyse``, ``routes`` and ``facts`` with ``--no-cache``. Then how each row
grows with N: the exponent ``k`` of ``time ∝ N^k`` fitted by least squares over the
sizes (1 is linear). Last, ``routes``, ``facts``, ``trace`` and ``plan`` on a
500-module repository, the size a notebook user plans features on.

Not a test: it exits 0 whether goals are met or missed, non-zero only on a crash.
Every measurement runs in a fresh process, one after another.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import statistics
import sys
import tempfile
import time
from typing import Any

import bench_scan
from bench_scan import Goal, print_goals
from synthetic_repo import FEATURE, write_repo

SIZES = (2000, 5000, 20000)
PLAN_SIZE = 500
EDIT_TARGET = ("app/domain/f00001/entities.py", "import app.domain.shared.ids")
TRACE_ROUTE = "GET /api/f00001/{item_id}"
KIB_PER_MIB = 1024

# Goals for the largest size (20k modules) and the 500-module planning repo.
COLD_SECONDS = 10.0
WARM_SECONDS = 1.0
EDIT_SECONDS = 0.3
FACTS_SECONDS = 10.0
PEAK_MIB = 500.0
PLAN_SECONDS = 2.0
LINEAR_EXPONENT = 1.25  # "close to linear": above this, something grows faster than N

ROWS = (
    "cold",
    "warm",
    "warm_fresh",
    "edited",
    "edited_fresh",
    "analyse",
    "routes",
    "facts",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat per row")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        spec = json.loads(args.worker)
        print(bench_scan.RESULT_MARK + json.dumps(WORKERS[spec["kind"]](spec)), flush=True)
        return 0
    return run_benchmark(sorted(args.sizes), quick=args.quick)


def run_benchmark(sizes: list[int], quick: bool) -> int:
    started = time.perf_counter()
    bench_scan._compile_archbook()  # as an installed archbook has it (see bench_scan)
    print("archbook scale benchmark (synthetic hexagonal repositories)")
    print(f"python:   {sys.version.split()[0]} ({sys.executable})")
    print(f"machine:  {os.cpu_count()} CPUs, load {bench_scan._load_average()} at start")
    print(
        "method:   in-process rows are medians in one fresh process each (gc.collect() first);\n"
        "          whole-process rows run the archbook command with --no-cache; OS file cache\n"
        "          warm (files just written), so cold = no archbook cache, not a cold disk;\n"
        "          archbook's bytecode written first, as pip writes it."
    )
    goals: list[Goal] = []
    with tempfile.TemporaryDirectory(prefix="archbook-scale-") as work:
        figures = {n: measure_size(work, n, quick) for n in sizes}
        print_sizes(figures)
        goals += size_goals(figures)
        plan = measure_plan_repo(work, quick)
        print_plan_repo(plan)
        goals.append(
            Goal(
                f"{PLAN_SIZE}",
                f"plan ≤ {PLAN_SECONDS:g} s (whole process)",
                _median(plan["plan"]),
                PLAN_SECONDS,
                " s",
            )
        )
    print_goals(goals)
    print(f"\nload average at end: {bench_scan._load_average()} (other work skews figures)")
    print(f"total benchmark runtime: {time.perf_counter() - started:.1f} s")
    return 0


def measure_size(work: str, size: int, quick: bool) -> dict[str, Any]:
    root = os.path.join(work, f"repo-{size}")
    _progress(f"{size}: writing the repository")
    modules = write_repo(root, size)
    repeats = 1 if quick else (2 if size >= 10000 else 3)
    snapshots = os.path.join(work, f"snap-{size}")
    os.makedirs(snapshots)
    common = {"root": root, "repeats": repeats}
    f: dict[str, Any] = {"modules": modules}
    _progress(f"{size}: in-process scan timings")
    f["cold"] = _worker({**common, "kind": "archbook_cold", "snapshots": snapshots})
    f["warm"] = _worker(
        {**common, "kind": "archbook_warm", "snapshots": os.path.join(snapshots, "warm")}
    )
    target, line = EDIT_TARGET
    f["edited"] = _worker(
        {
            **common,
            "kind": "archbook_edit",
            "snapshots": os.path.join(snapshots, "edit"),
            "target": target,
            "line": line,
        }
    )
    snapshot_dir = os.path.join(snapshots, "warm-fresh")
    f["warm_fresh"] = bench_scan.fresh_process_runs(
        {**common, "snapshots": snapshot_dir}, script=__file__
    )
    f["edited_fresh"] = fresh_edit_runs(
        {**common, "snapshots": os.path.join(snapshots, "edit-fresh")}, target, line
    )
    _progress(f"{size}: peak memory")
    f["mem_scan"] = _worker(
        {"kind": "mem", "tool": "archbook", "root": root, "cache": os.path.join(snapshots, "mem")}
    )
    f["mem_facts"] = _worker({"kind": "facts_mem", "root": root})
    _progress(f"{size}: whole-process commands (routes and facts parse every file)")
    env = {**os.environ, "ARCHBOOK_CACHE_DIR": os.path.join(work, "cli-cache")}
    command = bench_scan._archbook_command()
    for row, args in (
        ("analyse", ["analyse", root]),
        ("routes", ["routes", root]),
        ("facts", ["facts", root]),
    ):
        f[row] = _run_process([*command, *args, "--no-cache"], work, env, repeats)
    return f


def fresh_edit_runs(spec: dict[str, Any], target: str, line: str) -> dict[str, Any]:
    """One file edited before each run, each run in a new process (the snapshot file
    is all it has): an import appended, then taken out again, in turn; the file is
    left as it was."""
    path = os.path.join(spec["root"], target)
    with open(path, encoding="utf-8") as handle:
        original = handle.read()
    base_mtime = os.stat(path).st_mtime_ns
    _worker({**spec, "kind": "archbook_once"})  # writes the snapshot
    runs = []
    for index in range(spec["repeats"]):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(f"{original.rstrip()}\n{line}\n" if index % 2 == 0 else original)
        stamp = base_mtime + (index + 1) * 1_000_000_000
        os.utime(path, ns=(stamp, stamp))
        runs.append(_worker({**spec, "kind": "archbook_once"}))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(original)
    os.utime(path, ns=(base_mtime + 100_000_000_000,) * 2)
    assert all(run["parsed"] == 1 for run in runs), "an edited run re-read other files"
    return {**runs[-1], "times": [run["times"][0] for run in runs]}


def measure_plan_repo(work: str, quick: bool) -> dict[str, Any]:
    root = os.path.join(work, f"repo-plan-{PLAN_SIZE}")
    _progress(f"{PLAN_SIZE}: routes, facts, trace and plan")
    modules = write_repo(root, PLAN_SIZE)
    env = {**os.environ, "ARCHBOOK_CACHE_DIR": os.path.join(work, "cli-cache")}
    command = bench_scan._archbook_command()
    commands = {
        "routes": ["routes", root, "--no-cache"],
        "facts": ["facts", root, "--no-cache"],
        "trace": ["trace", root, TRACE_ROUTE, "--no-cache"],
        "plan": ["plan", root, "--feature", FEATURE, "--force", "--no-cache"],
    }
    times: dict[str, Any] = {"modules": modules}
    for label, args in commands.items():
        times[label] = _run_process([*command, *args], work, env, 1 if quick else 3)
    return times


def _run_process(
    command: list[str], cwd: str, env: dict[str, str], repeats: int
) -> dict[str, list[float]]:
    """Wall and CPU (user + system) seconds of ``repeats`` runs of a command. On a
    shared machine the CPU figure is the steadier one: it leaves out time spent
    waiting for a core."""
    times, cpu = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(bench_scan._time_process(command, cwd=cwd, env=env))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"times": times, "cpu": cpu}


def fitted_exponent(sizes: list[int], seconds: list[float]) -> float:
    """``k`` of ``seconds ∝ sizes^k``: least-squares slope of log(seconds) on log(size)."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(s, 1e-6)) for s in seconds]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def print_sizes(figures: dict[int, dict[str, Any]]) -> None:
    sizes = list(figures)
    labels = {
        "cold": "cold scan+analysis (in-process)",
        "warm": "warm (snapshot, nothing changed)*",
        "warm_fresh": "  warm, new process each run",
        "edited": "one file edited (+1 import)*",
        "edited_fresh": "  one file edited, new process each run",
        "analyse": "archbook analyse --no-cache (process)",
        "routes": "archbook routes --no-cache (process)",
        "facts": "archbook facts --no-cache (process)",
    }
    header = "".join(f"{figures[n]['modules']:>10}" for n in sizes)
    print("\n=== synthetic repositories: median seconds by module count ===")
    exponent_head = f"{'exponent':>10}" if len(sizes) >= 2 else ""
    print(f"{'row':<40}{header}{exponent_head}")
    for row in ROWS:
        medians = [_median(figures[n][row]) for n in sizes]
        cells = "".join(f"{m:>10.3f}" for m in medians)
        exponent = (
            f"{fitted_exponent([figures[n]['modules'] for n in sizes], medians):>10.2f}"
            if len(sizes) >= 2
            else ""
        )
        print(f"{labels[row]:<40}{cells}{exponent}")
        if "cpu" in figures[sizes[0]][row]:
            cpu = [statistics.median(figures[n][row]["cpu"]) for n in sizes]
            cells = "".join(f"{m:>10.3f}" for m in cpu)
            fitted = fitted_exponent([figures[n]["modules"] for n in sizes], cpu)
            exponent = f"{fitted:>10.2f}" if len(sizes) >= 2 else ""
            print(f"{'  CPU s (user + system)':<40}{cells}{exponent}")
    for key, label in (("mem_scan", "peak MiB, cold scan"), ("mem_facts", "peak MiB, facts")):
        cells = "".join(f"{figures[n][key]['peak_mib']:>10.1f}" for n in sizes)
        print(f"{label:<40}{cells}")
    print("(exponent k of time ∝ N^k, least squares over the sizes; 1 is linear)")
    print("* runs after the first in one process: the snapshot, modules and analysis kept in")
    print("  memory are reused (a notebook re-running a cell); 'new process each run' reads")
    print("  the snapshot file, as the CLI does")


def size_goals(figures: dict[int, dict[str, Any]]) -> list[Goal]:
    largest = max(figures)
    f = figures[largest]
    label = f"{f['modules']}"
    goals = [
        Goal(label, f"cold ≤ {COLD_SECONDS:g} s", _median(f["cold"]), COLD_SECONDS, " s"),
        Goal(label, f"warm ≤ {WARM_SECONDS:g} s", _median(f["warm"]), WARM_SECONDS, " s"),
        Goal(
            label, f"one file edited ≤ {EDIT_SECONDS:g} s", _median(f["edited"]), EDIT_SECONDS, " s"
        ),
        Goal(label, f"routes ≤ {FACTS_SECONDS:g} s", _median(f["routes"]), FACTS_SECONDS, " s"),
        Goal(label, f"facts ≤ {FACTS_SECONDS:g} s", _median(f["facts"]), FACTS_SECONDS, " s"),
        Goal(
            label,
            f"peak memory ≤ {PEAK_MIB:g} MiB (facts)",
            f["mem_facts"]["peak_mib"],
            PEAK_MIB,
            " MiB",
        ),
    ]
    if len(figures) >= 2:
        sizes = [figures[n]["modules"] for n in figures]
        for row in ("cold", "routes", "facts"):
            # Whole-process rows fit their CPU seconds: waiting for a core on a shared
            # machine is not growth with N.
            key = "cpu" if "cpu" in figures[largest][row] else "times"
            seconds = [statistics.median(figures[n][row][key]) for n in figures]
            exponent = fitted_exponent(sizes, seconds)
            goals.append(
                Goal(
                    "all",
                    f"{row} grows close to linearly (exponent of {key} ≤ {LINEAR_EXPONENT})",
                    exponent,
                    LINEAR_EXPONENT,
                    "",
                )
            )
    return goals


def print_plan_repo(plan: dict[str, Any]) -> None:
    print(f"\n=== {plan['modules']}-module repository: whole-process commands ===")
    print(f"{'command':<52}{'runs':>5}{'median s':>10}{'min s':>9}{'CPU s':>9}")
    for label in ("routes", "facts", "trace", "plan"):
        times = plan[label]["times"]
        text = {
            "trace": f"archbook trace '{TRACE_ROUTE}'",
            "plan": f"archbook plan --feature {FEATURE} (offline)",
        }.get(label, f"archbook {label}")
        cpu = statistics.median(plan[label]["cpu"])
        print(
            f"{text:<52}{len(times):>5}{statistics.median(times):>10.3f}{min(times):>9.3f}"
            f"{cpu:>9.3f}"
        )


# ---------------------------------------------------------------------------
# Workers (fresh processes)
# ---------------------------------------------------------------------------


def work_facts_mem(spec: dict[str, Any]) -> dict[str, Any]:
    """Peak RSS of building the facts (scan, analysis, code model) with no cache."""
    from archbook import api

    gc.collect()
    start = time.perf_counter()
    known = api.knowledge(spec["root"], cache=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "times": [elapsed],
        "peak_mib": peak / KIB_PER_MIB,
        "routes": len(known.facts.routes),
    }


WORKERS = {**bench_scan.WORKERS, "facts_mem": work_facts_mem}


def _worker(spec: dict[str, Any]) -> dict[str, Any]:
    return bench_scan._worker(spec, script=__file__)


def _median(result: dict[str, Any]) -> float:
    return float(statistics.median(result["times"]))


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
