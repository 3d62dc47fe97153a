"""Scan benchmark: archbook against grimp and pydeps on django and sympy, in one run.

    python benchmarks/bench_scan.py            # full run (a few minutes on 2 cores)
    python benchmarks/bench_scan.py --quick    # fewer repeats, for trying the script

Prints medians in seconds and ratios against peers measured in the same run
(absolute seconds drift between machines and runs; ratios measured together do
not). It is not a test: it exits 0 whether goals are met or missed, and non-zero
only when something crashes. Every measurement kind runs in its own fresh
process, one at a time, so peak memory and warm-up are comparable. Nothing is
written into site-packages: edits happen on a copy in a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import gc
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PACKAGES = ("django", "sympy")
REPEATS = 5
QUICK_REPEATS = 2
# Rounds of the whole-process commands (pydeps aside), interleaved. A process of
# 0.3 s varies by ±10% from one round to the next on a shared 2-CPU machine, and the
# medians of 5 rounds moved by 8% between identical runs: 11 rounds, a few seconds
# more per package, keep a ratio's verdict from hanging on that spread.
WHOLE_PROCESS_REPEATS = 11
# Fresh processes whose runs the cold rows pool. One process's median moved by up to
# 14% from one fresh process to the next (django, archbook ÷ grimp from 0.88× to
# 1.01× over ten pairs): three, interleaved, keep a verdict from hanging on one.
COLD_PROCESSES = 3
PYDEPS_REPEATS = {"django": 3, "sympy": 2}
SVG_PACKAGE = "django"

# File edited (on the copy) for the one-file rows, and the import line appended to it.
EDIT_TARGETS = {
    "django": ("db/models/query.py", "import django.utils.functional"),
    "sympy": ("core/basic.py", "import sympy.utilities.misc"),
}

COLD_VS_GRIMP_COLD = 0.7
WARM_VS_GRIMP_WARM = 0.5
ONE_FILE_SECONDS = 0.1
ONE_FILE_PACKAGE = "sympy"
PYDEPS_SPEEDUP = 30.0
# Whole process: `archbook analyse --no-cache` against grimp, and `archbook --help` alone.
WHOLE_VS_GRIMP = {"django": 1.0, "sympy": 0.8}
HELP_SECONDS = 0.15
SVG_SECONDS = 1.0

ARCHBOOK_COMMAND = "archbook analyse --no-cache"
HELP_COMMAND = "archbook --help"
GRIMP_COMMAND = "grimp.build_graph, no cache"
PYDEPS_COMMAND = "pydeps --show-deps --no-output"
SCANNER_COMMANDS = (ARCHBOOK_COMMAND, GRIMP_COMMAND)
TOOL_COMMANDS = (*SCANNER_COMMANDS, PYDEPS_COMMAND)

RESULT_MARK = "@@BENCH@@ "
NS_PER_S = 1_000_000_000
KIB_PER_MIB = 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (trying it out)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = WORKERS[json.loads(args.worker)["kind"]](json.loads(args.worker))
        print(RESULT_MARK + json.dumps(result), flush=True)
        return 0
    return run_benchmark(quick=args.quick)


# ---------------------------------------------------------------------------
# Orchestration (parent process)
# ---------------------------------------------------------------------------


def run_benchmark(quick: bool) -> int:
    started = time.perf_counter()
    repeats = QUICK_REPEATS if quick else REPEATS
    _require_peers()
    dirs = {name: _ensure_package(name) for name in PACKAGES}
    _compile_archbook()
    print_header(dirs, repeats)
    goals: list[Goal] = []
    with tempfile.TemporaryDirectory(prefix="archbook-bench-") as work:
        for name in PACKAGES:
            _warm_page_cache(dirs[name])
            figures = measure_package(name, dirs[name], work, repeats, quick)
            goals.extend(print_package(name, figures))
    print_goals(goals)
    print(f"\nload average at end: {_load_average()} (other work on the machine skews ratios)")
    print(f"total benchmark runtime: {time.perf_counter() - started:.1f} s")
    return 0


def measure_package(name: str, pkgdir: str, work: str, repeats: int, quick: bool) -> dict[str, Any]:
    """Every figure for one package; each kind runs in its own fresh process."""
    base = os.path.join(work, name)
    copy_root = os.path.join(base, "copy", name)
    shutil.copytree(pkgdir, copy_root, ignore=shutil.ignore_patterns("__pycache__"))
    edit_path, edit_line = EDIT_TARGETS[name]
    common = {"package": name, "repeats": repeats}
    f: dict[str, Any] = {"pkgdir": pkgdir}

    def job(kind: str, **extra: Any) -> dict[str, Any]:
        return _worker({**common, "kind": kind, **extra})

    def scratch(label: str) -> str:
        path = os.path.join(base, label)
        os.makedirs(path, exist_ok=True)
        return path

    _progress(f"{name}: in-process timings")
    cold_kinds = {
        "grimp_cold": {"kind": "grimp_cold"},
        "grimp_cold_cache": {"kind": "grimp_cold", "cache": scratch("grimp-cold")},
        "archbook_cold": {"kind": "archbook_cold", "root": pkgdir, "snapshots": scratch("snap")},
        "archbook_cold_nostore": {"kind": "archbook_cold", "root": pkgdir, "snapshots": None},
        "archbook_cold_serial": {
            "kind": "archbook_cold",
            "root": pkgdir,
            "snapshots": scratch("snap-serial"),
            "jobs": 1,
        },
    }
    processes = 1 if quick else COLD_PROCESSES
    for _ in range(processes):  # round after round, so drift affects every kind alike
        for label, spec in cold_kinds.items():
            found = _worker({**common, **spec})
            pooled = f.setdefault(label, {**found, "times": []})
            pooled["times"] += found["times"]
    f["phases"] = job("archbook_phases", root=pkgdir, snapshots=scratch("snap-phases"))
    f["phases_serial"] = job(
        "archbook_phases", root=pkgdir, snapshots=scratch("snap-phases-serial"), jobs=1
    )
    f["grimp_warm"] = job("grimp_warm", cache=scratch("grimp-warm"))
    f["archbook_warm"] = job("archbook_warm", root=pkgdir, snapshots=scratch("snap-warm"))
    f["archbook_warm_fresh"] = fresh_process_runs(
        {**common, "root": pkgdir, "snapshots": scratch("snap-warm-fresh")}
    )
    f["archbook_touch"] = job(
        "archbook_touch", root=copy_root, snapshots=scratch("snap-touch"), target=edit_path
    )
    f["archbook_edit"] = job(
        "archbook_edit",
        root=copy_root,
        snapshots=scratch("snap-edit"),
        target=edit_path,
        line=edit_line,
    )

    _progress(f"{name}: peak memory")
    f["mem"] = {
        "archbook cold": job("mem", tool="archbook", root=pkgdir, cache=scratch("mem-a")),
        "grimp cold": job("mem", tool="grimp", cache=None),
    }
    job("prime", tool="archbook", root=pkgdir, cache=scratch("mem-a-warm"))
    f["mem"]["archbook warm"] = job(
        "mem", tool="archbook", root=pkgdir, cache=scratch("mem-a-warm")
    )
    job("prime", tool="grimp", cache=scratch("mem-g-warm"))
    f["mem"]["grimp warm"] = job("mem", tool="grimp", cache=scratch("mem-g-warm"))

    if name == SVG_PACKAGE:
        _progress(f"{name}: layer SVG")
        f["svg"] = job("layer_svg", root=pkgdir, snapshots=scratch("snap-svg"))

    _progress(f"{name}: whole-process timings (pydeps is slow)")
    f["whole"] = measure_whole_processes(name, pkgdir, work, quick)
    shutil.rmtree(base, ignore_errors=True)
    return f


def fresh_process_runs(spec: dict[str, Any], script: str = __file__) -> dict[str, Any]:
    """Warm runs that each start a new process: the snapshot is read from its file,
    nothing is kept in memory from an earlier run (what a CLI or pre-commit user gets)."""
    _worker({**spec, "kind": "archbook_once"}, script)  # writes the snapshot
    runs = [_worker({**spec, "kind": "archbook_once"}, script) for _ in range(spec["repeats"])]
    assert all(run["parsed"] == 0 for run in runs), "a warm run re-read files"
    return {**runs[-1], "times": [run["times"][0] for run in runs]}


def measure_whole_processes(name: str, pkgdir: str, work: str, quick: bool) -> dict[str, Any]:
    """Whole-process wall time of each command, rounds interleaved so drift hits all alike."""
    env = {**os.environ, "ARCHBOOK_CACHE_DIR": os.path.join(work, "cli-cache")}
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        HELP_COMMAND: [*_archbook_command(), "--help"],
        ARCHBOOK_COMMAND: [*_archbook_command(), "analyse", pkgdir, "--no-cache"],
        GRIMP_COMMAND: [
            sys.executable,
            "-c",
            f"import grimp; grimp.build_graph({name!r}, cache_dir=None)",
        ],
        PYDEPS_COMMAND: [
            sys.executable,
            "-m",
            "pydeps",
            pkgdir,
            "--show-deps",
            "--no-output",
            "--noshow",
            "--no-config",
        ],
    }
    rounds = QUICK_REPEATS if quick else WHOLE_PROCESS_REPEATS
    slow_rounds = 1 if quick else PYDEPS_REPEATS[name]
    times: dict[str, list[float]] = {label: [] for label in commands}
    for index in range(rounds):
        for label, command in commands.items():
            if label == PYDEPS_COMMAND and index >= slow_rounds:
                continue
            times[label].append(_time_process(command, cwd=work, env=env))
    return times


def _time_process(command: list[str], cwd: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return elapsed


def _worker(spec: dict[str, Any], script: str = __file__) -> dict[str, Any]:
    """Run one measurement kind in a fresh interpreter (``script --worker SPEC``) and
    return its JSON result."""
    command = [sys.executable, os.path.abspath(script), "--worker", json.dumps(spec)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"worker {spec['kind']} failed ({done.returncode}):\n{done.stderr}")
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return dict(json.loads(line[len(RESULT_MARK) :]))
    raise RuntimeError(f"worker {spec['kind']} printed no result:\n{done.stdout}{done.stderr}")


def _require_peers() -> None:
    missing = [name for name in ("grimp", "pydeps") if importlib.util.find_spec(name) is None]
    if missing:
        raise SystemExit(f"bench_scan needs {', '.join(missing)}: pip install {' '.join(missing)}")


def _ensure_package(name: str) -> str:
    """The folder of an installed package (installed if missing), without importing it."""
    if importlib.util.find_spec(name) is None:
        _progress(f"installing {name} into {sys.prefix}")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", name], check=True)
        importlib.invalidate_caches()
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"{name} is not importable after installing it")
    return os.path.dirname(os.path.realpath(spec.origin))


def _compile_archbook() -> None:
    """Write archbook's bytecode, as pip does when it installs a wheel (its peers were
    installed so). An editable install run with PYTHONDONTWRITEBYTECODE=1 would
    otherwise compile every module changed since its last .pyc in each new process:
    a cost of that checkout, not of the tool. The bundled sample is left alone."""
    spec = importlib.util.find_spec("archbook")
    if spec is None or spec.origin is None:
        return
    package = os.path.dirname(spec.origin)
    compileall.compile_dir(package, quiet=1, rx=re.compile(r"[/\\]samples[/\\]"))


def _warm_page_cache(folder: str) -> None:
    """Read every file once so the first timed tool does not pay for the disk alone."""
    for current, _dirs, files in os.walk(folder):
        for file_name in files:
            with open(os.path.join(current, file_name), "rb") as handle:
                handle.read()


def _archbook_command() -> list[str]:
    script = os.path.join(os.path.dirname(sys.executable), "archbook")
    if os.path.isfile(script):
        return [script]
    found = shutil.which("archbook")
    return [found] if found else [sys.executable, "-m", "archbook.cli"]


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Workers (each runs in its own process)
# ---------------------------------------------------------------------------


def archbook_run(root: str, snapshots: str | None, jobs: int = 0) -> Any:
    """scan + layers + violations exactly as the library's callers do it (``jobs=0``:
    the library's and the CLI's default, one process per CPU where forking is safe;
    1: this process only; ``snapshots`` None: no snapshot kept, as ``--no-cache``)."""
    from archbook.adapters.rules.config_rules import ConfigFileRulesSource
    from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
    from archbook.adapters.scanning.scan_snapshots import MarshalScanSnapshots
    from archbook.application.layers.analysis import analyse_scan
    from archbook.application.layers.scanning import Scanner

    rules = ConfigFileRulesSource().rules_for(root)
    store = MarshalScanSnapshots(snapshots) if snapshots is not None else None
    scan = Scanner(FilesystemSourceTreeReader(jobs=jobs), store).scan(root, rules.exclude)
    analysis = analyse_scan(scan, rules)
    len(analysis.violations)
    return analysis


def _import_archbook() -> None:
    """Import what archbook_run needs up front, so import time stays out of timed runs."""
    import archbook.adapters.rules.config_rules  # noqa: F401
    import archbook.adapters.scanning.filesystem_scanner  # noqa: F401
    import archbook.adapters.scanning.scan_snapshots  # noqa: F401
    import archbook.application.layers.analysis  # noqa: F401
    import archbook.application.layers.scanning  # noqa: F401


def _timed(run: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    value = run()
    return time.perf_counter() - start, value


def _describe(analysis: Any) -> dict[str, Any]:
    scan = analysis.scan
    return {
        "modules": len(scan.modules),
        "internal_imports": len(analysis.pairs),
        "imports": len(scan.imports),
        "violations": len(analysis.violations),
        "files": scan.stats.files,
        "parsed": scan.stats.parsed,
    }


def work_archbook_cold(spec: dict[str, Any]) -> dict[str, Any]:
    """Cold runs: each with a new, empty snapshot folder, or with no snapshot kept at all
    (``snapshots`` None: what ``--no-cache`` does)."""
    _import_archbook()
    times, last = [], None
    for index in range(spec["repeats"]):
        fresh = None
        if spec["snapshots"] is not None:
            fresh = tempfile.mkdtemp(prefix=f"cold{index}-", dir=spec["snapshots"])
        elapsed, last = _timed(
            lambda: archbook_run(spec["root"], fresh, spec.get("jobs", 0))  # noqa: B023
        )
        assert last.scan.stats.parsed == last.scan.stats.files, "cold run used a snapshot"
        times.append(elapsed)
    return {"times": times, **_describe(last)}


# Where a cold run's time goes: each step and the functions timed for it. The files
# are read while the folders are walked when the walk is shared among processes, and
# by ``read_imports`` after it otherwise: both count as one step.
READING = "walk folders and read files"
SCANNER = "archbook.adapters.scanning.filesystem_scanner"
PHASES = (
    (READING, SCANNER, "FilesystemSourceTreeReader.list_files"),
    (READING, SCANNER, "FilesystemSourceTreeReader.read_imports"),
    ("name modules, resolve imports", "archbook.application.layers.scanning", "_resolve_all"),
    (
        "store the snapshot",
        "archbook.adapters.scanning.scan_snapshots",
        "MarshalScanSnapshots.store",
    ),
    ("classify layers, check rules", "archbook.application.layers.analysis", "analyse_scan"),
)
REST_OF_RUN = "the rest (rules, records, keys, tables)"


def work_archbook_phases(spec: dict[str, Any]) -> dict[str, Any]:
    """Cold runs as ``work_archbook_cold``'s, with each step of ``PHASES`` timed by a
    wrapper around the function that does it: {"steps": {step: times}, "times": the
    runs' whole times}."""
    _import_archbook()
    spent: dict[str, float] = {}
    for label, module_name, attribute in PHASES:
        _time_calls(label, importlib.import_module(module_name), attribute, spent)
    steps: dict[str, list[float]] = {label: [] for label, _, _ in PHASES}  # once each
    steps[REST_OF_RUN], totals = [], []
    for index in range(spec["repeats"]):
        fresh = tempfile.mkdtemp(prefix=f"phases{index}-", dir=spec["snapshots"])
        spent.clear()
        elapsed, last = _timed(
            lambda: archbook_run(spec["root"], fresh, spec.get("jobs", 0))  # noqa: B023
        )
        assert last.scan.stats.parsed == last.scan.stats.files, "cold run used a snapshot"
        for label in list(steps)[:-1]:
            steps[label].append(spent.get(label, 0.0))
        steps[REST_OF_RUN].append(elapsed - sum(spent.values()))
        totals.append(elapsed)
    return {"steps": steps, "times": totals}


def _time_calls(label: str, module: Any, attribute: str, spent: dict[str, float]) -> None:
    """Wrap ``module.attribute`` (``Class.method`` too) so that the time its calls take
    adds up in ``spent[label]``."""
    owner_name, _, name = attribute.rpartition(".")
    owner = getattr(module, owner_name) if owner_name else module
    real = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, name, timed)


