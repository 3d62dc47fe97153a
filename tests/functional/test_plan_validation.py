"""Validation of plans against the real tree and layer rules of a sample copy; an
invalid plan is never written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fakes.planned_trees import write_tree
from fakes.planner import FakePlanner

from archbook import api
from archbook.adapters.scanning.python_imports import extract_imports
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.plan_validation import validate_plan
from archbook.application.planning.session import PlanInvalidError
from archbook.domain.plan import CREATE, DELETE, MODIFY, FileChange, Finding, Plan

PORT = "src/application/ports/mailer.py"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("validation") / "threads_api"
    shutil.copytree(api.sample_path(), root)
    return root


@pytest.fixture(scope="module")
def known(repo: Path) -> RepoKnowledge:
    return api.knowledge(str(repo), cache=False)


def plan(*changes: FileChange) -> Plan:
    return Plan(
        feature="password_reset",
        title="Password reset",
        kind="new_feature",
        summary="s",
        context_path=".claude/sessions/context_session_password_reset.md",
        context_digest=(),
        approach="a",
        rationale=(),
        layers_changed=(),
        changes=changes,
    )


def findings(repo: Path, known: RepoKnowledge, *changes: FileChange) -> list[Finding]:
    return validate_plan(
        plan(*changes),
        known.analysis,
        lambda relative: os.path.lexists(repo / relative),
        extract_imports,
    )


def rules(found: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.level, f.rule, f.path) for f in found]


CLEAN = (
    FileChange(PORT, CREATE, "ports", "Port `Mailer`.", code_sketch="from abc import ABC\n"),
    FileChange(
        "src/application/services/password_reset_service.py",
        CREATE,
        "application",
        "The use cases.",
        code_sketch=(
            "from src.application.ports.mailer import Mailer\n"
            "from src.application.ports.user_repository import UserRepository\n"
            "from src.domain.errors import InvalidInput\n"
        ),
    ),
    FileChange(
        "src/infrastructure/adapters/memory/memory_mailer.py",
        CREATE,
        "infrastructure",
        "Fake mailer.",
        code_sketch="from src.application.ports.mailer import Mailer\n",
    ),
    FileChange("src/presentation/api/routes/auth.py", MODIFY, "presentation", "Two routes."),
    FileChange("src/infrastructure/container.py", MODIFY, "composition", "Wiring."),
)


def test_a_clean_plan_has_no_finding(repo: Path, known: RepoKnowledge) -> None:
    assert findings(repo, known, *CLEAN) == []


@pytest.mark.parametrize("action", [MODIFY, DELETE])
def test_changing_a_file_that_does_not_exist_is_an_error(
    repo: Path, known: RepoKnowledge, action: str
) -> None:
    path = "src/application/services/ghost_service.py"
    found = findings(repo, known, FileChange(path, action, "application", "?"))
    assert rules(found) == [("error", "missing-file", path)]
    assert f"cannot be {action}d" in found[0].message


def test_creating_a_file_that_exists_is_an_error(repo: Path, known: RepoKnowledge) -> None:
    path = "src/application/services/auth_service.py"
    found = findings(repo, known, FileChange(path, CREATE, "application", "again"))
    assert rules(found) == [("error", "create-existing", path)]
    assert "modify it instead" in found[0].message


def test_a_port_created_among_the_adapters_is_in_the_wrong_folder(
    repo: Path, known: RepoKnowledge
) -> None:
    path = "src/infrastructure/adapters/mailer.py"
    found = findings(repo, known, FileChange(path, CREATE, "ports", "Port `Mailer`."))
    assert rules(found) == [("error", "wrong-layer-folder", path)]
    assert "declared ports but its folder makes it infrastructure" in found[0].message


def test_a_declared_layer_no_folder_names_is_only_a_warning(
    repo: Path, known: RepoKnowledge
) -> None:
    path = "scripts/reset_tokens.py"
    found = findings(repo, known, FileChange(path, CREATE, "application", "A script."))
    assert rules(found) == [("warning", "wrong-layer-folder", path)]


@pytest.mark.parametrize(
    "path",
    ["../etc/passwd", "/etc/passwd", "src/../../outside.py", "", "src/a\0b.py"],
    ids=repr,
)
def test_paths_that_leave_the_repository_are_refused(
    repo: Path, known: RepoKnowledge, path: str
) -> None:
    found = findings(repo, known, FileChange(path, MODIFY, "domain", "escape"))
    assert rules(found) == [("error", "path-outside-repo", path)]


def test_an_unknown_action_is_an_error(repo: Path, known: RepoKnowledge) -> None:
    found = findings(repo, known, FileChange(PORT, "rename", "ports", "?"))
    assert rules(found) == [("error", "bad-action", PORT)]


def test_a_domain_sketch_importing_an_adapter_breaks_the_layer_rules(
    repo: Path, known: RepoKnowledge
) -> None:
    sketch = (
        "from src.infrastructure.adapters.mongo.mongo_user_repository import MongoUserRepository\n"
    )
    path = "src/domain/entities/user.py"
    found = findings(repo, known, FileChange(path, MODIFY, "domain", "bad", code_sketch=sketch))
    assert rules(found) == [("error", "layer-violation", path)]
    assert "domain → infrastructure" in found[0].message


def test_a_sketch_importing_a_file_the_same_plan_creates_is_checked_too(
    repo: Path, known: RepoKnowledge
) -> None:
    adapter = FileChange(
        "src/infrastructure/adapters/smtp_mailer.py", CREATE, "infrastructure", "SMTP."
    )
    service = FileChange(
        "src/application/services/password_reset_service.py",
        CREATE,
        "application",
        "bad",
        code_sketch="from src.infrastructure.adapters.smtp_mailer import SmtpMailer\n",
    )
    found = findings(repo, known, adapter, service)
    assert rules(found) == [("error", "layer-violation", service.path)]


def test_an_invalid_plan_is_not_written(tmp_path: Path) -> None:
    root = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), root)
    session = api.plan_session(str(root), "password_reset")
    invalid = plan(
        FileChange("src/application/services/auth_service.py", CREATE, "application", "again"),
        FileChange("../etc/passwd", MODIFY, "domain", "escape"),
    )
    session.deps.planner = FakePlanner(invalid)
    with pytest.raises(PlanInvalidError) as raised:
        session.write()
    message = str(raised.value)
    assert "nothing was written" in message
    assert "already exists" in message and "not a relative path" in message
    assert not (root / ".claude" / "doc").exists()
    assert session.results["validate"].summary == "2 error(s), 0 warning(s)"


def test_deleting_a_file_the_session_never_says_goes_is_a_warning(
    repo: Path, known: RepoKnowledge
) -> None:
    path = "src/application/services/auth_service.py"
    gone = FileChange(path, DELETE, "application", "no longer needed")

    def check(removals: set[str] | None) -> list[Finding]:
        exists = lambda relative: os.path.lexists(repo / relative)  # noqa: E731
        return validate_plan(plan(gone), known.analysis, exists, extract_imports, None, removals)

    assert rules(check(set())) == [("warning", "unasked-delete", path)]
    assert check({path}) == []
    assert check(None) == []  # no scope known: nothing to compare with


def test_a_drafted_plan_deleting_an_unnamed_file_is_written_with_a_warning(
    tmp_path: Path,
) -> None:
    """A planner (a model, say) that deletes a file the session never names gets a
    warning the reader sees; the plan is still written."""
    root = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), root)
    session = api.plan_session(str(root), "password_reset")
    path = "src/application/services/auth_service.py"
    session.deps.planner = FakePlanner(plan(FileChange(path, DELETE, "application", "gone")))
    session.write()
    assert session.results["validate"].summary == "0 error(s), 1 warning(s)"
    assert [f.rule for f in session.findings] == ["unasked-delete"]
    assert (root / ".claude" / "doc" / "password_reset" / "backend.md").exists()


def test_a_test_in_a_folder_another_source_root_names_alike_is_a_test(tmp_path: Path) -> None:
    """``tests/unit`` and ``src`` both on the path: ``tests/unit/api/routes/test_x.py``
    and ``src/api/routes/x.py`` share the dotted package ``api.routes``. A new test
    there is a test (its folder's modules are its siblings, not the routers')."""
    root = tmp_path / "two_roots"
    files = {
        "pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["src", "tests/unit"]\n',
        "src/api/__init__.py": "",
        "src/api/routes/__init__.py": "",
        "src/api/routes/carts.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        "src/api/routes/quotes.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        "tests/unit/api/__init__.py": "",
        "tests/unit/api/test_carts.py": "from api.routes.carts import router\n",
        "tests/unit/api/test_quotes.py": "from api.routes.quotes import router\n",
    }
    write_tree(root, files)
    known = api.knowledge(str(root), cache=False)
    new_test = FileChange(
        "tests/unit/api/routes/test_quotes.py", CREATE, "tests", "Tests of the quotes router."
    )
    found = findings(root, known, new_test)
    assert not [f for f in found if f.rule == "wrong-layer-folder"], rules(found)
