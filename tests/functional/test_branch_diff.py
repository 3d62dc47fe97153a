"""``archbook diff``: a branch's layers compared with a git ref, read from git objects, on a
repository the test builds (commit on main, branch, change, compare)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import run, svg_root, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

# main: the use case imports the database adapter (a violation).
MAIN = {
    "app/__init__.py": "",
    "app/config.py": "DEBUG = False\n",
    "app/domain/__init__.py": "",
    "app/domain/user.py": "class User:\n    pass\n",
    "app/infrastructure/__init__.py": "",
    "app/infrastructure/db.py": "from app.domain.user import User\n",
    "app/application/__init__.py": "",
    "app/application/signup.py": """
        from app.domain.user import User
        from app.infrastructure.db import User as Row
    """,
}
# the branch: the use case no longer imports the adapter (fixed), the domain now does
# (added, and a cycle with db), and the config is classified as infrastructure (moved).
BRANCH = {
    "app/application/signup.py": "from app.domain.user import User\n",
    "app/domain/user.py": """
        # a comment moves the import down a line: still the same violation key
        from app.infrastructure.db import User as Row


        class User:
            pass
    """,
    "pyproject.toml": '[tool.archbook.modules]\n"app.config" = "infrastructure"\n',
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository on branch ``feature`` with the branch change left uncommitted."""
    root = write(tmp_path / "repo", MAIN)
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "main")
    git(root, "checkout", "-q", "-b", "feature")
    write(root, BRANCH)
    return root


def state(repo: Path) -> tuple[str, str, str, str]:
    """What a comparison must leave alone: status, HEAD, index and stash."""
    return (
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        git(repo, "rev-parse", "HEAD"),
        git(repo, "ls-files", "--stage"),
        git(repo, "stash", "list"),
    )


def test_diff_reports_exactly_the_added_and_fixed_violations_and_leaves_the_checkout(
    repo: Path, tmp_path: Path
) -> None:
    before = state(repo)
    assert before[0]  # the branch's change is uncommitted: the work tree is compared
    done = run(tmp_path, "diff", str(repo), "--base", "main", "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [(v["path"], v["line"], v["text"]) for v in report["added_violations"]] == [
        ("app/domain/user.py", 2, "from app.infrastructure.db import User as Row")
    ]
    assert [
        (v["path"], v["line"], v["importer_layer"], v["imported_layer"])
        for v in report["fixed_violations"]
    ] == [("app/application/signup.py", 2, "application", "infrastructure")]
    assert report["moved_modules"] == [
        {"name": "app.config", "before": "unclassified", "after": "infrastructure"}
    ]
    assert [(e["source"], e["target"], e["allowed"]) for e in report["added_edges"]] == [
        ("domain", "infrastructure", False)
    ]
    assert [(e["source"], e["target"]) for e in report["removed_edges"]] == [
        ("application", "infrastructure")
    ]
    assert report["added_cycles"] == [["app.domain.user", "app.infrastructure.db"]]
    assert report["base"].startswith("main (") and report["head"] == "work tree"
    assert state(repo) == before


def test_diff_text_and_graph_and_a_clean_change_exits_0(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "diff.svg"
    done = run(tmp_path, "diff", str(repo), "--base", "main", "-o", str(out))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("main (") and lines[0].endswith(") → work tree")
    assert "violations added: 1" in lines
    assert "violations fixed: 1" in lines
    assert "  ~ app.config: unclassified → infrastructure" in lines
    svg_root(out)
    assert "bold: layer edges new since main" in out.read_text()

    # Committed on the branch, compared ref to ref; main against itself adds nothing.
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "x")
    git(repo, "add", "-A")
    before = state(repo)
    same = run(tmp_path, "diff", str(repo), "--base", "main", "--head", "main")
    assert same.returncode == 0, same.stderr
    assert "violations added: none" in same.stdout.splitlines()
    assert state(repo) == before


def test_base_tree_is_kept_by_commit_id_and_a_subfolder_is_compared_alone(
    repo: Path, tmp_path: Path
) -> None:
    run(tmp_path, "diff", str(repo / "app"), "--base", "main")
    commit = git(repo, "rev-parse", "main").strip()
    trees = list((tmp_path / "cache" / "trees").iterdir())
    assert [t.name.split("-")[0] for t in trees] == [commit]
    assert [p.name for p in trees[0].iterdir()] == ["app"]  # the folder keeps its name
    assert sorted(p.name for p in (trees[0] / "app").iterdir()) == [
        "__init__.py",
        "application",
        "config.py",
        "domain",
        "infrastructure",
    ]


def test_diff_outside_a_repository_or_with_an_unknown_ref_says_so(
    repo: Path, tmp_path: Path
) -> None:
    unknown = run(tmp_path, "diff", str(repo), "--base", "no-such-branch")
    assert unknown.returncode == 2
    assert "archbook: error: git rev-parse failed" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    outside = write(tmp_path / "plain", {"app/__init__.py": ""})
    done = run(tmp_path, "diff", str(outside), "--base", "main")
    assert done.returncode == 2
    assert "not a git repository" in done.stderr
