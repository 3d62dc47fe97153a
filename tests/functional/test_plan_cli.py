"""``archbook features`` and ``archbook plan`` as users run them: a real subprocess on
a copy of the sample, checking output, exit codes and every byte of the target."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fakes.snapshots import tree

from archbook import api

ARCHBOOK = Path(sys.executable).parent / "archbook"
COMMAND = [str(ARCHBOOK)] if ARCHBOOK.exists() else [sys.executable, "-m", "archbook.cli"]
FEATURES = ["password_reset", "thread_subscriptions", "threads_listing_performance"]
FINAL = (
    "I've created a plan at `.claude/doc/password_reset/backend.md`, please read it first "
    "before you proceed."
)


def archbook(
    tmp_path: Path, *args: str, drop: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARCHBOOK_CACHE_DIR": str(tmp_path / "cache")}
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [*COMMAND, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


def changed(before: dict[str, bytes | str], after: dict[str, bytes | str]) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_features_lists_the_context_sessions(tmp_path: Path, repo: Path) -> None:
    done = archbook(tmp_path, "features", str(repo))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == FEATURES


def test_planning_the_sample_writes_a_copy_never_the_installed_package(tmp_path: Path) -> None:
    sample = Path(api.sample_path())
    before = sorted(p.relative_to(sample) for p in sample.rglob("*") if "__pycache__" not in str(p))
    env_tmp = tmp_path / "tmp"
    env_tmp.mkdir()
    done = subprocess.run(
        [*COMMAND, "plan", "--sample", "--feature", "password_reset"],
        cwd=tmp_path,
        env={**os.environ, "ARCHBOOK_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(env_tmp)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("planning on a copy of the bundled sample: ")
    copy = Path(first.rpartition(": ")[2])
    assert copy.parent.parent == env_tmp
    assert (copy / ".claude" / "doc" / "password_reset" / "backend.md").is_file()
    after = sorted(p.relative_to(sample) for p in sample.rglob("*") if "__pycache__" not in str(p))
    assert after == before


def test_features_of_a_repository_without_sessions_says_how_to_add_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = archbook(tmp_path, "features", str(empty))
    assert done.returncode == 0
    assert done.stdout == ""
    assert "--describe" in done.stderr


def test_plan_prints_every_step_and_ends_with_the_plan_path(tmp_path: Path, repo: Path) -> None:
    before = tree(repo)
    done = archbook(tmp_path, "plan", str(repo), "--feature", "password_reset")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for step in ("read_context", "survey", "draft", "validate"):
        assert any(line.startswith(f"[{step}] ") for line in lines), step
    assert "[validate] valid: every check passed" in lines
    assert "[write] wrote .claude/doc/password_reset/backend.md" in lines
    assert lines[-1] == FINAL
    service = "src/application/services/password_reset_service.py"
    assert any(line.startswith(f"  create {service} [application]") for line in lines)
    # nothing but the plan was written in the target
    assert changed(before, tree(repo)) == {
        ".claude/doc",
        ".claude/doc/password_reset",
        ".claude/doc/password_reset/backend.md",
    }
    text = (repo / ".claude/doc/password_reset/backend.md").read_text()
    assert text.startswith("<!-- archbook plan · feature=password_reset · planner=offline · ")


def test_a_second_plan_keeps_the_first_in_history(tmp_path: Path, repo: Path) -> None:
    first = archbook(tmp_path, "plan", str(repo), "--feature", "password_reset")
    assert first.returncode == 0, first.stderr
    assert "previous version kept" not in first.stdout
    before = tree(repo)
    second = archbook(tmp_path, "plan", str(repo), "--feature", "password_reset")
    assert second.returncode == 0, second.stderr
    match = re.search(r"^  previous version kept at (\S+)$", second.stdout, re.M)
    assert match is not None
    kept = match.group(1)
    assert re.fullmatch(r"\.claude/doc/password_reset/history/backend-\d{8}T\d{6}(-\d+)?\.md", kept)
    assert (repo / kept).read_bytes() == before[".claude/doc/password_reset/backend.md"]
    assert second.stdout.splitlines()[-1] == FINAL
    assert changed(before, tree(repo)) == {".claude/doc/password_reset/history", kept}


def test_json_output_is_the_structured_plan(tmp_path: Path, repo: Path) -> None:
    done = archbook(tmp_path, "plan", str(repo), "--feature", "password_reset", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["feature"] == "password_reset"
    assert document["kind"] == "new_feature"
    assert document["written_to"] == ".claude/doc/password_reset/backend.md"
    assert document["changes"]
    for change in document["changes"]:
        assert change["action"] in ("create", "modify", "delete")
        assert change["path"] and not change["path"].startswith("/")
    paths = {c["path"]: c["action"] for c in document["changes"]}
    assert paths["src/presentation/api/routes/auth.py"] == "modify"
    assert document["validation"] == []


@pytest.mark.parametrize("feature", ["../x", "a/b", "two words", ".."], ids=repr)
def test_a_bad_feature_name_exits_2_and_writes_nothing(
    tmp_path: Path, repo: Path, feature: str
) -> None:
    before = tree(repo)
    done = archbook(tmp_path, "plan", str(repo), "--feature", feature, "--describe", "would create")
    assert done.returncode == 2
    assert "archbook: error: feature name" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert tree(repo) == before


def test_a_feature_without_context_session_exits_2_and_lists_the_features(
    tmp_path: Path, repo: Path
) -> None:
    before = tree(repo)
    done = archbook(tmp_path, "plan", str(repo), "--feature", "dark_mode")
    assert done.returncode == 2
    assert "context_session_dark_mode.md does not exist" in done.stderr
    assert ", ".join(FEATURES) in done.stderr
    assert tree(repo) == before


def test_the_anthropic_planner_without_a_key_exits_2_with_a_hint(
    tmp_path: Path, repo: Path
) -> None:
    before = tree(repo)
    done = archbook(
        tmp_path,
        "plan",
        str(repo),
        "--feature",
        "password_reset",
        "--planner",
        "anthropic",
        drop=("ANTHROPIC_API_KEY",),
    )
    assert done.returncode == 2
    assert "ANTHROPIC_API_KEY" in done.stderr
    assert "offline planner" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(repo) == before


def test_describe_writes_the_session_and_the_plan_and_nothing_else(
    tmp_path: Path, repo: Path
) -> None:
    before = tree(repo)
    done = archbook(
        tmp_path,
        "plan",
        str(repo),
        "--feature",
        "thread_pinning",
        "--title",
        "Pin threads",
        "--describe",
        "Moderators pin a thread: POST /api/threads/{thread_id}/pin answers 204.",
    )
    assert done.returncode == 0, done.stderr
    assert "created .claude/sessions/context_session_thread_pinning.md (it did not exist)" in (
        done.stdout
    )
    assert done.stdout.splitlines()[-1].startswith(
        "I've created a plan at `.claude/doc/thread_pinning/backend.md`"
    )
    assert changed(before, tree(repo)) == {
        ".claude/sessions/context_session_thread_pinning.md",
        ".claude/doc",
        ".claude/doc/thread_pinning",
        ".claude/doc/thread_pinning/backend.md",
    }


def test_a_hand_edited_plan_needs_force(tmp_path: Path, repo: Path) -> None:
    assert archbook(tmp_path, "plan", str(repo), "--feature", "password_reset").returncode == 0
    plan = repo / ".claude/doc/password_reset/backend.md"
    edited = plan.read_text() + "\nNote from the team.\n"
    plan.write_text(edited)
    refused = archbook(tmp_path, "plan", str(repo), "--feature", "password_reset")
    assert refused.returncode == 2
    assert "edited by hand" in refused.stderr and "--force" in refused.stderr
    assert plan.read_text() == edited
    forced = archbook(tmp_path, "plan", str(repo), "--feature", "password_reset", "--force")
    assert forced.returncode == 0, forced.stderr
    kept = re.search(r"previous version kept at (\S+)", forced.stdout)
    assert kept is not None and (repo / kept.group(1)).read_text() == edited


def test_plan_scans_as_its_scan_options_say(tmp_path: Path, repo: Path) -> None:
    # --no-cache keeps no snapshot; a plain run remembers its scan; a --strict scan skips
    # other files, so it is remembered apart from the plain one.
    cache = tmp_path / "cache"

    def snapshots() -> list[str]:
        found = cache.iterdir() if cache.exists() else []
        return sorted(p.name for p in found if p.name.endswith(".marshal"))

    plan = ("plan", str(repo), "--feature", "password_reset", "--force")
    done = archbook(tmp_path, *plan, "--no-cache")
    assert done.returncode == 0, done.stderr
    assert snapshots() == []
    done = archbook(tmp_path, *plan)
    assert done.returncode == 0, done.stderr
    assert len(snapshots()) == 1
    done = archbook(tmp_path, *plan, "--strict", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert len(snapshots()) == 2


def test_features_takes_no_scan_options(tmp_path: Path, repo: Path) -> None:
    done = archbook(tmp_path, "features", str(repo), "--jobs", "2")
    assert done.returncode == 2
    assert "unrecognized arguments: --jobs 2" in done.stderr
