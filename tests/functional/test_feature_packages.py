"""Repositories laid out as feature packages (``app/modules/<feature>/`` holding its
router module, schemas, service and repository): a new capability the session names
becomes a package like the most typical of them, its router included where the
others are, and the product's own name in the session's prose names no resource."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes, planned_session

from archbook.domain.plan import CREATE, MODIFY


def _package(name: str, extra: tuple[str, ...] = ()) -> dict[str, str]:
    title = name.capitalize()
    files = {
        f"app/modules/{name}/__init__.py": "",
        f"app/modules/{name}/schemas.py": (
            f"from pydantic import BaseModel\n\n\nclass {title}Out(BaseModel):\n    id: str\n"
        ),
        f"app/modules/{name}/repository.py": (
            f"class {title}Repository:\n    def get(self, key: str) -> dict:\n        return {{}}\n"
        ),
        f"app/modules/{name}/service.py": (
            f"from app.modules.{name}.repository import {title}Repository\n\n\n"
            f"class {title}Service:\n"
            f"    def __init__(self, repository: {title}Repository) -> None:\n"
            "        self.repository = repository\n"
        ),
        f"app/modules/{name}/api.py": (
            "from fastapi import APIRouter\n\n"
            f"from app.modules.{name}.schemas import {title}Out\n\n"
            "router = APIRouter()\n\n\n"
            f'@router.get("/{name}/{{key}}")\n'
            f"def read_{name}(key: str) -> {title}Out:\n"
            f"    return {title}Out(id=key)\n"
        ),
    }
    # files of this package's own (the bigger packages hold more than the others)
    files.update({f"app/modules/{name}/{base}.py": "VALUE = 1\n" for base in extra})
    return files


PACKAGES = {
    "pyproject.toml": '[project]\nname = "relay-hub"\nversion = "1.0.0"\n',
    "app/__init__.py": "",
    "app/modules/__init__.py": "",
    **_package("accounts", ("mappers", "usage_scheduler", "auth_manager")),
    **_package("audit"),
    **_package("keys", ("limits",)),
    "app/modules/proxy/__init__.py": "",
    # a port whose name starts with an underscore and with the product's first word
    "app/modules/proxy/ports.py": (
        "from typing import Protocol\n\n\n"
        "class _RelayControlProtocol(Protocol):\n"
        "    def drain(self) -> None: ...\n\n\n"
        "class _SnapshotWriterProtocol(Protocol):\n"
        "    def write(self, data: bytes) -> None: ...\n"
    ),
    "app/modules/proxy/relay_client.py": (
        "from app.modules.proxy.ports import _RelayControlProtocol\n\n\n"
        "class RelayClient(_RelayControlProtocol):\n"
        "    def drain(self) -> None:\n        return None\n"
    ),
    "app/core/__init__.py": "",
    "app/core/relay_settings.py": "RELAY_TIMEOUT = 5\n",
    "app/main.py": (
        "from fastapi import FastAPI\n\n"
        "from app.modules.accounts.api import router as accounts_router\n"
        "from app.modules.audit.api import router as audit_router\n"
        "from app.modules.keys.api import router as keys_router\n\n"
        "app = FastAPI()\n"
        "app.include_router(accounts_router)\n"
        "app.include_router(audit_router)\n"
        "app.include_router(keys_router)\n"
    ),
}

SESSION = """# Add anonymous telemetry

## Problem

relay-hub runs on many machines and nobody knows which versions they run. The
relay-hub team only hears of problems through issues; relay-hub already stores the
request logs that would answer most questions.

## Solution

Add a new `telemetry` capability: an anonymous usage snapshot sent once a day, with
an opt-out toggle for operators. The snapshot is kept in a local store until it is
sent. relay-hub never sends keys or addresses.
"""


def test_a_new_capability_becomes_a_feature_package_like_the_typical_one(
    tmp_path: Path,
) -> None:
    planning, changes = planned_session(tmp_path, PACKAGES, SESSION, "anonymous-telemetry")
    for role in ("__init__", "api", "schemas", "service", "repository"):
        assert changes[f"app/modules/telemetry/{role}.py"].action == CREATE, role
    # the files one package keeps of its own are not copied
    created = [path for path, change in changes.items() if change.action == CREATE]
    assert not [path for path in created if "mappers" in path or "scheduler" in path], created
    assert not [path for path in created if "limits" in path], created
    included = changes["app/main.py"]
    assert included.action == MODIFY
    assert "app/modules/telemetry/api.py" in " ".join(included.details)
    # "relay-hub" is the product, no resource; and a port whose name starts with an
    # underscore is not described by "the snapshot … store" (a word of its name alone)
    assert planning.scope_result is not None
    assert "relay" not in planning.scope_result.resources
    assert not [path for path in changes if "relay" in path or "proxy" in path], sorted(changes)


CHANGED = """# Sign the audit export

## Why

Operators cannot tell an audit export they made from one somebody altered.

## What Changes

- Sign every audit export with the instance key and add the signature to the audit
  payload.
- Reject an audit export whose signature does not verify.

## Capabilities

### Modified Capabilities

- `audit`: exports are signed.
"""


def test_the_package_of_the_one_feature_changed_is_taken_whole(tmp_path: Path) -> None:
    files = {
        **PACKAGES,
        # a module-private protocol typing what the service uses, and a class of the
        # repository that happens to have its shape
        "app/modules/audit/service.py": (
            "from typing import Protocol\n\n"
            "from app.modules.audit.repository import AuditRepository\n\n\n"
            "class _ClockLike(Protocol):\n"
            "    def now(self) -> float: ...\n\n\n"
            "class AuditService:\n"
            "    def __init__(self, repository: AuditRepository, clock: _ClockLike) -> None:\n"
            "        self.repository = repository\n"
        ),
        # the revision that made its table, where the capability's name is a file's
        "migrations/versions/0001_create_audit_log.py": (
            "from alembic import op\n\nrevision = '0001'\n\n\ndef upgrade() -> None:\n"
            "    op.create_table('audit_log')\n"
        ),
        "app/core/clock.py": (
            "import time\n\n\nclass SystemClock:\n"
            "    def now(self) -> float:\n        return time.time()\n"
        ),
    }
    changes = planned_changes(tmp_path, files, CHANGED, "sign-audit-export")
    for role in ("api", "schemas", "service", "repository"):
        assert changes[f"app/modules/audit/{role}.py"].action == MODIFY, role
    # nothing implements what the feature changes: the protocol is the service's own
    assert "app/core/clock.py" not in changes, sorted(changes)
    assert not [path for path in changes if path.startswith("app/modules/accounts/")]


def test_beside_another_resource_a_package_gives_its_role_files_alone(tmp_path: Path) -> None:
    session = CHANGED.replace("# Sign the audit export", "# Sign the audit export with keys")
    session += "\nThe keys module gives the audit export the key it signs with.\n"
    files = {
        **PACKAGES,
        "migrations/versions/0001_create_audit_log.py": "revision = '0001'\n",
        "migrations/versions/0002_create_key_rows.py": "revision = '0002'\n",
    }
    changes = planned_changes(tmp_path, files, session, "audit-keys-signing")
    for name in ("audit", "keys"):
        assert changes[f"app/modules/{name}/service.py"].action == MODIFY, name
        assert f"app/modules/{name}/__init__.py" not in changes, sorted(changes)