def work_archbook_warm(spec: dict[str, Any]) -> dict[str, Any]:
    _import_archbook()
    archbook_run(spec["root"], spec["snapshots"])
    times, last = [], None
    for _ in range(spec["repeats"]):
        elapsed, last = _timed(lambda: archbook_run(spec["root"], spec["snapshots"]))
        assert last.scan.stats.parsed == 0, "warm run re-read files"
        times.append(elapsed)
    return {"times": times, **_describe(last)}


def work_archbook_once(spec: dict[str, Any]) -> dict[str, Any]:
    """One timed run in this new process, with whatever snapshot the folder holds."""
    _import_archbook()
    elapsed, last = _timed(lambda: archbook_run(spec["root"], spec["snapshots"]))
    return {"times": [elapsed], **_describe(last)}


def work_archbook_touch(spec: dict[str, Any]) -> dict[str, Any]:
    """One file's mtime moves, its content does not (a save without changes, a checkout)."""
    _import_archbook()
    target = os.path.join(spec["root"], spec["target"])
    archbook_run(spec["root"], spec["snapshots"])
    base_mtime = os.stat(target).st_mtime_ns
    times, last = [], None
    for index in range(spec["repeats"]):
        stamp = base_mtime + (index + 1) * NS_PER_S
        os.utime(target, ns=(stamp, stamp))
        elapsed, last = _timed(lambda: archbook_run(spec["root"], spec["snapshots"]))
        assert last.scan.stats.parsed == 1, f"expected 1 file re-read, got {last.scan.stats}"
        times.append(elapsed)
    return {"times": times, **_describe(last)}


