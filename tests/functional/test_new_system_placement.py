"""Where a new external system's port and adapter go: beside the adapters of the ports
next to the new port (a feature slice's own ``infrastructure/``), else beside the code
that already talks to that system; a session that names the system's port, in any
language, gets that port alone; the operation the feature hangs on keeps its own
tests and fixtures."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.domain.plan import CREATE, MODIFY

SLICE_PACKAGES = [
    f"src/modules/{slice_}/{part}"
    for slice_ in ("users", "orders")
    for part in (
        "",
        "domain",
        "domain/interfaces",
        "application",
        "application/use_cases",
        "infrastructure",
        "infrastructure/persistence",
        "infrastructure/persistence/repositories",
    )
]
SLICES = {
    **{f"{package.rstrip('/')}/__init__.py": "" for package in ["src", "src/modules"]},
    **{f"{package.rstrip('/')}/__init__.py": "" for package in SLICE_PACKAGES},
    **{
        f"src/modules/{s}/domain/interfaces/{s[:-1]}_repository.py": (
            "from typing import Protocol\n\n\n"
            f"class {c}Repository(Protocol):\n    def add(self, item: object) -> None: ...\n"
        )
        for s, c in (("users", "User"), ("orders", "Order"))
    },
    **{
        f"src/modules/{s}/infrastructure/persistence/repositories/sql_{s[:-1]}_repository.py": (
            f"from src.modules.{s}.domain.interfaces.{s[:-1]}_repository import {c}Repository\n\n\n"
            f"class Sql{c}Repository({c}Repository):\n"
            "    def add(self, item: object) -> None:\n        pass\n"
        )
        for s, c in (("users", "User"), ("orders", "Order"))
    },
    "src/modules/users/application/use_cases/create_user.py": (
        "from src.modules.users.domain.interfaces.user_repository import UserRepository\n\n\n"
        "class CreateUserHandler:\n"
        "    def __init__(self, users: UserRepository) -> None:\n        self.users = users\n\n"
        "    def execute(self, email: str) -> None:\n        self.users.add(email)\n"
    ),
    "tests/__init__.py": "",
    "tests/users/__init__.py": "",
    "tests/users/application/__init__.py": "",
    "tests/users/application/conftest.py": "import pytest\n",
    "tests/users/application/test_create_user.py": (
        "from src.modules.users.application.use_cases.create_user import CreateUserHandler\n\n\n"
        "def test_create() -> None:\n    assert CreateUserHandler\n"
    ),
    "tests/orders/__init__.py": "",
    "tests/orders/conftest.py": "import pytest\n",
}
KAFKA = """# Evento de usuario registrado

## Objetivo
- Cuando se crea un usuario, publicar un evento `UserRegistered` en Kafka.

## Requisitos
- Un nuevo puerto `EventPublisher` con `publish(event)`; un adaptador de Kafka lo
  implementa con `aiokafka`.
"""


def test_a_slices_new_adapter_goes_beside_its_ports_adapters(tmp_path: Path) -> None:
    write_tree(tmp_path, SLICES)
    changes = {
        c.path: c.action for c in planned(tmp_path, KAFKA, "usuario_registrado").plan.changes
    }
    assert changes["src/modules/users/domain/interfaces/event_publisher.py"] == CREATE
    # beside the storage adapters' folders, not inside them, nor at src/modules/
    assert changes["src/modules/users/infrastructure/kafka_event_publisher.py"] == CREATE
    # the session names Kafka's port ("un nuevo puerto"): no generic one beside it
    assert not [p for p in changes if "kafka_service" in p]
    # the handler doing the operation changes, with its own tests and their fixtures
    assert changes["src/modules/users/application/use_cases/create_user.py"] == MODIFY
    assert changes["tests/users/application/test_create_user.py"] == MODIFY
    assert changes["tests/users/application/conftest.py"] == MODIFY
    assert "tests/orders/conftest.py" not in changes


JOURNAL_TREE = {
    "app/__init__.py": "from app.core.redis import connect\n\nclient = connect()\n",
    "app/core/__init__.py": "",
    "app/core/redis.py": "import redis\n\n\ndef connect():\n    return redis.Redis()\n",
    "app/domain/__init__.py": "",
    "app/domain/ports.py": (
        "from typing import Protocol\n\n\nclass Clock(Protocol):\n    def now(self) -> float: ...\n"
    ),
    "app/services/__init__.py": "",
    "app/services/user_service.py": (
        "class UserService:\n    def delete_user(self, user_id: int) -> None:\n        pass\n"
    ),
}
JOURNAL = """# Deletion journal

## Goal
- When a user is deleted, record who deleted it.

## Requirements
- A new `DeletionJournal` port with `record(user_id, actor_id)`; a Redis adapter
  implements it.
"""


def test_with_no_adapter_beside_it_a_new_adapter_goes_where_its_system_is_used(
    tmp_path: Path,
) -> None:
    """No adapter anywhere yet: the Redis adapter goes beside the module that already
    talks to Redis, never at the repository's root; a package that imports a name to
    use it (``client = connect()``) re-exports nothing."""
    write_tree(tmp_path, JOURNAL_TREE)
    changes = {
        c.path: c.action for c in planned(tmp_path, JOURNAL, "deletion_journal").plan.changes
    }
    assert changes["app/core/redis_deletion_journal.py"] == CREATE
    assert changes["app/services/user_service.py"] == MODIFY
    assert "app/__init__.py" not in changes
