"""Plan-quality benchmark: do the offline planner's plans name the files a senior
engineer would really touch?

    python benchmarks/plan_quality.py            # real cases, then fixture cases
    python benchmarks/plan_quality.py --brief    # the tables and the goals only
    python benchmarks/plan_quality.py --case dishka   # cases whose name contains this
    python benchmarks/plan_quality.py --data /work/data/plan_cases   # already materialized

Real cases come first (``plan_real_cases.py``): the public repositories and
sessions of ``../shared/plan_cases/``, materialized from the git mirrors under
``$MIRROR_ROOT`` (default ``/work/.mirror``) unless ``--data`` names a folder that
holds them already; skipped with one line when neither is there.

Fixture cases are reported apart. For each case of ``benchmarks/plan_cases.py``
it copies the repository to a temporary folder, writes the case's context
session there (the bundled sample already has its own), runs the offline
planner through ``archbook.api.plan`` (read the session, survey, draft,
validate, write), and compares the plan's file changes with the files the case expects:

- recall: expected entries matched by at least one planned path;
- precision: planned paths that match some expected entry;
- ghost modifications: planned ``modify``/``delete`` of a file that does not
  exist in the repository (must be 0 — such a plan sends its reader astray);
- whether the plan's kind (new feature, performance, question) is right.

It prints figures, it is not a test: it exits 0 whether goals are met or
missed, and non-zero only when something crashes (a plan that fails its own
validation counts as a crash). Nothing is written outside the temporary folder;
archbook's scan cache goes there too.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
ASSETS = REPO_ROOT / "tests" / "assets"
sys.path.insert(0, str(HERE))

from plan_cases import CASES, SAMPLE, PlanCase  # noqa: E402
from plan_real_cases import (  # noqa: E402
    SHARED,
    goal_line,
    locate_cases,
    report_real,
    run_real_cases,
)

from archbook import api  # noqa: E402
from archbook.domain.plan import CREATE  # noqa: E402

RECALL_GOAL = 0.8
GHOST_GOAL = 0


@dataclass(frozen=True)
class Score:
    """One case's figures and what went wrong."""

    case: PlanCase
    planned: tuple[tuple[str, str], ...]  # (action, path)
    kind: str
    matched: tuple[str, ...]
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    ghosts: tuple[str, ...]

    @property
    def recall(self) -> float:
        return len(self.matched) / len(self.case.expected)

    @property
    def precision(self) -> float:
        if not self.planned:
            return 0.0
        return (len(self.planned) - len(self.extra)) / len(self.planned)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--brief", action="store_true", help="no per-case details")
    parser.add_argument("--case", default="", help="only cases whose name contains this")
    parser.add_argument("--data", default=None, help="folder of materialized real cases")
    parser.add_argument("--cases", default=str(SHARED / "cases.json"), help="cases.json")
    parser.add_argument("--real-only", action="store_true", help="skip the fixture cases")
    parser.add_argument("--fixtures-only", action="store_true", help="skip the real cases")
    args = parser.parse_args(argv)
    if not args.fixtures_only:
        print("== real cases (../shared/plan_cases)")
        with tempfile.TemporaryDirectory(prefix="archbook-real-cases-") as work:
            folder = locate_cases(args.data, Path(args.cases), Path(work))
            if folder is not None:
                report_real(run_real_cases(folder, Path(args.cases), args.case), args.brief)
        if args.real_only:
            return 0
        print("\n== fixture cases (benchmarks/plan_cases.py)")
    cases = [c for c in CASES if args.case in c.name]
    with tempfile.TemporaryDirectory(prefix="archbook-plan-quality-") as work:
        os.environ["ARCHBOOK_CACHE_DIR"] = os.path.join(work, "cache")
        scores = [run_case(case, Path(work) / f"case{n}") for n, case in enumerate(cases)]
    report(scores, brief=args.brief)
    return 0


def run_case(case: PlanCase, folder: Path) -> Score:
    """Plan ``case`` on a fresh copy of its repository and score the plan."""
    source = Path(api.sample_path()) if case.repo == SAMPLE else ASSETS / case.repo
    root = folder / case.repo
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__", ".claude/doc"))
    if case.context is not None:
        session = root / ".claude" / "sessions" / f"context_session_{case.feature}.md"
        if session.exists():
            raise SystemExit(f"{case.name}: {session} already exists in the repository")
        session.parent.mkdir(parents=True, exist_ok=True)
        session.write_text(case.context, encoding="utf-8")
    before = existing_files(root)
    done = api.plan(str(root), case.feature, planner="offline", force=True)
    plan = done.plan
    assert plan is not None and plan.valid, f"{case.name}: the plan did not validate"
    planned = tuple((c.action, c.path) for c in plan.changes)
    return score(case, planned, plan.kind, before)


