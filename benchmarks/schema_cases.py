"""Schema cases: real commits that added a column to an existing table, or a new
table, planned from the tree before them with the commit's own subject as the whole
context session.

Each case in ``schema_cases.json`` names a public repository, a commit and, where the
whole tree is not wanted, the pathspecs to keep (a monorepo's backend; no large test
data, which a mirror may not hold). The tree at the commit's parent is taken from
the repository's git mirror (``git archive``), the commit's subject line becomes a
one-line session (terse, like many real requests: "feat(customer): add
first_event_at column"), and the offline planner runs every step but ``write``. The
truth is the commit's own change set: its Python files, the migration revision it
added counted as found when the plan creates a revision in the same folder (its
name holds a random id and a date that no planner can know). Cases marked
``held_out`` were held out when the first rules were written (their plans were
not read then).

    python benchmarks/schema_cases.py [--mirrors DIR] [--work DIR] [--only TEXT]

Mirrors: ``<DIR>/<owner>+<name>/`` as the ``fetch`` tool leaves them (default
``$MIRROR_ROOT`` or ``/work/.mirror``); a case whose mirror is missing is skipped
with a line saying so. Trees are kept under ``--work`` (default: a cache folder) and
reused on the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from plan_real_cases import goal_line  # noqa: E402

CASES = HERE / "schema_cases.json"
DEFAULT_MIRRORS = os.environ.get("MIRROR_ROOT", "/work/.mirror")
DEFAULT_WORK = Path(tempfile.gettempdir()) / "archbook-schema-cases"
# A commit subject's pull-request number: not part of the request.
PULL_REQUEST = re.compile(r"\s*\(#\d+\)\s*$")
TEST_PATH = re.compile(r"(?:^|/)(?:tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)")
RECALL_GOAL = 0.6


@dataclass(frozen=True)
class SchemaScore:
    case: str
    held_out: bool
    subject: str
    recall: float
    named: int
    precision: float
    revision_found: bool
    planned_revisions: tuple[str, ...]
    real_revisions: tuple[str, ...]
    missed: tuple[str, ...]
    invented: tuple[str, ...]
    seconds: float
    error: str = ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", default=DEFAULT_MIRRORS, help="folder of git mirrors")
    parser.add_argument("--work", default=str(DEFAULT_WORK), help="where trees are kept")
    parser.add_argument("--only", default="", help="run the cases whose id holds this text")
    parser.add_argument("--brief", action="store_true", help="the table and goals only")
    args = parser.parse_args(argv)
    cases = [c for c in json.loads(CASES.read_text(encoding="utf-8")) if args.only in c["id"]]
    scores = []
    for case in cases:
        mirror = _mirror(Path(args.mirrors), case["repo"])
        if mirror is None:
            print(f"{case['id']}: no mirror of {case['repo']} under {args.mirrors}, skipped")
            continue
        root, subject, truth, added = materialize(case, mirror, Path(args.work))
        scores.append(run_case(case, root, subject, truth, added))
    report(scores, args.brief)
    return 0


def _mirror(mirrors: Path, repo: str) -> Path | None:
    folder = mirrors / repo.replace("/", "+")
    for candidate in (folder / "repo", folder):
        if (candidate / "HEAD").is_file() or (candidate / ".git").exists():
            return candidate
    return None


def _git(mirror: Path, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={mirror}", *args], capture_output=True, text=True, check=True
    ).stdout


def materialize(
    case: dict[str, object], mirror: Path, work: Path
) -> tuple[Path, str, set[str], set[str]]:
    """The tree before the commit (extracted once), the commit's subject, the Python
    files it changed (tests included) and the ones it added."""
    commit = str(case["commit"])
    # pathspecs of what the case keeps: a monorepo's backend, no large test data
    paths = [str(p) for p in case.get("paths") or ["."]]  # type: ignore[attr-defined]
    subject = PULL_REQUEST.sub("", _git(mirror, "log", "-1", "--format=%s", commit).strip())
    changed = _git(mirror, "diff", "--name-status", f"{commit}^", commit, "--", *paths)
    truth, added = set(), set()
    for line in changed.splitlines():
        status, _, path = line.partition("\t")
        path = path.split("\t")[-1]
        if path.endswith(".py"):
            truth.add(path)
            if status.startswith("A"):
                added.add(path)
    root = work / str(case["id"])
    if not (root / ".archbook-case").is_file():
        root.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", f"--git-dir={mirror}", "archive", f"{commit}^", "--", *paths],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
        (root / ".archbook-case").write_text(commit, encoding="utf-8")
    sessions = root / ".claude" / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    session = f"# {subject}\n\n## Goal\n\n- {subject}\n"
    (sessions / f"context_session_{case['id']}.md").write_text(session, encoding="utf-8")
    return root, subject, truth, added


def run_case(
    case: dict[str, object], root: Path, subject: str, truth: set[str], added: set[str]
) -> SchemaScore:
    from archbook import api
    from archbook.domain.plan import CREATE

    revisions = {p for p in added if "/versions/" in p}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="archbook-schema-") as cache:
        os.environ["ARCHBOOK_CACHE_DIR"] = cache
        try:
            session = api.plan_session(str(root), str(case["id"]))
            session.validate()
            plan, error = session.plan, ""
        except Exception as exc:  # noqa: BLE001 - a failing case is a figure, not a crash
            plan, error = None, f"{type(exc).__name__}: {str(exc)[:160]}"
    seconds = time.perf_counter() - started
    held_out = bool(case.get("held_out"))
    if plan is None:
        return SchemaScore(
            str(case["id"]), held_out, subject, 0.0, 0, 0.0, False, (),
            tuple(sorted(revisions)), tuple(sorted(truth)), (), seconds, error,
        )  # fmt: skip
    named = {c.path for c in plan.changes}
    created = {c.path for c in plan.changes if c.action == CREATE}
    planned_revisions = tuple(sorted(p for p in created if "/versions/" in p))
    found = set(truth & named)
    for revision in revisions:
        folder = revision.rsplit("/", 1)[0]
        if any(p.rsplit("/", 1)[0] == folder for p in planned_revisions):
            found.add(revision)
    invented = tuple(
        sorted(c.path for c in plan.changes if c.action != CREATE and not (root / c.path).exists())
    )
    extra_revisions = len(planned_revisions) - len(revisions & found)
    return SchemaScore(
        case=str(case["id"]),
        held_out=held_out,
        subject=subject,
        recall=len(found) / len(truth) if truth else 0.0,
        named=len(named),
        precision=len(found) / max(len(named) - max(extra_revisions, 0), 1) if named else 0.0,
        revision_found=bool(revisions) and revisions <= found,
        planned_revisions=planned_revisions,
        real_revisions=tuple(sorted(revisions)),
        missed=tuple(sorted(truth - found)),
        invented=invented,
        seconds=seconds,
        error=error
        or (
            ""
            if plan.valid
            else "plan did not validate: "
            + "; ".join(f.message for f in plan.validation if f.level == "error")[:200]
        ),
    )


def report(scores: list[SchemaScore], brief: bool = False) -> None:
    if not scores:
        print("no schema case ran")
        return
    width = max(len(s.case) for s in scores) + 2
    header = f"{'case':<{width}}{'recall':>7}{'named':>6}{'prec':>6}{'revision':>9}{'plan s':>7}"
    print(header)
    print("-" * len(header))
    for s in scores:
        mark = "*" if s.held_out else " "
        print(
            f"{s.case + mark:<{width}}{s.recall:>7.2f}{s.named:>6}{s.precision:>6.2f}"
            f"{'yes' if s.revision_found else 'no':>9}{s.seconds:>7.1f}"
            + (f"  ERROR {s.error}" if s.error else "")
        )
    print("-" * len(header))
    for label, group in (
        ("mean, cases the rules were written on", [s for s in scores if not s.held_out]),
        ("mean, held-out cases (*)", [s for s in scores if s.held_out]),
        ("mean, all", scores),
    ):
        if group:
            recall = sum(s.recall for s in group) / len(group)
            precision = sum(s.precision for s in group) / len(group)
            revisions = sum(s.revision_found for s in group)
            print(
                f"{label}: recall {recall:.2f}, precision {precision:.2f}, "
                f"revision in the right folder {revisions} of {len(group)}"
            )
    if not brief:
        for s in scores:
            print(f"\n{s.case}: {s.subject}")
            for path in s.real_revisions:
                print(f"  real revision    {path}")
            for path in s.planned_revisions:
                print(f"  planned revision {path}")
            for path in s.missed:
                print(f"  missed           {path}")
            for path in s.invented:
                print(f"  INVENTED         {path}")
    recall = sum(s.recall for s in scores) / len(scores)
    invented = sum(len(s.invented) for s in scores)
    revisions = sum(s.revision_found for s in scores)
    print()
    print(goal_line(f"mean recall ≥ {RECALL_GOAL}", recall >= RECALL_GOAL, f"{recall:.2f}"))
    print(goal_line("a revision in the right folder in every case", revisions == len(scores),
                f"{revisions} of {len(scores)}"))  # fmt: skip
    print(goal_line("0 invented modify paths", invented == 0, str(invented)))
    print(goal_line("every plan valid", not any(s.error for s in scores),
                str(sum(bool(s.error) for s in scores))))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
