"""Reading and reviewing real agent-written plans: every ``.claude/doc/*/backend.md`` in
the history of the plan-case repositories, reviewed against the tree of the commit
before it.

    python benchmarks/plan_review_real.py

Prints, per plan, how many files the reader extracted (by action, and how many took
their action from the wording), how many code blocks it gave a file, the findings by
rule and the seconds the review took; when a plan case of ``../shared/plan_cases``
covers the feature, how many extracted files the real implementation touched with the
same action. Reads the git mirrors under ``$MIRROR_ROOT`` (``/work/.mirror``); skips with
one line when they are absent. Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from archbook import api

MIRROR_ROOT = Path(os.environ.get("MIRROR_ROOT", "/work/.mirror"))
CASES = Path(__file__).resolve().parents[2] / "shared" / "plan_cases" / "cases.json"
REPOS = ("aikiham82/react-fastapi-spainaikikai-admin",)


def main() -> int:
    cases = json.loads(CASES.read_text()) if CASES.is_file() else []
    found = False
    for repo in REPOS:
        git_dir = MIRROR_ROOT / repo.replace("/", "+") / "repo"
        if not git_dir.is_dir():
            continue
        found = True
        for commit, path in _plans(git_dir):
            _review(git_dir, commit, path, [c for c in cases if c["repo"] == repo])
    if not found:
        print(f"skipped: no plan-case mirror under {MIRROR_ROOT} (see ../shared/plan_cases)")
    return 0


def _plans(git_dir: Path) -> list[tuple[str, str]]:
    log = _git(
        git_dir,
        "log",
        "--all",
        "--diff-filter=A",
        "--format=%H",
        "--name-only",
        "--",
        ".claude/doc",
    )
    plans, commit = [], ""
    for line in log.splitlines():
        if len(line) == 40 and "/" not in line:
            commit = line
        elif line.endswith("/backend.md"):
            plans.append((commit, line))
    return plans


def _review(git_dir: Path, commit: str, path: str, cases: list[dict[str, object]]) -> None:
    """Review the plan against the tree it was written for: the plan case's base when a
    case comes from the same commit, else the commit before the plan's."""
    feature = path.split("/")[2]
    case = next((c for c in cases if c["context_session_commit"] == commit), None)
    tree = str(case["base_commit"]) if case else f"{commit}^"
    with tempfile.TemporaryDirectory(prefix="archbook-review-") as folder:
        archive = subprocess.run(
            ["git", f"--git-dir={git_dir}", "archive", tree],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        target = Path(folder) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_git(git_dir, "show", f"{commit}:{path}"), encoding="utf-8")
        started = time.perf_counter()
        reviewed = api.review(folder, feature, known=api.knowledge(folder, cache=False))
        seconds = time.perf_counter() - started
    assert reviewed is not None
    plan = reviewed.plan
    actions = Counter(f.action for f in plan.files)
    worded = sum(f.action_from == "wording" for f in plan.files)
    python = [b for b in plan.blocks if b.is_python]
    owned = sum(len(f.python_blocks) for f in plan.files)
    rules = Counter(f.rule for f in reviewed.findings)
    print(
        f"{feature} ({commit[:7]}, {plan.lines} lines): {len(plan.files)} files {dict(actions)}, "
        f"{worded} worded; python blocks {owned}/{len(python)} owned; "
        f"{len(plan.commands)} commands, {len(plan.dependencies)} installs; "
        f"findings {dict(rules) or 'none'}; review {seconds:.2f} s"
    )
    if case:
        truth = _truth(case)
        both = [f for f in plan.files if f.path in truth]
        same = sum(truth[f.path] == f.action for f in both)
        print(
            f"  case {case['id']} (tree {tree[:7]}): {len(both)} of {len(plan.files)} planned "
            f"files implemented ({len(truth)} implemented in all), {same} with the same action"
        )


def _truth(case: dict[str, object]) -> dict[str, str]:
    files = case["truth_impl_files"]
    assert isinstance(files, dict)
    return {
        **dict.fromkeys(files.get("created", []), "create"),
        **dict.fromkeys(files.get("modified", []), "modify"),
        **dict.fromkeys(files.get("deleted", []), "delete"),
    }


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, check=True
    ).stdout


if __name__ == "__main__":
    sys.exit(main())
