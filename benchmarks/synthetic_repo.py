"""Write a synthetic hexagonal FastAPI repository of about N modules, for scale benchmarks.

    python benchmarks/synthetic_repo.py OUT_DIR --modules 20000

The repository has the shape archbook is built for, repeated: feature slices, each with
domain entities and value objects, a port (ABC), a service using it, an adapter that
implements it, FastAPI dependencies (``Depends``, in the composition folder ``app/di``),
a router with routes, schemas, use cases and tests. Imports fan out like a real code
base (a module imports its slice's lower layers, shared domain modules and a few modules
of earlier slices). A few domain
modules import infrastructure (layer violations) and a few pairs of slices import each
other's domain (cycles), so every analysis has something to report. A context session
in ``.claude/sessions`` gives ``archbook plan`` a feature to plan.

Generated text, deterministic for a given ``--modules`` and ``--seed``; nothing in it is
copied from a real repository.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import textwrap

# Modules of one slice besides its padding use cases.
CORE_MODULES_PER_SLICE = 11
USE_CASES_PER_SLICE = 9
MODULES_PER_SLICE = CORE_MODULES_PER_SLICE + USE_CASES_PER_SLICE
SHARED_MODULES = 12
CROSS_SLICE_IMPORTS = 3
VIOLATION_EVERY = 97  # every 97th slice's entity imports its adapter
CYCLE_EVERY = 89  # every 89th slice's domain imports the next slice's, and back
FEATURE = "bulk_export"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to create (must not exist)")
    parser.add_argument("--modules", type=int, default=2000, help="about how many modules")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    count = write_repo(args.out, args.modules, args.seed)
    print(f"wrote {count} modules to {args.out}")
    return 0


def write_repo(root: str, modules: int, seed: int = 7) -> int:
    """Write the repository under ``root`` (created); returns the number of modules."""
    if os.path.exists(root):
        raise FileExistsError(f"{root} exists; give a new folder")
    chooser = random.Random(seed)
    slices = max(2, (modules - SHARED_MODULES - 12) // MODULES_PER_SLICE)
    names = [f"f{index:05d}" for index in range(slices)]
    files: dict[str, str] = {}
    files.update(_shared_files())
    for index, name in enumerate(names):
        files.update(_slice_files(index, name, names, chooser))
    files.update(_app_files(names))
    files["pyproject.toml"] = _PYPROJECT
    files[f".claude/sessions/context_session_{FEATURE}.md"] = _CONTEXT_SESSION.format(
        slice=names[0]
    )
    for relative, text in files.items():
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    return sum(1 for relative in files if relative.endswith(".py"))


def _shared_files() -> dict[str, str]:
    files = {f"app/{package}/__init__.py": "" for package in _PACKAGES}
    files["app/__init__.py"] = ""
    files["app/domain/shared/errors.py"] = _SHARED_ERRORS
    files["app/domain/shared/ids.py"] = _SHARED_IDS
    files["app/application/ports/unit_of_work.py"] = _UNIT_OF_WORK
    files["app/infrastructure/database.py"] = _DATABASE
    files["app/infrastructure/config.py"] = _CONFIG
    files["tests/__init__.py"] = ""
    return files


def _slice_files(index: int, name: str, names: list[str], chooser: random.Random) -> dict[str, str]:
    entity = f"{name.capitalize()}Item"
    code = f"{name.capitalize()}Code"
    # Slices lean on earlier slices only (a layered domain), so the only cycles are
    # the planted ones below.
    others = chooser.sample(names[:index], min(CROSS_SLICE_IMPORTS, index))
    cross = "".join(
        f"from app.domain.{other}.entities import {other.capitalize()}Item  # noqa: F401\n"
        for other in sorted(others)
    )
    violation = (
        f"from app.infrastructure.adapters.{name}_repository import Sql{entity}Repository\n"
        if index % VIOLATION_EVERY == 3
        else ""
    )
    offset = {5: 1, 6: -1}.get(index % CYCLE_EVERY)  # slices 5 and 6 import each other
    partner = names[index + offset] if offset and 0 <= index + offset < len(names) else None
    cycle = (
        f"from app.domain.{partner}.value_objects import {partner.capitalize()}Code\n"
        if partner
        else ""
    )
    use_cases = {
        f"app/application/use_cases/{name}/step_{step}.py": _USE_CASE.format(
            name=name, entity=entity, entity_code=code, step=step, previous=max(step - 1, 0)
        )
        for step in range(USE_CASES_PER_SLICE)
    }
    return {
        f"app/domain/{name}/__init__.py": "",
        f"app/domain/{name}/entities.py": _ENTITY.format(
            name=name, entity=entity, code=code, cross=cross, violation=violation
        ),
        f"app/domain/{name}/value_objects.py": _VALUE_OBJECTS.format(
            name=name, code=code, cycle=cycle
        ),
        f"app/application/ports/{name}_repository.py": _PORT.format(name=name, entity=entity),
        f"app/application/services/{name}_service.py": _SERVICE.format(name=name, entity=entity),
        f"app/application/use_cases/{name}/__init__.py": "",
        **use_cases,
        f"app/infrastructure/adapters/{name}_repository.py": _ADAPTER.format(
            name=name, entity=entity
        ),
        f"app/presentation/api/schemas/{name}.py": _SCHEMAS.format(name=name, entity=entity),
        f"app/di/{name}.py": _DEPENDENCIES.format(name=name, entity=entity),
        f"app/presentation/api/routes/{name}.py": _ROUTES.format(name=name, entity=entity),
        f"tests/test_{name}.py": _TEST.format(name=name, entity=entity),
    }


def _app_files(names: list[str]) -> dict[str, str]:
    imports = "".join(f"from app.presentation.api.routes import {name}\n" for name in names)
    includes = "".join(f"    app.include_router({name}.router, prefix='/api')\n" for name in names)
    return {"app/main.py": _MAIN.format(imports=imports, includes=includes)}


_PACKAGES = (
    "domain",
    "domain/shared",
    "application",
    "application/ports",
    "application/services",
    "application/use_cases",
    "infrastructure",
    "infrastructure/adapters",
    "presentation",
    "presentation/api",
    "presentation/api/schemas",
    "di",
    "presentation/api/routes",
)

_PYPROJECT = textwrap.dedent(
    """\
    [project]
    name = "synthetic-app"
    version = "0.1.0"
    requires-python = ">=3.11"
    dependencies = ["fastapi>=0.110", "sqlalchemy>=2.0", "pydantic>=2.5"]
    """
)

_SHARED_ERRORS = '''"""Errors every slice raises."""


class DomainError(Exception):
    """Base of domain errors."""


class NotFound(DomainError):
    """The thing asked for does not exist."""
'''

_SHARED_IDS = '''"""Identifiers."""

from uuid import uuid4


def new_id() -> str:
    return uuid4().hex
'''

_UNIT_OF_WORK = '''"""Port: a transaction boundary."""

from abc import ABC, abstractmethod


class UnitOfWork(ABC):
    @abstractmethod
    async def commit(self) -> None: ...
'''

_DATABASE = '''"""Database sessions."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.infrastructure.config import Settings