def work_archbook_edit(spec: dict[str, Any]) -> dict[str, Any]:
    """One file really edited before each run: an import line appended, then taken out
    again, in turn, so every run re-reads the file and re-resolves a changed import."""
    _import_archbook()
    target = os.path.join(spec["root"], spec["target"])
    with open(target, encoding="utf-8") as handle:
        original = handle.read()
    before = archbook_run(spec["root"], spec["snapshots"])
    base_imports = len(before.scan.imports)
    base_mtime = os.stat(target).st_mtime_ns
    times, last = [], None
    for index in range(spec["repeats"]):
        added = index % 2 == 0
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(f"{original.rstrip()}\n{spec['line']}\n" if added else original)
        stamp = base_mtime + (index + 1) * NS_PER_S
        os.utime(target, ns=(stamp, stamp))
        elapsed, last = _timed(lambda: archbook_run(spec["root"], spec["snapshots"]))
        assert last.scan.stats.parsed == 1, f"expected 1 file re-read, got {last.scan.stats}"
        expected = base_imports + 1 if added else base_imports
        assert len(last.scan.imports) == expected, "the edited import was not seen"
        times.append(elapsed)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(original)
    stamp = base_mtime + (spec["repeats"] + 1) * NS_PER_S
    os.utime(target, ns=(stamp, stamp))
    return {"times": times, **_describe(last)}


