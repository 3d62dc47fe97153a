"""What a target project is built with: package manager, commands, pinned versions.

Pure values and the small version arithmetic they need (PEP 503 names, the lowest
version a specifier allows). No I/O; reading the files is the application's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

POETRY = "poetry"
UV = "uv"
PDM = "pdm"
PIPENV = "pipenv"
FLIT = "flit"
HATCH = "hatch"
SETUPTOOLS = "setuptools"
PIP = "pip"

PACKAGE_MANAGERS: tuple[str, ...] = (POETRY, UV, PDM, PIPENV, FLIT, HATCH, SETUPTOOLS, PIP)

# Where a project's manifests are looked for: the root, then these folders.
PROJECT_FOLDERS: tuple[str, ...] = ("backend", "api", "server", "app")
# Files that say how a project is installed and which versions it pins.
MANIFESTS = frozenset(
    {"pyproject.toml", "poetry.lock", "uv.lock", "pdm.lock", "Pipfile", "Pipfile.lock"}
    | {"setup.cfg", "setup.py"}
)
VERSION_FILES = frozenset({".python-version", "runtime.txt"})
REQUIREMENTS_FILE = re.compile(r"^(requirements[^/]*|requirements/[^/]+)\.txt$")


def is_schema_revision(path: str) -> bool:
    """A schema migration of the project: a file of an alembic ``versions`` folder or
    of a Django-style ``migrations`` folder (their ``env.py`` and ``__init__.py``
    aside). Revisions are history: read for what they say, never a slice to change."""
    *folders, base = path.split("/")
    return bool({"versions", "migrations"} & set(folders)) and base not in (
        "env.py",
        "__init__.py",
    )


def is_project_file(name: str) -> bool:
    """Whether a file name inside a project folder is one of its manifests, version files
    or requirements files."""
    return name in MANIFESTS or name in VERSION_FILES or bool(REQUIREMENTS_FILE.match(name))


# Where a command names the package to add, it says ``<package>``.
PACKAGE_PLACEHOLDER = "<package>"

# install, add, dev add; ``{requirements}`` and ``{dev_requirements}`` name the pip files.
_COMMANDS: Mapping[str, tuple[str, str, str]] = {
    POETRY: ("poetry install", "poetry add <package>", "poetry add --group dev <package>"),
    UV: ("uv sync", "uv add <package>", "uv add --dev <package>"),
    PDM: ("pdm install", "pdm add <package>", "pdm add --dev <package>"),
    PIPENV: ("pipenv install --dev", "pipenv install <package>", "pipenv install --dev <package>"),
    FLIT: (
        "flit install",
        "add <package> to [project] dependencies in pyproject.toml, then flit install",
        "add <package> to [project.optional-dependencies] dev in pyproject.toml, then flit install",
    ),
    HATCH: (
        "hatch env create",
        "add <package> to [project] dependencies in pyproject.toml "
        "(hatch syncs the environment on the next hatch run)",
        "add <package> to [tool.hatch.envs.default] dependencies in pyproject.toml",
    ),
    SETUPTOOLS: (
        "pip install -e .",
        "add <package> to {declared_in}, then pip install -e .",
        "add <package> to the dev extra in {declared_in}, then pip install -e '.[dev]'",
    ),
    PIP: (
        "pip install -r {requirements}",
        "pip install <package> and add it to {requirements}",
        "pip install <package> and add it to {dev_requirements}",
    ),
}

_NAME_SEPARATORS = re.compile(r"[-_.]+")
_OPERATOR = r"===|==|~=|!=|<=|>=|<|>|\^|~|="
_SPACE_AFTER_OPERATOR = re.compile(rf"({_OPERATOR})\s+")
_CLAUSE = re.compile(rf"^(?P<op>{_OPERATOR})?v?(?P<version>\d+(?:\.\d+)*)(?P<star>\.\*)?")
_VERSION = re.compile(r"^\s*v?(\d+(?:\.\d+)*)")
_LOWER_BOUND_OPERATORS = frozenset({None, "===", "==", "~=", ">=", ">", "^", "~", "="})
_EXACT_OPERATORS = frozenset({None, "===", "==", "="})


@dataclass(frozen=True)
class Pin:
    """A dependency as the project declares it, and the exact version when one is known.

    ``spec`` is the specifier as written (``^0.110``, ``>=2.5,<3``; empty when only a
    lock file names the package); ``version`` is the locked version, or the exact one a
    ``==`` spec names; ``source`` is the repo-relative file the pin was read from.
    """

    name: str
    spec: str
    version: str | None
    source: str


@dataclass(frozen=True)
class ProjectFacts:
    """How to install and extend a target project, and which versions it builds on."""

    package_manager: str
    install_command: str
    add_command: str
    dev_add_command: str
    python: str | None
    pins: tuple[Pin, ...]
    fastapi_major: int | None
    pydantic_major: int | None
    app_factory: str | None
    settings_module: str | None
    observability: tuple[str, ...]
    notes: tuple[str, ...]
    # the project's own distribution names (``codex-lb``), as its manifests declare them
    names: tuple[str, ...] = ()

    def pin(self, name: str) -> Pin | None:
        """The pin of distribution ``name`` (any spelling PEP 503 treats as equal)."""
        wanted = normalise_name(name)
        return next((pin for pin in self.pins if pin.name == wanted), None)


def commands_for(
    manager: str,
    requirements: str = "requirements.txt",
    dev_requirements: str = "requirements-dev.txt",
    declared_in: str = "setup.py",
) -> tuple[str, str, str]:
    """Install, add and dev-add commands of ``manager``; unknown managers get pip's."""
    values = {
        "requirements": requirements,
        "dev_requirements": dev_requirements,
        "declared_in": declared_in,
    }
    install, add, dev_add = (t.format(**values) for t in _COMMANDS.get(manager, _COMMANDS[PIP]))
    return install, add, dev_add


