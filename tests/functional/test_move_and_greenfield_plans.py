"""Plans for the two change kinds that reshape a repository: a refactor that moves a
module into the hexagon's layer folder (``tests/assets/move_layout``: the old file
goes, the new one and its package come, the modules importing it change), and a
greenfield backend beside a web client (``tests/assets/frontend_only``: the
skeleton is laid out at the backend's root, not at the repository's)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from archbook import api
from archbook.domain.plan import CREATE, DELETE, MODIFY, Plan

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def repo_with(tmp_path: Path, fixture: str, feature: str, text: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ASSETS / fixture, root, ignore=shutil.ignore_patterns("__pycache__"))
    sessions = root / ".claude" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / f"context_session_{feature}.md").write_text(text, encoding="utf-8")
    return root


def drafted(root: Path, feature: str) -> Plan:
    session = api.plan_session(str(root), feature)
    session.validate()
    assert session.plan is not None
    assert session.plan.valid, session.plan.validation
    for change in session.plan.changes:
        assert (root / change.path).exists() == (change.action != CREATE), change.path
        if change.path.endswith(".py") and change.code_sketch:
            ast.parse(change.code_sketch)
    return session.plan


def planned(plan: Plan) -> dict[str, str]:
    return {c.path: c.action for c in plan.changes}


MOVE_INTO_FOLDER = """# Context session: discounts belong to the domain

## Decision

The discount rules are pure arithmetic; they do not belong in a services folder.

- [ ] Move `/shop/services/discounts.py` into `shop/domain/rules/` (same module name).
- [ ] Keep `shop/services/mailer.py` where it is.
"""


def test_a_move_into_a_layer_folder_deletes_creates_and_fixes_the_importers(
    tmp_path: Path,
) -> None:
    root = repo_with(tmp_path, "move_layout", "discounts_domain", MOVE_INTO_FOLDER)
    session = api.plan_session(str(root), "discounts_domain")
    session.scope()
    scope = session.scope_result
    assert scope is not None and "refactor" in scope.kinds
    assert scope.deleted == ("shop/services/discounts.py",)
    assert scope.created == ("shop/domain/rules/__init__.py", "shop/domain/rules/discounts.py")
    changes = planned(drafted(root, "discounts_domain"))
    expected = {
        "shop/services/discounts.py": DELETE,
        "shop/domain/rules/__init__.py": CREATE,
        "shop/domain/rules/discounts.py": CREATE,
        "shop/api/carts.py": MODIFY,
        "tests/test_discounts.py": MODIFY,
    }
    assert {p: changes.get(p) for p in expected} == expected
    # what stays is not moved, and no folder of its own is invented for the target
    assert "shop/services/mailer.py" not in changes or changes["shop/services/mailer.py"] != DELETE
    assert "shop/domain/rules/service.py" not in changes


MOVE_WITH_ARROW = """## Refactor

| from | to |
|------|----|
| `shop/services/discounts.py` → `shop/domain/discount_rules.py` | rename while moving |
"""


def test_a_move_to_a_new_file_name_needs_no_new_package(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "move_layout", "rename_discounts", MOVE_WITH_ARROW)
    changes = planned(drafted(root, "rename_discounts"))
    expected = {
        "shop/services/discounts.py": DELETE,
        "shop/domain/discount_rules.py": CREATE,
        "shop/api/carts.py": MODIFY,
        "tests/test_discounts.py": MODIFY,
    }
    assert {p: changes.get(p) for p in expected} == expected
    assert not any(p.endswith("__init__.py") and a == CREATE for p, a in changes.items())


GREENFIELD = """# Context session: notes API

The web client needs an API: `POST /api/notes` stores a note (201) and `GET /api/notes`
lists them. Notes are kept behind a NoteRepository port.
"""


def test_a_greenfield_backend_goes_in_the_folder_the_repository_keeps_for_it(
    tmp_path: Path,
) -> None:
    root = repo_with(tmp_path, "frontend_only", "notes_api", GREENFIELD)
    changes = planned(drafted(root, "notes_api"))
    for path in (
        "backend/src/__init__.py",
        "backend/src/main.py",
        "backend/src/infrastructure/container.py",
        "backend/src/infrastructure/config.py",
        "backend/src/domain/errors.py",
        "backend/src/tests/conftest.py",
        "backend/src/application/ports/note_repository.py",
        # named after the feature less its kind word: `notes_api` is about notes
        "backend/src/presentation/api/routes/notes.py",
    ):
        assert changes.get(path) == CREATE, path
    assert not any(p.startswith(("src/", "frontend/")) for p in changes), sorted(changes)


GREENFIELD_SAID = """# Context session: notes API

The Python API will live in `server/`, next to the web client in `frontend/`.

## Requirements

- `POST /api/notes` stores a note (201); `GET /api/notes` lists them.
- Notes are kept behind a NoteRepository port.
"""


def test_a_greenfield_backend_goes_where_the_session_says_it_lives(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "frontend_only", "notes_api", GREENFIELD_SAID)
    shutil.rmtree(root / "backend")  # only the session says where the backend goes
    changes = planned(drafted(root, "notes_api"))
    for path in (
        "server/src/main.py",
        "server/src/infrastructure/container.py",
        "server/src/application/ports/note_repository.py",
    ):
        assert changes.get(path) == CREATE, path
    assert all(p.startswith("server/src/") for p in changes), sorted(changes)


def test_a_move_in_a_repository_of_namespace_packages_adds_no_init(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "move_layout", "discounts_domain", MOVE_INTO_FOLDER)
    for init in root.rglob("__init__.py"):
        init.unlink()
    changes = planned(drafted(root, "discounts_domain"))
    assert changes.get("shop/services/discounts.py") == DELETE
    assert changes.get("shop/domain/rules/discounts.py") == CREATE
    assert not any(p.endswith("__init__.py") for p in changes), sorted(changes)