def work_grimp_cold(spec: dict[str, Any]) -> dict[str, Any]:
    """Cold runs: with ``cache_dir=None`` (no cache read or written), or, given a
    ``cache`` folder, each with a new, empty cache folder that grimp then writes."""
    import grimp

    times: list[float] = []
    graph: Any = None
    for index in range(spec["repeats"]):
        cache = None
        if spec.get("cache") is not None:
            cache = tempfile.mkdtemp(prefix=f"cold{index}-", dir=spec["cache"])
        elapsed, graph = _timed(
            lambda: grimp.build_graph(spec["package"], cache_dir=cache)  # noqa: B023
        )
        times.append(elapsed)
    return {"times": times, "modules": len(graph.modules), "imports": graph.count_imports()}


def work_grimp_warm(spec: dict[str, Any]) -> dict[str, Any]:
    import grimp

    grimp.build_graph(spec["package"], cache_dir=spec["cache"])
    times: list[float] = []
    graph: Any = None
    for _ in range(spec["repeats"]):
        elapsed, graph = _timed(lambda: grimp.build_graph(spec["package"], cache_dir=spec["cache"]))
        times.append(elapsed)
    return {"times": times, "modules": len(graph.modules), "imports": graph.count_imports()}


def _one_run(spec: dict[str, Any]) -> Callable[[], Any]:
    if spec["tool"] == "archbook":
        _import_archbook()
        return lambda: archbook_run(spec["root"], spec["cache"])
    import grimp

    return lambda: grimp.build_graph(spec["package"], cache_dir=spec["cache"])