def score(
    case: PlanCase, planned: tuple[tuple[str, str], ...], kind: str, before: set[str]
) -> Score:
    """Compare planned paths with the case's expected entries."""
    paths = [path for _, path in planned]
    matched = tuple(e for e in case.expected if any(matches(p, e) for p in paths))
    missed = tuple(e for e in case.expected if e not in matched)
    extra = tuple(p for p in paths if not any(matches(p, e) for e in case.expected))
    ghosts = tuple(p for action, p in planned if action != CREATE and p not in before)
    return Score(case, planned, kind, matched, missed, extra, ghosts)


def matches(path: str, entry: str) -> bool:
    """``path`` matches one of the ``" | "``-separated fnmatch patterns of ``entry``."""
    return any(fnmatch.fnmatchcase(path, pattern.strip()) for pattern in entry.split(" | "))


def existing_files(root: Path) -> set[str]:
    """Every file under ``root`` as a POSIX path relative to it."""
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() or path.is_symlink()
    }


def report(scores: list[Score], brief: bool = False) -> None:
    """The per-case table, the totals and the goal lines."""
    width = max([len(s.case.name) for s in scores] + [4])
    header = f"{'case':<{width}}  {'kind':<12} {'files':>5} {'expected':>8} {'recall':>7} "
    header += f"{'precision':>9} {'ghosts':>6}"
    print(header)
    print("-" * len(header))
    for s in scores:
        kind = s.kind if s.kind == s.case.kind else f"{s.kind}≠{s.case.kind}"
        print(
            f"{s.case.name:<{width}}  {kind:<12} {len(s.planned):>5} {len(s.case.expected):>8} "
            f"{s.recall:>7.2f} {s.precision:>9.2f} {len(s.ghosts):>6}"
        )
    if not scores:
        print("no case selected")
        return
    mean_recall = sum(s.recall for s in scores) / len(scores)
    mean_precision = sum(s.precision for s in scores) / len(scores)
    pooled_recall = sum(len(s.matched) for s in scores) / sum(len(s.case.expected) for s in scores)
    planned = sum(len(s.planned) for s in scores)
    pooled_precision = (planned - sum(len(s.extra) for s in scores)) / planned if planned else 0.0
    later = [s for s in scores if s.case.held_out]
    ghosts = sum(len(s.ghosts) for s in scores)
    wrong_kind = sum(s.kind != s.case.kind for s in scores)
    print("-" * len(header))
    print(
        f"{'mean over cases':<{width}}  {'':<12} {planned:>5} "
        f"{sum(len(s.case.expected) for s in scores):>8} {mean_recall:>7.2f} "
        f"{mean_precision:>9.2f} {ghosts:>6}"
    )
    print(
        f"{'pooled (every file counts once)':<{width}}  {'':<12} {'':>5} {'':>8} "
        f"{pooled_recall:>7.2f} {pooled_precision:>9.2f}"
    )
    if later:
        print(
            f"{'written after the planner changes':<{width}}  {'':<12} {'':>5} {'':>8} "
            f"{sum(s.recall for s in later) / len(later):>7.2f} "
            f"{sum(s.precision for s in later) / len(later):>9.2f}"
        )
    if not brief:
        for s in scores:
            if not (s.missed or s.extra or s.ghosts):
                continue
            print(f"\n{s.case.name}")
            for entry in s.missed:
                print(f"  missed    {entry}")
            for path in s.extra:
                print(f"  unexpected {path}")
            for path in s.ghosts:
                print(f"  GHOST     modifies {path}, which does not exist")
    print()
    print(
        goal_line(f"mean recall ≥ {RECALL_GOAL}", mean_recall >= RECALL_GOAL, f"{mean_recall:.2f}")
    )
    print(goal_line("modifies a file that does not exist: 0", ghosts == GHOST_GOAL, str(ghosts)))
    print(goal_line("plan kind right in every case", wrong_kind == 0, f"{wrong_kind} wrong"))


if __name__ == "__main__":
    sys.exit(main())