def normalise_name(name: str) -> str:
    """PEP 503 form of a distribution name: ``Pydantic_Settings`` → ``pydantic-settings``."""
    return _NAME_SEPARATORS.sub("-", name.strip()).lower()


def version_tuple(version: str) -> tuple[int, ...] | None:
    """The leading numeric release of ``version``: ``0.115.6rc1`` → ``(0, 115, 6)``."""
    found = _VERSION.match(version)
    return tuple(int(part) for part in found.group(1).split(".")) if found else None


def lower_bound(spec: str) -> tuple[int, ...] | None:
    """The lowest release a PEP 440 or Poetry specifier allows, None when unbounded below.

    ``^0.110`` → (0, 110); ``>=2.5,<3`` → (2, 5); ``<3`` → None. Alternatives joined by
    ``||`` give the lowest of their bounds.
    """
    bounds: list[tuple[int, ...]] = []
    for alternative in re.split(r"\|\|?", spec):
        floors: list[tuple[int, ...]] = []
        text = _SPACE_AFTER_OPERATOR.sub(r"\1", alternative.strip().strip("()"))
        for clause in re.split(r"[,\s]+", text):
            found = _CLAUSE.match(clause)
            if found and found.group("op") in _LOWER_BOUND_OPERATORS:
                floors.append(tuple(int(part) for part in found.group("version").split(".")))
        if floors:
            bounds.append(max(floors))
    return min(bounds) if bounds else None


def lowest_major(spec: str) -> int | None:
    """The major version of :func:`lower_bound`: ``~=2.0`` → 2, ``^0.110`` → 0."""
    bound = lower_bound(spec)
    return bound[0] if bound else None


def exact_version(spec: str) -> str | None:
    """The one version ``spec`` allows (``==1.10.2``, Poetry's bare ``1.10.2``), else None."""
    text = _SPACE_AFTER_OPERATOR.sub(r"\1", spec.strip())
    found = _CLAUSE.match(text)
    if not found or found.group("star") or found.end() != len(text):
        return None
    return found.group("version") if found.group("op") in _EXACT_OPERATORS else None


# Versions where the advice for a library changes.
FASTAPI_LIFESPAN = (0, 93)
FASTAPI_ANNOTATED = (0, 95)
PYDANTIC_2 = (2,)
PYMONGO_4 = (4,)
MOTOR_3 = (3,)
PYMONGO_ASYNC = (4, 9)
SQLALCHEMY_2 = (2,)
WIRING_CONFIGURATION = (4, 37)
HTTPX_NO_APP = (0, 28)
PYTEST_ASYNCIO_1 = (1,)
PYTHON_UNION = (3, 10)
PYTHON_311 = (3, 11)
PYTHON_312 = (3, 12)


def version_notes(pins: Mapping[str, Pin], python: str | None) -> list[str]:
    """Short facts a reader with outdated knowledge needs, each naming the pin it rests on.

    ``pins`` maps normalised names to pins; libraries with no known version get no note.
    """
    notes: list[str] = []
    fastapi = pin_floor(pins.get("fastapi"))
    if fastapi:
        label = _label(pins["fastapi"])
        if fastapi >= FASTAPI_ANNOTATED:
            notes.append(
                f"FastAPI {label} pinned: lifespan handlers (FastAPI(lifespan=...)) replace "
                "@app.on_event; declare dependencies as Annotated[T, Depends(...)]"
            )
        elif fastapi >= FASTAPI_LIFESPAN:
            notes.append(
                f"FastAPI {label} pinned: lifespan handlers (FastAPI(lifespan=...)) replace "
                "@app.on_event"
            )
        else:
            notes.append(
                f"FastAPI {label} pinned: allows versions before 0.93, which have no "
                "lifespan=; @app.on_event works on all of them"
            )
    pydantic = pin_floor(pins.get("pydantic"))
    if pydantic:
        label = _label(pins["pydantic"])
        if pydantic >= PYDANTIC_2:
            notes.append(
                f"Pydantic {label} pinned: use model_config = ConfigDict(...), "
                "@field_validator, model_dump() and model_validate() instead of class Config, "
                "@validator, dict() and parse_obj(); BaseSettings lives in pydantic-settings"
            )
        else:
            notes.append(
                f"Pydantic {label} pinned (v1 API): class Config, @validator, dict() and "
                "parse_obj(); model_config, ConfigDict, field_validator and model_dump() "
                "do not exist"
            )
    notes += _mongo_notes(pins)
    notes += _library_notes(pins)
    if python:
        notes += _python_notes(python)
    return notes