def work_prime(spec: dict[str, Any]) -> dict[str, Any]:
    _one_run(spec)()
    return {}


def work_mem(spec: dict[str, Any]) -> dict[str, Any]:
    """Peak RSS of one run in a fresh process, and how far it rose above the imports.

    ru_maxrss rather than tracemalloc: grimp builds its graph in Rust, which
    tracemalloc cannot see, so only the process peak compares the two fairly.
    """
    run = _one_run(spec)
    gc.collect()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    elapsed, _ = _timed(run)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"peak_mib": peak / KIB_PER_MIB, "rise_mib": (peak - baseline) / KIB_PER_MIB}


def work_layer_svg(spec: dict[str, Any]) -> dict[str, Any]:
    from archbook import api

    analysis = archbook_run(spec["root"], spec["snapshots"])
    hint = api.renderer_hint()
    if hint is not None:
        raise RuntimeError(f"layer SVG would not use Graphviz: {hint}")
    times, svg = [], ""
    for _ in range(spec["repeats"]):
        elapsed, svg = _timed(lambda: api.layer_svg(analysis))
        times.append(elapsed)
    if "<svg" not in svg:
        raise RuntimeError("layer_svg returned no SVG")
    return {"times": times, "svg_bytes": len(svg.encode())}


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "archbook_cold": work_archbook_cold,
    "archbook_phases": work_archbook_phases,
    "archbook_warm": work_archbook_warm,
    "archbook_touch": work_archbook_touch,
    "archbook_edit": work_archbook_edit,
    "archbook_once": work_archbook_once,
    "grimp_cold": work_grimp_cold,
    "grimp_warm": work_grimp_warm,
    "prime": work_prime,
    "mem": work_mem,
    "layer_svg": work_layer_svg,
}


