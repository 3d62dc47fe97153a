"""Small repositories written by a test and planned offline: the tree, a context
session, and a validated plan whose paths agree with the tree."""

from __future__ import annotations

from pathlib import Path

from archbook import api
from archbook.application.planning.session import PlanningSession
from archbook.domain.plan import CREATE, FileChange


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write ``files`` (repo-relative path → text) under ``root``."""
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def planned(root: Path, session: str, feature: str = "f") -> PlanningSession:
    """Write ``session`` as the feature's context session, plan it offline up to
    validation, and check the plan is valid and modifies only what exists."""
    sessions = root / ".claude" / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    (sessions / f"context_session_{feature}.md").write_text(session, encoding="utf-8")
    planning = api.plan_session(str(root), feature)
    planning.validate()
    plan = planning.plan
    assert plan is not None and plan.valid, plan and plan.validation
    for change in plan.changes:  # modifies what exists, creates what does not
        assert (root / change.path).exists() == (change.action != CREATE), change.path
    return planning


def planned_changes(
    root: Path, files: dict[str, str], session: str, feature: str = "f"
) -> dict[str, FileChange]:
    """Write ``files`` under ``root``, plan ``session`` (``planned``) and give the
    plan's changes by path."""
    return planned_session(root, files, session, feature)[1]


def planned_session(
    root: Path, files: dict[str, str], session: str, feature: str = "f"
) -> tuple[PlanningSession, dict[str, FileChange]]:
    """``planned_changes``, with the planning session (its scope, its plan) too."""
    write_tree(root, files)
    planning = planned(root, session, feature)
    assert planning.plan is not None
    return planning, {change.path: change for change in planning.plan.changes}
