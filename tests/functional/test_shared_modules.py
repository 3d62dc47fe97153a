"""Repositories keeping one module per role for every resource (``repositories/base.py``
with its ``memory.py`` and ``postgres.py`` implementations, ``schemas/domain.py``): a
feature about one resource changes its part of them, while a resource with a module
of that role of its own, and another resource's module, stay out; a spec template's
labels ("**Acceptance Scenarios**:") name no resource."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import CREATE, MODIFY


def _methods(indent: str, body: str) -> str:
    return "".join(
        f"{indent}def {verb}_{noun}(self, key: str) -> dict:{body}\n"
        for noun in ("group", "debt")
        for verb in ("create", "get", "delete")
    )


SHARED = {
    "backend/app/__init__.py": "",
    "backend/app/main.py": (
        "from fastapi import FastAPI\n\nfrom backend.app.api.router import api_router\n\n"
        "app = FastAPI()\napp.include_router(api_router)\n"
    ),
    "backend/app/api/__init__.py": "",
    "backend/app/api/router.py": (
        "from fastapi import APIRouter\n\n"
        "from backend.app.api import debts, groups\n\n"
        "api_router = APIRouter()\n"
        "api_router.include_router(groups.router)\napi_router.include_router(debts.router)\n"
    ),
    **{
        f"backend/app/api/{name}s.py": (
            "from fastapi import APIRouter\n\n"
            "from backend.app.repositories.memory import InMemoryRepository\n\n"
            "router = APIRouter()\n\n\n"
            f'@router.get("/{name}s/{{key}}")\n'
            f"def read_{name}(key: str) -> dict:\n"
            f"    return InMemoryRepository().get_{name}(key)\n"
        )
        for name in ("group", "debt")
    },
    "backend/app/repositories/__init__.py": "",
    "backend/app/repositories/base.py": (
        "from abc import ABC, abstractmethod\n\n\nclass Repository(ABC):\n"
        + _methods("    @abstractmethod\n    ", " ...")
    ),
    "backend/app/repositories/memory.py": (
        "from backend.app.repositories.base import Repository\n\n\n"
        "class InMemoryRepository(Repository):\n" + _methods("    ", "\n        return {}")
    ),
    "backend/app/repositories/postgres.py": (
        "from backend.app.repositories.base import Repository\n\n\n"
        "class PostgresRepository(Repository):\n" + _methods("    ", "\n        return {}")
    ),
    # another resource's own module naming groups: not a shared one
    "backend/app/repositories/report_repository.py": (
        "class ReportRepository:\n"
        + "".join(
            f"    def {verb}_group_report(self) -> dict:\n        return {{}}\n"
            for verb in ("create", "get", "delete")
        )
    ),
    "backend/app/schemas/__init__.py": "",
    "backend/app/schemas/domain.py": (
        "from pydantic import BaseModel\n\n\n"
        + "".join(
            f"class {name}(BaseModel):\n    id: str\n\n\n"
            for name in (
                "GroupCreate",
                "GroupOut",
                "GroupMemberOut",
                "DebtCreate",
                "DebtOut",
                "DebtLineOut",
            )
        )
    ),
}

SESSION = """# Feature Specification: Group Settlement

## User Scenarios & Testing

### User Story 1 - Settle a group (Priority: P1)

A group member proposes to settle every debt of the group in the fewest transfers.

**Acceptance Scenarios**:

1. **Given** a group with circular debts, **When** a member proposes a settlement,
   **Then** the group sees the proposed transfers.

## Requirements

- **FR-001**: Any member of a group MUST be able to propose a settlement of the group.
- **FR-002**: Each group member named in a transfer MUST confirm it.
"""


def test_a_feature_changes_its_part_of_the_modules_every_resource_shares(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, SHARED, SESSION, "group-settlement")
    for path in (
        "backend/app/api/groups.py",
        "backend/app/repositories/base.py",
        "backend/app/repositories/memory.py",
        "backend/app/repositories/postgres.py",
        "backend/app/schemas/domain.py",
    ):
        assert changes[path].action == MODIFY, path
    assert "backend/app/repositories/report_repository.py" not in changes
    assert "backend/app/api/debts.py" not in changes
    created = [path for path, change in changes.items() if change.action == CREATE]
    assert not [path for path in created if "scenario" in path], created


def test_a_resource_with_a_module_of_its_own_keeps_out_of_the_shared_one(
    tmp_path: Path,
) -> None:
    files = {
        **SHARED,
        "backend/app/repositories/debt_repository.py": (
            "class DebtRepository:\n    def list_debts(self) -> list:\n        return []\n"
        ),
    }
    session = SESSION.replace("group", "debt").replace("Group", "Debt")
    changes = planned_changes(tmp_path, files, session, "debt-settlement")
    assert changes["backend/app/repositories/debt_repository.py"].action == MODIFY
    assert changes["backend/app/schemas/domain.py"].action == MODIFY
    assert "backend/app/repositories/base.py" not in changes, sorted(changes)