# ---------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------


def print_header(dirs: dict[str, str], repeats: int) -> None:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    print("archbook scan benchmark")
    print(f"date:     {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
    print(f"machine:  {os.cpu_count()} CPUs ({_cpu_model()}), {platform.platform()}")
    print(f"python:   {platform.python_version()} ({sys.executable})")
    tools = ("archbook", "grimp", "pydeps", "django", "sympy")
    print("versions: " + ", ".join(f"{name} {version(name)}" for name in tools))
    print(f"dot:      {_dot_version()}")
    print(f"load:     {_load_average()} (1, 5, 15 min) at start")
    for name, folder in dirs.items():
        print(f"{name + ':':<10}{folder}")
    print(
        f"method:   median of {repeats} runs per in-process row, each kind in its own fresh\n"
        '          process, run one after another; OS file cache warmed first ("cold" = no\n'
        "          tool cache, not a cold disk); gc.collect() before every timed run; the\n"
        "          cyclic GC is left enabled during timed runs for every tool alike (archbook's\n"
        "          Scanner pauses it inside scan() by design: product behaviour, counted).\n"
        "          Ratios are archbook ÷ peer (< 1 means archbook is faster). archbook's\n"
        "          bytecode is written first, as pip writes every tool's when it installs one."
    )


def print_package(name: str, f: dict[str, Any]) -> list[Goal]:
    gcold, gwarm = _median(f["grimp_cold"]), _median(f["grimp_warm"])
    cold = f["archbook_cold"]
    grimp = f["grimp_cold"]
    print(f"\n=== {name} ===")
    print(
        f"archbook: {cold['modules']} modules, {cold['internal_imports']} internal import pairs, "
        f"{cold['violations']} violations, {cold['files']} files · grimp: "
        f"{grimp['modules']} modules, {grimp['imports']} imports"
    )
    edit_path, edit_line = EDIT_TARGETS[name]
    rows = [
        ("archbook cold (empty snapshot dir)†", f["archbook_cold"]),
        ("archbook cold, jobs=1 (one process)", f["archbook_cold_serial"]),
        ("archbook cold, no snapshot kept (--no-cache)§", f["archbook_cold_nostore"]),
        ("archbook warm (snapshot, nothing changed)‡", f["archbook_warm"]),
        ("archbook warm, new process each run", f["archbook_warm_fresh"]),
        ("archbook one file touched (mtime only)*", f["archbook_touch"]),
        ("archbook one file edited (+1 import)*", f["archbook_edit"]),
        ("grimp cold (cache_dir=None)", f["grimp_cold"]),
        ("grimp cold, empty cache_dir (writes it)§", f["grimp_cold_cache"]),
        ("grimp warm (cache primed)", f["grimp_warm"]),
    ]
    print(
        f"\n{'in-process, scan+layers+violations':<44}{'runs':>5}{'median s':>10}{'min s':>9}"
        f"{'÷grimp cold':>13}{'÷grimp warm':>13}"
    )
    for label, result in rows:
        median = _median(result)
        print(
            f"{label:<44}{len(result['times']):>5}{median:>10.3f}{min(result['times']):>9.3f}"
            f"{median / gcold:>12.2f}×{median / gwarm:>12.2f}×"
        )
    print(
        f"* on a copy of the package in a temp folder; file {edit_path}, edit appends '{edit_line}'"
    )
    print("† the library's and the CLI's default: a first walk is shared with one forked")
    print("  process per CPU, each walking folders and reading their files (a process")
    print("  running several threads, a Jupyter kernel, reads alone, as in the row below)")
    print("‡ and the rows below it: runs after the first in one process, which reuse the")
    print("  snapshot, modules and analysis kept in memory (a notebook re-running a cell);")
    print("  'new process each run' reads the snapshot file, as the CLI does")
    print("§ like for like, for reference (the goal divides by grimp cache_dir=None): writing")
    no_cache = _median(f["archbook_cold_nostore"]) / gcold
    each_cache = _median(f["archbook_cold"]) / _median(f["grimp_cold_cache"])
    print(
        f"  no cache, archbook ÷ grimp {no_cache:.2f}×; each writing its cache, {each_cache:.2f}×"
    )

    print_phases(f["phases"], f["phases_serial"], gcold)

    whole = f["whole"]
    pydeps = statistics.median(whole[PYDEPS_COMMAND])
    grimp_whole = statistics.median(whole[GRIMP_COMMAND])
    print(
        f"\n{'whole process (fresh interpreter each run)':<44}{'runs':>5}{'median s':>10}"
        f"{'min s':>9}{'÷grimp':>13}{'pydeps ÷ it':>13}"
    )
    for label, times in whole.items():
        median = statistics.median(times)
        versus_grimp = f"{median / grimp_whole:>12.2f}×" if label in TOOL_COMMANDS else f"{'—':>13}"
        speedup = f"{pydeps / median:>12.1f}×" if label in SCANNER_COMMANDS else f"{'—':>13}"
        print(f"{label:<44}{len(times):>5}{median:>10.3f}{min(times):>9.3f}{versus_grimp}{speedup}")
    print("(python -c pass: interpreter start-up alone, for scale; archbook --help: the CLI's own")
    print(" start-up, what every command pays before it does anything)")

    print(f"\n{'peak memory (fresh process, ru_maxrss)':<44}{'peak MiB':>10}{'rise MiB':>10}")
    for label, mem in f["mem"].items():
        print(f"{label:<44}{mem['peak_mib']:>10.1f}{mem['rise_mib']:>10.1f}")
    print("(rise = peak minus the peak right after importing the tool)")

    if "svg" in f:
        svg = f["svg"]
        print(
            f"\n{'layer SVG: archbook.api.layer_svg (dot)':<44}{len(svg['times']):>5}"
            f"{_median(svg):>10.3f}{min(svg['times']):>9.3f}   ({svg['svg_bytes']} bytes)"
        )

    archbook_whole = statistics.median(whole[ARCHBOOK_COMMAND])
    goals = [
        Goal(
            name,
            f"cold ≤ {COLD_VS_GRIMP_COLD}× grimp cold (in-process)",
            _median(f["archbook_cold"]) / gcold,
            COLD_VS_GRIMP_COLD,
            "×",
        ),
        Goal(
            name,
            f"warm ≤ {WARM_VS_GRIMP_WARM}× grimp warm (in-process)",
            _median(f["archbook_warm"]) / gwarm,
            WARM_VS_GRIMP_WARM,
            "×",
        ),
    ]
    if name == ONE_FILE_PACKAGE:
        goals += [
            Goal(
                name,
                f"one file touched ≤ {ONE_FILE_SECONDS} s",
                _median(f["archbook_touch"]),
                ONE_FILE_SECONDS,
                " s",
            ),
            Goal(
                name,
                f"one file edited ≤ {ONE_FILE_SECONDS} s",
                _median(f["archbook_edit"]),
                ONE_FILE_SECONDS,
                " s",
            ),
        ]
    goals.append(
        Goal(
            name,
            f"archbook analyse ≤ {WHOLE_VS_GRIMP[name]:g}× grimp (whole process)",
            archbook_whole / grimp_whole,
            WHOLE_VS_GRIMP[name],
            "×",
        )
    )
    if name == PACKAGES[0]:
        goals.append(
            Goal(
                "cli",
                f"archbook --help ≤ {HELP_SECONDS:g} s (whole process)",
                statistics.median(whole[HELP_COMMAND]),
                HELP_SECONDS,
                " s",
            )
        )
    goals.append(
        Goal(
            name,
            f"pydeps ÷ archbook ≥ {PYDEPS_SPEEDUP:g}× (whole process)",
            pydeps / archbook_whole,
            PYDEPS_SPEEDUP,
            "×",
            at_least=True,
        )
    )
    if "svg" in f:
        goals.append(
            Goal(name, f"layer SVG ≤ {SVG_SECONDS} s", _median(f["svg"]), SVG_SECONDS, " s")
        )
    return goals


def print_phases(shared: dict[str, Any], serial: dict[str, Any], gcold: float) -> None:
    """Where a cold run's time goes, with the reading shared (the default) and in one
    process, and what the run would take were the reading split perfectly."""
    print(f"\n{'where cold time goes (median ms)':<44}{'shared':>9}{'jobs=1':>9}")
    for label in shared["steps"]:
        share = statistics.median(shared["steps"][label]) * 1000
        alone = statistics.median(serial["steps"][label]) * 1000
        print(f"{label:<44}{share:>9.1f}{alone:>9.1f}")
    total, total_serial = _median(shared) * 1000, _median(serial) * 1000
    print(f"{'total (instrumented runs)':<44}{total:>9.1f}{total_serial:>9.1f}")
    reading = statistics.median(serial["steps"][READING]) * 1000
    rest = total_serial - reading
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpus = cpus or 1
    floor = reading / cpus + rest
    print(
        f"the reading split evenly over {cpus} CPUs with nothing lost, and the one-process "
        f"rest as is:\n  {floor:.1f} ms = {floor / (gcold * 1000):.2f}× grimp cold"
    )


@dataclass(frozen=True)
class Goal:
    """A target figure: ``value`` must stay at most (or, ``at_least``, reach) ``limit``."""

    package: str
    text: str
    value: float
    limit: float
    unit: str
    at_least: bool = False

    @property
    def met(self) -> bool:
        return self.value >= self.limit if self.at_least else self.value <= self.limit


def print_goals(goals: list[Goal]) -> None:
    print("\n=== goals ===")
    for goal in goals:
        figure = f"{goal.value:.2f}×" if goal.unit == "×" else f"{goal.value:.3f}{goal.unit}"
        print(f"{'PASS' if goal.met else 'MISS'}  {goal.package:<7} {goal.text}: {figure}")
    missed = sum(1 for goal in goals if not goal.met)
    print(f"{len(goals) - missed} of {len(goals)} goals met")


def _median(result: dict[str, Any]) -> float:
    return float(statistics.median(result["times"]))


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _dot_version() -> str:
    dot = shutil.which("dot")
    if dot is None:
        return "not found"
    done = subprocess.run([dot, "-V"], capture_output=True, text=True)
    return (done.stderr or done.stdout).strip()


if __name__ == "__main__":
    sys.exit(main())
