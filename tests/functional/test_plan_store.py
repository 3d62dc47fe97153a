"""The plan store on a real file system: atomic writes, history, hand edits kept, and
no write through a symlink, wherever on the way to backend.md it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fakes.snapshots import tree

from archbook.adapters.markdown_plan_store import MarkdownPlanStore, PlanEditedError
from archbook.adapters.safe_paths import UnsafePathError
from archbook.application.planning.plan_markdown import edited_by_hand, render_plan
from archbook.domain.plan import CREATE, FeatureNameError, FileChange, Plan

FEATURE = "password_reset"
PLAN = Path(".claude/doc/password_reset/backend.md")


def plan_text(summary: str) -> str:
    return render_plan(
        Plan(
            feature=FEATURE,
            title="Password reset",
            kind="new_feature",
            summary=summary,
            context_path=".claude/sessions/context_session_password_reset.md",
            context_digest=(),
            approach="a",
            rationale=(),
            layers_changed=("ports",),
            changes=(FileChange("src/application/ports/mailer.py", CREATE, "ports", "Port."),),
            planner="offline",
        )
    )


@pytest.fixture
def store() -> MarkdownPlanStore:
    return MarkdownPlanStore(edited_by_hand)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "main.py").write_text("app = None\n")
    return root


def test_the_first_write_creates_the_plan_and_nothing_else(
    store: MarkdownPlanStore, repo: Path
) -> None:
    stored = store.write(str(repo), FEATURE, plan_text("one"))
    assert stored.path == PLAN.as_posix()
    assert stored.previous is None
    assert (repo / PLAN).read_text() == plan_text("one")
    assert store.read(str(repo), FEATURE) == plan_text("one")
    assert set(tree(repo)) == {
        ".claude",
        ".claude/doc",
        ".claude/doc/password_reset",
        ".claude/doc/password_reset/backend.md",
        "src",
        "src/main.py",
    }


def test_writes_leave_no_temporary_file(store: MarkdownPlanStore, repo: Path) -> None:
    for summary in ("one", "two", "three"):
        store.write(str(repo), FEATURE, plan_text(summary))
    leftovers = [p for p in repo.rglob("*") if p.name.startswith(".archbook-")]
    assert leftovers == []


def test_a_write_that_fails_keeps_the_old_plan_whole_and_cleans_up(
    store: MarkdownPlanStore, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(str(repo), FEATURE, plan_text("one"))

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        store.write(str(repo), FEATURE, plan_text("two"))
    monkeypatch.undo()
    assert (repo / PLAN).read_text() == plan_text("one")
    assert [p for p in repo.rglob("*") if p.name.startswith(".archbook-")] == []


def test_every_rewrite_keeps_the_version_it_replaces(store: MarkdownPlanStore, repo: Path) -> None:
    store.write(str(repo), FEATURE, plan_text("one"))
    second = store.write(str(repo), FEATURE, plan_text("two"))
    third = store.write(str(repo), FEATURE, plan_text("three"))
    assert second.previous is not None and third.previous is not None
    assert second.previous != third.previous  # same second: a free name, never overwritten
    assert (repo / second.previous).read_text() == plan_text("one")
    assert (repo / third.previous).read_text() == plan_text("two")
    assert store.history(str(repo), FEATURE) == sorted([second.previous, third.previous])
    assert (repo / PLAN).read_text() == plan_text("three")


def test_a_hand_edited_plan_is_kept_unless_forced(store: MarkdownPlanStore, repo: Path) -> None:
    store.write(str(repo), FEATURE, plan_text("one"))
    edited = (repo / PLAN).read_text() + "\nMy own note: call the SMTP team first.\n"
    (repo / PLAN).write_text(edited)
    before = tree(repo)
    with pytest.raises(PlanEditedError) as raised:
        store.write(str(repo), FEATURE, plan_text("two"))
    assert "edited by hand" in str(raised.value) and "--force" in str(raised.value)
    assert tree(repo) == before

    stored = store.write(str(repo), FEATURE, plan_text("two"), force=True)
    assert (repo / PLAN).read_text() == plan_text("two")
    assert stored.previous is not None
    assert (repo / stored.previous).read_text() == edited


def test_a_plan_without_archbooks_header_counts_as_hand_written(
    store: MarkdownPlanStore, repo: Path
) -> None:
    (repo / PLAN).parent.mkdir(parents=True)
    (repo / PLAN).write_text("# Our plan, written by a person\n")
    with pytest.raises(PlanEditedError):
        store.write(str(repo), FEATURE, plan_text("one"))
    assert (repo / PLAN).read_text() == "# Our plan, written by a person\n"


@pytest.mark.parametrize(
    "link",
    [".claude", ".claude/doc", ".claude/doc/password_reset"],
)
def test_no_write_through_a_symlinked_folder(
    store: MarkdownPlanStore, repo: Path, tmp_path: Path, link: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    (repo / link).symlink_to(outside, target_is_directory=True)
    before = tree(repo)
    with pytest.raises(UnsafePathError) as raised:
        store.write(str(repo), FEATURE, plan_text("one"))
    assert "symlink" in str(raised.value)
    assert list(outside.iterdir()) == []
    assert tree(repo) == before


def test_no_write_through_a_symlinked_history_folder(
    store: MarkdownPlanStore, repo: Path, tmp_path: Path
) -> None:
    store.write(str(repo), FEATURE, plan_text("one"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / PLAN).parent.joinpath("history").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError):
        store.write(str(repo), FEATURE, plan_text("two"))
    assert list(outside.iterdir()) == []
    assert (repo / PLAN).read_text() == plan_text("one")


def test_a_symlinked_backend_md_is_neither_read_nor_replaced(
    store: MarkdownPlanStore, repo: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (repo / PLAN).parent.mkdir(parents=True)
    (repo / PLAN).symlink_to(victim)
    assert store.read(str(repo), FEATURE) is None
    with pytest.raises(UnsafePathError):
        store.write(str(repo), FEATURE, plan_text("one"))
    assert victim.read_text() == "precious\n"
    assert (repo / PLAN).is_symlink()
    assert [p.name for p in (repo / PLAN).parent.iterdir()] == ["backend.md"]


@pytest.mark.parametrize("feature", ["../x", "a/b", "", "..", "a\0b"], ids=repr)
def test_a_bad_feature_name_writes_nothing(
    store: MarkdownPlanStore, repo: Path, feature: str
) -> None:
    before = tree(repo)
    with pytest.raises(FeatureNameError):
        store.write(str(repo), feature, plan_text("one"))
    with pytest.raises(FeatureNameError):
        store.history(str(repo), feature)
    assert tree(repo) == before