engine = create_async_engine(Settings().database_url)
session_factory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncSession:
    async with session_factory() as session:
        yield session
'''

_CONFIG = '''"""Settings read from the environment."""

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=lambda: os.environ.get("DATABASE_URL", ""))
'''

_ENTITY = '''"""{entity}: the entity of slice {name}."""

from dataclasses import dataclass

from app.domain.shared.errors import NotFound
from app.domain.shared.ids import new_id
from app.domain.{name}.value_objects import {code}
{cross}{violation}

@dataclass
class {entity}:
    id: str
    code: "{code}"
    title: str

    @classmethod
    def create(cls, title: str) -> "{entity}":
        if not title:
            raise NotFound(title)
        return cls(new_id(), {code}(title[:8]), title)
'''

_VALUE_OBJECTS = '''"""Value objects of slice {name}."""

from dataclasses import dataclass

{cycle}

@dataclass(frozen=True)
class {code}:
    value: str
'''

_PORT = '''"""Port: storage of {entity}."""

from abc import ABC, abstractmethod

from app.domain.{name}.entities import {entity}


class {entity}Repository(ABC):
    @abstractmethod
    async def get(self, item_id: str) -> {entity} | None: ...

    @abstractmethod
    async def add(self, item: {entity}) -> None: ...

    @abstractmethod
    async def list(self, limit: int) -> list[{entity}]: ...
'''

_SERVICE = '''"""Use cases of slice {name}."""

from app.application.ports.{name}_repository import {entity}Repository
from app.application.ports.unit_of_work import UnitOfWork
from app.domain.shared.errors import NotFound
from app.domain.{name}.entities import {entity}


