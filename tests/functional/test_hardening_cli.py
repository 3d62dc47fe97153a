"""The command line where the hardening trial found false passes, tracebacks and leaks:
each case runs the real ``archbook`` in a subprocess on a repository built here."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fakes.messages_api import FakeMessagesAPI, StreamError
from fakes.planner import FakePlanner
from test_llm_planner import submit
from test_plan_cli import COMMAND
from test_plan_validation import plan

from archbook import api
from archbook.application.planning.session import PlanInvalidError
from archbook.domain.plan import CREATE, MODIFY, FileChange

FEATURE = "password_reset"
PLAN = f".claude/doc/{FEATURE}/backend.md"
LONG_CYCLE = 120
MAX_LINE = 400


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def small_repo(root: Path, pyproject: bytes | None = None) -> Path:
    (root / "app" / "web").mkdir(parents=True)
    (root / "app" / "core").mkdir()
    for folder in ("app", "app/web", "app/core"):
        (root / folder / "__init__.py").write_text("")
    (root / "app" / "core" / "rules.py").write_text("from app.web import views\n")
    (root / "app" / "web" / "views.py").write_text("X = 1\n")
    if pyproject is not None:
        (root / "pyproject.toml").write_bytes(pyproject)
    return root


def archbook(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**(env or os.environ), "ARCHBOOK_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(
        [*COMMAND, *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=120,
    )


def no_traceback(done: object) -> None:
    assert "Traceback" not in getattr(done, "stderr", ""), getattr(done, "stderr", "")


# --------------------------------------------------------------- item 5: validation


def test_planned_paths_through_a_symlink_or_into_git_and_claude_are_rejected(
    repo: Path,
) -> None:
    (repo / ".git" / "hooks").mkdir(parents=True)
    os.symlink("/etc", repo / "src" / "etc_link")
    session = api.plan_session(str(repo), FEATURE)
    session.deps.planner = FakePlanner(
        plan(
            FileChange("src/etc_link/passwd", MODIFY, "infrastructure", "leave"),
            FileChange(".git/hooks/pre-commit", CREATE, "infrastructure", "hook"),
            FileChange(".claude/agents/evil.md", CREATE, "infrastructure", "agent"),
            FileChange("src/application/ports/mailer.py", CREATE, "ports", "ok"),
        )
    )
    with pytest.raises(PlanInvalidError):
        session.write()
    rules = {(f.rule, f.path) for f in session.findings}
    assert ("path-outside-repo", "src/etc_link/passwd") in rules
    assert ("protected-path", ".git/hooks/pre-commit") in rules
    assert ("protected-path", ".claude/agents/evil.md") in rules
    assert [f for f in session.findings if f.path == "src/application/ports/mailer.py"] == []
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()


# --------------------------------------------------------------- item 7: CI false passes


def test_a_contract_whose_layers_match_nothing_fails_check_with_exit_2(tmp_path: Path) -> None:
    contract = (
        b'[[tool.importlinter.contracts]]\nname = "Layered"\ntype = "layers"\n'
        b'layers = ["nothere.web", "nothere.core"]\n'
    )
    root = small_repo(tmp_path / "repo", contract)
    done = archbook(tmp_path, "check", str(root))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Layered" in done.stderr and "nothere.web" in done.stderr
    no_traceback(done)


def test_an_empty_path_is_an_error_not_the_sample(tmp_path: Path) -> None:
    for command in (["check", ""], ["analyse", ""], ["lint-perf", ""]):
        done = archbook(tmp_path, *command)
        assert done.returncode == 2, (command, done.stdout)
        assert "empty path" in done.stderr
    assert archbook(tmp_path, "check", "--sample").returncode == 0


def test_no_path_means_the_current_folder_and_sample_must_be_asked_for(tmp_path: Path) -> None:
    # `archbook check` in a CI job or a hook runs in the repository: it checks that
    # repository (here with a violation), never the bundled sample.
    repo = tmp_path / "repo"
    (repo / "app" / "domain").mkdir(parents=True)
    (repo / "app" / "infrastructure").mkdir(parents=True)
    (repo / "app" / "domain" / "order.py").write_text("from app.infrastructure import db\n")
    (repo / "app" / "infrastructure" / "db.py").write_text("")
    done = archbook(repo, "check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "app/domain/order.py:1: domain → infrastructure" in done.stdout
    assert "in 2 modules" in done.stdout
    routes = archbook(repo, "routes")
    assert routes.returncode == 0 and routes.stdout.startswith("no routes found")
    # a folder without Python: check fails (exit 2) rather than pass on nothing
    empty = tmp_path / "empty"
    empty.mkdir()
    done = archbook(empty, "check")
    assert done.returncode == 2
    assert f"no Python files under {empty}" in done.stderr and "--sample" in done.stderr
    analysed = archbook(empty, "analyse")
    assert analysed.returncode == 0 and "--sample" in analysed.stderr
    # the sample by name only, and not together with a PATH
    assert "in 67 modules" in archbook(empty, "check", "--sample").stdout
    both = archbook(empty, "trace", str(repo), "GET /api/threads", "--sample")
    assert both.returncode == 2 and "or --sample, not both" in both.stderr


# --------------------------------------------------------------- item 9: tracebacks


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("pyproject.toml", b'[tool.archbook]\norder = ["caf\xe9"]\n', "UTF-8"),
        ("pyproject.toml", b"[tool.importlinter]\ncontracts = 5\n", "contracts"),
        (
            "pyproject.toml",
            b'[[tool.importlinter.contracts]]\nname = "L"\ntype = "layers"\nlayers = 5\n',
            "layers",
        ),
        (
            "pyproject.toml",
            b'[[tool.importlinter.contracts]]\nname = "L"\ntype = "layers"\n'
            b'layers = ["web", "core"]\ncontainers = 7\n',
            "containers",
        ),
        ("setup.cfg", b"[importlinter:contract:one]\nname = caf\xe9\ntype = layers\n", "UTF-8"),
        ("tach.toml", b"layers = 5\n", "layers"),
        ("tach.toml", b'layers = ["web"]\nmodules = 7\n', "modules"),
        ("tach.toml", b'layers = ["caf\xe9"]\n', "UTF-8"),
    ],
)
def test_a_broken_config_file_is_a_clear_error_with_exit_2(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    root = small_repo(tmp_path / "repo")
    (root / name).write_bytes(content)
    done = archbook(tmp_path, "check", str(root))
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("archbook: error:") and name in done.stderr
    assert words in done.stderr
    no_traceback(done)


def test_a_repository_path_that_is_not_utf8_is_scanned_and_printed_escaped(
    tmp_path: Path,
) -> None:
    root = small_repo(Path(os.fsdecode(bytes(tmp_path) + b"/repo\xff")))
    (root / "app" / "evil\x1b[31mred.py").write_text("def (:\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
    # --strict: the file's syntax error makes it skipped, and its path is printed
    for command in (["check", str(root), "--strict"], ["analyse", str(root), "--strict"]):
        done = archbook(tmp_path, *command, env=env)
        assert done.returncode == 0, done.stderr
        no_traceback(done)
        assert "\x1b" not in done.stdout
    assert "evil\\x1b[31mred.py" in done.stdout


def test_an_existing_plan_that_is_not_utf8_is_kept_with_exit_2(tmp_path: Path, repo: Path) -> None:
    (repo / PLAN).parent.mkdir(parents=True)
    (repo / PLAN).write_bytes(b"# my own plan, caf\xe9\n")
    done = archbook(tmp_path, "plan", str(repo), "--feature", FEATURE)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "edited by hand" in done.stderr
    no_traceback(done)
    assert (repo / PLAN).read_bytes() == b"# my own plan, caf\xe9\n"


# --------------------------------------------------------------- item 10: smaller


def test_describe_on_an_existing_context_session_says_it_was_not_used(
    tmp_path: Path, repo: Path
) -> None:
    done = archbook(tmp_path, "plan", str(repo), "--feature", FEATURE, "--describe", "new")
    assert done.returncode == 0, done.stderr
    assert "--describe was not used" in done.stdout


def plan_with_the_model(
    tmp_path: Path, repo: Path, fake: FakeMessagesAPI
) -> subprocess.CompletedProcess[str]:
    """``archbook plan --planner anthropic``, the real SDK talking to ``fake``."""
    env = {**os.environ, "ANTHROPIC_API_KEY": "test-key", "ANTHROPIC_BASE_URL": fake.url}
    return archbook(
        tmp_path, "plan", str(repo), "--feature", FEATURE, "--planner", "anthropic", env=env
    )


def test_a_hand_edited_plan_is_refused_before_the_model_is_paid(tmp_path: Path, repo: Path) -> None:
    (repo / PLAN).parent.mkdir(parents=True)
    (repo / PLAN).write_text("# my own plan\n")
    with FakeMessagesAPI([submit()]) as fake:
        done = plan_with_the_model(tmp_path, repo, fake)
    assert done.returncode == 2 and "edited by hand" in done.stderr
    assert fake.requests == []


def test_streamed_text_ends_its_line_before_the_error(tmp_path: Path, repo: Path) -> None:
    with FakeMessagesAPI([StreamError("overloaded_error", "Overloaded")]) as fake:
        done = plan_with_the_model(tmp_path, repo, fake)
    assert done.returncode == 2
    assert any(line.startswith("archbook: error:") for line in done.stderr.splitlines())


def test_a_repository_reached_through_a_symlink_is_planned_in_its_real_folder(
    tmp_path: Path, repo: Path
) -> None:
    link = tmp_path / "linked"
    link.symlink_to(repo)
    done = archbook(tmp_path, "plan", str(link), "--feature", FEATURE)
    assert done.returncode == 0, done.stderr
    assert (repo / PLAN).is_file()


def test_a_long_cycle_is_summarised_on_one_short_line(tmp_path: Path) -> None:
    root = tmp_path / "ring"
    (root / "ring").mkdir(parents=True)
    (root / "ring" / "__init__.py").write_text("")
    for index in range(LONG_CYCLE):
        following = (index + 1) % LONG_CYCLE
        (root / "ring" / f"m{index}.py").write_text(f"from ring import m{following}\n")
    done = archbook(tmp_path, "analyse", str(root))
    assert done.returncode == 0, done.stderr
    cycle_lines = [line for line in done.stdout.splitlines() if "ring.m0" in line]
    assert cycle_lines and max(len(line) for line in cycle_lines) < MAX_LINE
    assert f"{LONG_CYCLE} modules" in done.stdout