def pin_floor(pin: Pin | None) -> tuple[int, ...] | None:
    """The version a note rests on: the exact one when known, else the spec's lowest."""
    if pin is None:
        return None
    return version_tuple(pin.version) if pin.version else lower_bound(pin.spec)


def _label(pin: Pin) -> str:
    return pin.version or pin.spec


def _mongo_notes(pins: Mapping[str, Pin]) -> list[str]:
    motor, pymongo = pin_floor(pins.get("motor")), pin_floor(pins.get("pymongo"))
    if not motor and not pymongo:
        return []
    names = [f"Motor {_label(pins['motor'])}" if motor else ""]
    names.append(f"PyMongo {_label(pins['pymongo'])}" if pymongo else "")
    stack = " / ".join(name for name in names if name)
    api4 = pymongo >= PYMONGO_4 if pymongo else bool(motor and motor >= MOTOR_3)
    if not api4:
        return [
            f"{stack} pinned (PyMongo 3 API): prefer insert_one/update_one/delete_one/"
            "count_documents; insert(), update(), remove() and count() are gone in PyMongo 4"
        ]
    note = (
        f"{stack} pinned (PyMongo 4 API): insert_one/update_one/delete_one/count_documents; "
        "insert(), update(), remove() and count() are gone"
    )
    if pymongo and pymongo >= PYMONGO_ASYNC:
        note += "; pymongo.AsyncMongoClient is PyMongo's own asyncio client"
    return [note]


def _library_notes(pins: Mapping[str, Pin]) -> list[str]:
    notes: list[str] = []
    sqlalchemy = pin_floor(pins.get("sqlalchemy"))
    if sqlalchemy:
        label = _label(pins["sqlalchemy"])
        notes.append(
            f"SQLAlchemy {label} pinned: 2.0 style select() with session.execute()/scalars(), "
            "Mapped[...] and mapped_column(), AsyncSession from sqlalchemy.ext.asyncio"
            if sqlalchemy >= SQLALCHEMY_2
            else f"SQLAlchemy {label} pinned: 1.x API (session.query()); Mapped[...] and "
            "mapped_column() need SQLAlchemy 2"
        )
    injector = pin_floor(pins.get("dependency-injector"))
    if injector:
        wiring = (
            "wire with WiringConfiguration(modules=[...]) on the container"
            if injector >= WIRING_CONFIGURATION
            else "wire with container.wire(modules=[...])"
        )
        notes.append(
            f"dependency-injector {_label(pins['dependency-injector'])} pinned: {wiring}; "
            "inject with @inject and Provide[Container.name]"
        )
    if pin_floor(pins.get("dishka")):
        notes.append(
            f"dishka {_label(pins['dishka'])} pinned: Provider classes with @provide(scope=...); "
            "FastAPI routes take FromDishka[T] with @inject (dishka.integrations.fastapi, "
            "setup_dishka)"
        )
    httpx = pin_floor(pins.get("httpx"))
    if httpx and httpx >= HTTPX_NO_APP:
        notes.append(
            f"httpx {_label(pins['httpx'])} pinned: AsyncClient(app=...) is gone; test ASGI apps "
            "with AsyncClient(transport=ASGITransport(app=app), base_url=...)"
        )
    pytest_asyncio = pin_floor(pins.get("pytest-asyncio"))
    if pytest_asyncio and pytest_asyncio >= PYTEST_ASYNCIO_1:
        notes.append(
            f"pytest-asyncio {_label(pins['pytest-asyncio'])} pinned: the event_loop fixture is "
            "gone; set loop scopes with asyncio_default_fixture_loop_scope or loop_scope="
        )
    return notes


def _python_notes(python: str) -> list[str]:
    floor = lower_bound(python)
    if not floor or len(floor) < len(PYTHON_UNION):
        return []
    lowest = ".".join(str(part) for part in floor[: len(PYTHON_UNION)])
    if floor < PYTHON_UNION:
        return [
            f"Python {python} allows {lowest}: X | None needs from __future__ import "
            "annotations and fails where annotations are evaluated (Pydantic, FastAPI); "
            "use Optional[X] there"
        ]
    extras = ["write X | None and list[str], not Optional[X] and List[str]"]
    if floor >= PYTHON_311:
        extras.append("tomllib, asyncio.TaskGroup and typing.Self are available")
    if floor >= PYTHON_312:
        extras.append("type aliases can use the type statement")
    return [f"Python {python} ({lowest}+): {'; '.join(extras)}"]