class {entity}Service:
    def __init__(self, repository: {entity}Repository) -> None:
        self._repository = repository

    async def get(self, item_id: str) -> {entity}:
        item = await self._repository.get(item_id)
        if item is None:
            raise NotFound(item_id)
        return item

    async def create(self, title: str) -> {entity}:
        item = {entity}.create(title)
        await self._repository.add(item)
        return item

    async def list(self, limit: int) -> list[{entity}]:
        items = await self._repository.list(limit)
        for item in items:
            await self._repository.get(item.id)
        return items
'''

_USE_CASE = '''"""Step {step} of slice {name}'s workflow."""

from app.application.ports.{name}_repository import {entity}Repository
from app.application.use_cases.{name} import step_{previous}  # noqa: F401
from app.domain.{name}.entities import {entity}
from app.domain.{name}.value_objects import {entity_code}


async def run_step_{step}(repository: {entity}Repository, item: {entity}) -> {entity_code}:
    await repository.add(item)
    return item.code
'''

_ADAPTER = '''"""SQL adapter for {entity}Repository."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.application.ports.{name}_repository import {entity}Repository
from app.domain.{name}.entities import {entity}
from app.infrastructure.database import session_factory  # noqa: F401


class Sql{entity}Repository({entity}Repository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, item_id: str) -> {entity} | None:
        return await self._session.get({entity}, item_id)

    async def add(self, item: {entity}) -> None:
        self._session.add(item)

    async def list(self, limit: int) -> list[{entity}]:
        result = await self._session.execute(select({entity}).limit(limit))
        return list(result.scalars())
'''

_SCHEMAS = '''"""Request and response bodies of slice {name}."""

from pydantic import BaseModel

from app.domain.{name}.entities import {entity}


class Create{entity}Request(BaseModel):
    title: str


class {entity}Response(BaseModel):
    id: str
    title: str

    @classmethod
    def of(cls, item: {entity}) -> "{entity}Response":
        return cls(id=item.id, title=item.title)
'''

_DEPENDENCIES = '''"""FastAPI dependencies of slice {name}."""

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from app.application.services.{name}_service import {entity}Service
from app.infrastructure.adapters.{name}_repository import Sql{entity}Repository
from app.infrastructure.database import get_session


def get_{name}_repository(session: AsyncSession = Depends(get_session)) -> Sql{entity}Repository:
    return Sql{entity}Repository(session)


def get_{name}_service(
    repository: Sql{entity}Repository = Depends(get_{name}_repository),
) -> {entity}Service:
    return {entity}Service(repository)
'''

_ROUTES = '''"""Routes of slice {name}."""

from fastapi import APIRouter, Depends, status

from app.application.services.{name}_service import {entity}Service
from app.di.{name} import get_{name}_service
from app.presentation.api.schemas.{name} import Create{entity}Request, {entity}Response

router = APIRouter(prefix="/{name}", tags=["{name}"])


@router.get("", response_model=list[{entity}Response])
async def list_{name}(
    limit: int = 20, service: {entity}Service = Depends(get_{name}_service)
) -> list[{entity}Response]:
    return [{entity}Response.of(item) for item in await service.list(limit)]


@router.get("/{{item_id}}", response_model={entity}Response)
async def get_{name}(
    item_id: str, service: {entity}Service = Depends(get_{name}_service)
) -> {entity}Response:
    return {entity}Response.of(await service.get(item_id))


@router.post("", response_model={entity}Response, status_code=status.HTTP_201_CREATED)
async def create_{name}(
    body: Create{entity}Request, service: {entity}Service = Depends(get_{name}_service)
) -> {entity}Response:
    return {entity}Response.of(await service.create(body.title))
'''

_TEST = '''"""Tests of slice {name}."""

from app.application.services.{name}_service import {entity}Service
from app.domain.{name}.entities import {entity}


def test_create() -> None:
    assert {entity}.create("x").title == "x"
    assert {entity}Service is not None
'''

_MAIN = '''"""Application factory."""

from fastapi import FastAPI

{imports}

def create_app() -> FastAPI:
    app = FastAPI()
{includes}    return app
'''

_CONTEXT_SESSION = """# Context session: Bulk export

## Goal

Let an operator export every item of slice `{slice}` as a CSV file in one request.

## Requirements

- `GET /api/{slice}/export` answers `200` with a CSV body of all items.
- The export reads items through the existing repository port.
- Unit tests for the new use case and an API test for the route.
"""


if __name__ == "__main__":
    sys.exit(main())
