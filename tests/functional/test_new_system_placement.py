"""Where a new external system's port and adapter go: beside the adapters of the ports
next to the new port (a feature slice's own ``infrastructure/``), else beside the code
that already talks to that system; a session that names the system's port, in any
language, gets that port alone; the operation the feature hangs on keeps its own
tests and fixtures."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook import api
from archbook.application.planning.offline.conventions import learn_conventions
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
    **{
        f"src/modules/{s}/di.py": (
            "from dishka import Provider, Scope\n\n"
            f"from src.modules.{s}.domain.interfaces.{s[:-1]}_repository import {c}Repository\n"
            f"from src.modules.{s}.infrastructure.persistence.repositories.sql_{s[:-1]}_repository "
            f"import Sql{c}Repository\n\n"
            "provider = Provider(scope=Scope.APP)\n"
            f"provider.provide(Sql{c}Repository, provides={c}Repository)\n"
        )
        for s, c in (("users", "User"), ("orders", "Order"))
    },
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
    # the new port is bound where the ports beside it are: the users slice's provider
    assert changes["src/modules/users/di.py"] == MODIFY
    assert "src/modules/orders/di.py" not in changes


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
        "class UserService:\n    def delete_user(self, user_id: int) -> None:\n        pass\n\n\n"
        "user_service = UserService()\n"
    ),
    "app/core/conf.py": (
        "from functools import lru_cache\n\nfrom pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n    redis_url: str = ''\n\n\n"
        "@lru_cache\ndef get_settings() -> Settings:\n    return Settings()\n"
    ),
    "app/api.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from app.core.conf import Settings, get_settings\n"
        "from app.services.user_service import user_service\n\n"
        "router = APIRouter()\n\n\n@router.delete('/users/{user_id}')\n"
        "def delete(user_id: int, settings: Settings = Depends(get_settings)) -> None:\n"
        "    user_service.delete_user(user_id)\n"
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


def test_a_service_made_once_at_module_level_is_wired_where_it_is_made(tmp_path: Path) -> None:
    """``user_service = UserService()`` and no container: the new port is handed to
    it there; the settings' own factory (``get_settings``) is no container."""
    write_tree(tmp_path, JOURNAL_TREE)
    plan = planned(tmp_path, JOURNAL, "deletion_journal").plan
    service = next(c for c in plan.changes if c.path == "app/services/user_service.py")
    assert any("`deletion_journal`" in line for line in plan.di_wiring)
    assert any("`UserService` the dependency" in line for line in plan.di_wiring)
    assert not [c for c in plan.changes if c.purpose.startswith("Wire") and c is not service]
    assert "app/core/conf.py" not in {c.path for c in plan.changes if c.purpose.startswith("Wire")}


def test_where_services_make_their_own_instance_no_module_is_a_container(
    tmp_path: Path,
) -> None:
    """Services made at home (``user_service = UserService()``) need no container:
    neither the app's module, though it is the only composition module, nor the
    settings' own factory (``get_settings``) is where new things are wired."""
    tree = {
        **JOURNAL_TREE,
        "app/main.py": (
            "from fastapi import FastAPI\n\nfrom app.api import router\n\n"
            "app = FastAPI()\napp.include_router(router)\n"
        ),
    }
    write_tree(tmp_path, tree)
    known = api.knowledge(str(tmp_path), cache=False)
    assert learn_conventions(known).container_module == ""
    # with its service built by a factory instead, the app's wiring module is found
    tree["app/services/user_service.py"] = tree["app/services/user_service.py"].replace(
        "user_service = UserService()",
        "def get_user_service() -> UserService:\n    return UserService()",
    )
    write_tree(tmp_path, tree)
    known = api.knowledge(str(tmp_path), cache=False)
    assert learn_conventions(known).container_module != "app/core/conf.py"


def test_a_first_entity_goes_in_the_package_its_ports_are_in(tmp_path: Path) -> None:
    """No entity yet, the ports in ``app/domain/ports.py``: a new repository's entity
    and port go in ``app/domain``, each declared in the layer its folder gives it, so
    the plan validates (``domain/deletion.py`` outside the package did not)."""
    write_tree(tmp_path, JOURNAL_TREE)
    session = (
        "# Deletion history\n\n## Requirements\n"
        "- `GET /users/{user_id}/deletions` lists what the user deleted.\n"
        "- A new `DeletionRepository` keeps them.\n"
    )
    changes = {
        c.path: c.action for c in planned(tmp_path, session, "deletion_history").plan.changes
    }
    assert changes["app/domain/deletion.py"] == CREATE
    assert changes["app/domain/deletion_repository.py"] == CREATE
