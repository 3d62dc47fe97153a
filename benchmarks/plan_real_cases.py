"""Real plan cases for ``plan_quality.py``: public FastAPI repositories at the commit
before a feature was built, the session their team wrote, and the files the real
implementation touched (``../shared/plan_cases/``, see its README).

The planner runs every step but ``write`` (the case trees are read-only inputs):
read the session, survey, scope, draft, validate. Figures per case: recall and
test recall against the real change set, files named and the share of them the
real change touched (a file the real change left alone may still be a sound
choice: this is a floor), modify/delete paths that do not exist in the base tree,
deletions of files the real change kept, Python sketches that do not parse, and
seconds spent planning (the repository's scan, done once per case, is timed apart).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from archbook import api
from archbook.domain.plan import CREATE, DELETE, Plan

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "plan_cases"
MIRROR_ROOT = Path(os.environ.get("MIRROR_ROOT", "/work/.mirror"))


@dataclass(frozen=True)
class RealScore:
    """One real case's figures."""

    case: str
    recall: float
    test_recall: float | None
    named: int
    precision: float
    invented: tuple[str, ...]
    bad_sketches: tuple[str, ...]
    scan_seconds: float
    plan_seconds: float
    missed: tuple[str, ...]
    wrong_deletes: tuple[str, ...] = ()
    error: str = ""


def locate_cases(data: str | None, cases_json: Path, work: Path) -> Path | None:
    """The folder holding materialized cases: ``data`` when given, else a fresh
    materialization from the git mirrors; None (after one line) when neither exists."""
    if data:
        if not Path(data).is_dir():
            print(f"real cases skipped: {data} is not a folder")
            return None
        return Path(data)
    script = cases_json.parent / "materialize.sh"
    if not (cases_json.is_file() and script.is_file() and MIRROR_ROOT.is_dir()):
        print(f"real cases skipped: no {cases_json} or no git mirrors under {MIRROR_ROOT}")
        return None
    out = work / "plan_cases"
    env = dict(os.environ, MIRROR_ROOT=str(MIRROR_ROOT))
    done = subprocess.run(
        ["bash", str(script), str(out), str(cases_json)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"real cases skipped: materialize.sh failed: {done.stderr.strip()[:200]}")
        return None
    return out


def run_real_cases(folder: Path, cases_json: Path, only: str = "") -> list[RealScore]:
    """Plan every case found under ``folder`` and score it."""
    cases = json.loads(cases_json.read_text(encoding="utf-8"))
    scores = []
    for case in cases:
        if only not in case["id"]:
            continue
        root = folder / case["id"]
        if not root.is_dir():
            print(f"{case['id']}: not materialized under {folder}, skipped")
            continue
        scores.append(_run_case(case, root))
    return scores


def report_real(scores: list[RealScore], brief: bool = False) -> None:
    """The per-case table, the means and the goals."""
    if not scores:
        print("no real case ran")
        return
    width = max(len(s.case) for s in scores)
    header = (
        f"{'case':<{width}}  {'recall':>6} {'tests':>5} {'named':>5} {'prec':>5} {'invented':>8} "
        f"{'bad sketch':>10} {'plan s':>6} {'scan s':>6}"
    )
    print(header)
    print("-" * len(header))
    for s in scores:
        tests = "-" if s.test_recall is None else f"{s.test_recall:.2f}"
        print(
            f"{s.case:<{width}}  {s.recall:>6.2f} {tests:>5} {s.named:>5} {s.precision:>5.2f} "
            f"{len(s.invented):>8} "
            f"{len(s.bad_sketches):>10} {s.plan_seconds:>6.2f} {s.scan_seconds:>6.2f}"
            + (f"  ERROR {s.error}" if s.error else "")
        )
    mean = sum(s.recall for s in scores) / len(scores)
    with_tests = [s.test_recall for s in scores if s.test_recall is not None]
    test_mean = sum(with_tests) / len(with_tests) if with_tests else 0.0
    invented = sum(len(s.invented) for s in scores)
    bad = sum(len(s.bad_sketches) for s in scores)
    slowest = max(s.plan_seconds for s in scores)
    print("-" * len(header))
    print(
        f"{'mean':<{width}}  {mean:>6.2f} {test_mean:>5.2f} "
        f"{sum(s.named for s in scores) / len(scores):>5.1f} "
        f"{sum(s.precision for s in scores) / len(scores):>5.2f} {invented:>8} {bad:>10} "
        f"{sum(s.plan_seconds for s in scores) / len(scores):>6.2f}"
    )
    if not brief:
        for s in scores:
            for path in s.invented:
                print(f"  {s.case}: INVENTED modify/delete {path}")
            for path in s.wrong_deletes:
                print(f"  {s.case}: DELETES {path}, which the real change kept")
            for path in s.bad_sketches:
                print(f"  {s.case}: sketch does not parse in {path}")
            for path in s.missed:
                print(f"  {s.case}: missed {path}")
    print()
    print(goal_line("mean recall ≥ 0.60", mean >= 0.60, f"{mean:.2f}"))
    print(goal_line("every case > 0", all(s.recall > 0 for s in scores), ""))
    print(goal_line("0 invented modify paths", invented == 0, str(invented)))
    wrong = sum(len(s.wrong_deletes) for s in scores)
    print(goal_line("0 deletions of files the real change kept", wrong == 0, str(wrong)))
    print(goal_line("0 sketches that do not parse", bad == 0, str(bad)))
    print(goal_line("≤ 2 s per plan", slowest <= 2.0, f"slowest {slowest:.2f} s"))


def normalise(path: str, backend_root: str) -> str:
    """A planned path as the README scores it: no leading ``/`` or ``./``; a path
    written relative to the backend root gets that root in front."""
    path = path.strip()
    path = path.removeprefix("./").lstrip("/")
    if backend_root and not path.startswith(backend_root):
        path = backend_root + path
    return path


def _run_case(case: dict[str, object], root: Path) -> RealScore:
    case_id = str(case["id"])
    backend = str(case.get("backend_root") or "")
    truth_files = case["truth_impl_files"]
    assert isinstance(truth_files, dict)
    truth = set(truth_files["created"]) | set(truth_files["modified"]) | set(truth_files["deleted"])
    tests = (
        set(truth_files.get("tests_created", []))
        | set(truth_files.get("tests_modified", []))
        | set(truth_files.get("tests_deleted", []))
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="archbook-case-") as cache:
        os.environ["ARCHBOOK_CACHE_DIR"] = cache
        known = api.knowledge(str(root))
        scanned = time.perf_counter()
        try:
            session = api.plan_session(str(root), str(case["feature"]), known=known)
            session.validate()
            plan = session.plan
            error = ""
        except Exception as exc:  # noqa: BLE001 - a failing case is a figure, not a crash
            plan, error = None, f"{type(exc).__name__}: {str(exc)[:120]}"
    finished = time.perf_counter()
    if plan is None:
        return RealScore(
            case_id, 0.0, 0.0 if tests else None, 0, 0.0, (), (), scanned - started,
            finished - scanned, tuple(sorted(truth)), error=error,
        )  # fmt: skip
    named = {normalise(c.path, backend) for c in plan.changes}
    named_tests = named | {normalise(t.path, backend) for t in plan.tests}
    invented = tuple(
        c.path
        for c in plan.changes
        if c.action != CREATE
        and not (root / normalise(c.path, backend)).exists()
        and not (root / c.path.lstrip("/")).exists()
    )
    return RealScore(
        case=case_id,
        recall=len(truth & named) / len(truth) if truth else 0.0,
        test_recall=len(tests & named_tests) / len(tests) if tests else None,
        named=len(named),
        # the share of the named files the real change touched, its tests included
        precision=len((truth | tests) & named) / len(named) if named else 0.0,
        invented=invented,
        bad_sketches=_bad_sketches(plan),
        scan_seconds=scanned - started,
        plan_seconds=finished - scanned,
        missed=tuple(sorted(truth - named)),
        wrong_deletes=tuple(
            c.path
            for c in plan.changes
            if c.action == DELETE and normalise(c.path, backend) not in truth_files["deleted"]
        ),
        error="" if plan.valid else "plan did not validate: " + "; ".join(
            f.message for f in plan.validation if f.level == "error"
        )[:200],
    )  # fmt: skip


def _bad_sketches(plan: Plan) -> tuple[str, ...]:
    bad = []
    for change in plan.changes:
        if change.path.endswith(".py") and change.code_sketch:
            try:
                ast.parse(change.code_sketch)
            except SyntaxError:
                bad.append(change.path)
    return tuple(bad)


def goal_line(text: str, met: bool, figure: str) -> str:
    """A goal as the benchmarks print it: PASS or MISS, the goal, the figure."""
    return f"{'PASS' if met else 'MISS'}  {text}" + (f" (measured: {figure})" if figure else "")
