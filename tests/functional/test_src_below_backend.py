"""A backend in ``backend/`` whose ``src/`` holds a stray ``__init__.py`` while its code
imports ``api.…``, ``domain.…`` and ``infrastructure.…`` by their own names: the
scan names the modules from ``backend/src``, and a plan puts a new use case beside
the others, not in a ``services`` folder invented beside the routes."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_session

from archbook import api
from archbook.application.planning.scoping.repo_index import RepoIndex

S = "backend/src"
TREE = {
    f"{S}/__init__.py": "",
    f"{S}/api/__init__.py": "",
    f"{S}/api/main.py": (
        "from fastapi import FastAPI\n\nfrom api.routes import trips\n\n"
        "app = FastAPI()\napp.include_router(trips.router)\n"
    ),
    f"{S}/api/routes/__init__.py": "",
    f"{S}/api/routes/trips.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from api.dependencies.use_cases import get_log_trip_use_case\n"
        "from domain.use_cases.log_trip import LogTripUseCase\n\n"
        'router = APIRouter(prefix="/api/v1/trips")\n\n\n'
        '@router.post("")\n'
        "def log_trip(use_case: LogTripUseCase = Depends(get_log_trip_use_case)) -> dict:\n"
        "    return use_case.execute()\n"
    ),
    f"{S}/api/dependencies/__init__.py": "",
    f"{S}/api/dependencies/use_cases.py": (
        "from domain.use_cases.log_trip import LogTripUseCase\n"
        "from infrastructure.repositories.sql_trip_repository import SqlTripRepository\n\n\n"
        "def get_log_trip_use_case() -> LogTripUseCase:\n"
        "    return LogTripUseCase(SqlTripRepository())\n"
    ),
    f"{S}/domain/__init__.py": "",
    f"{S}/domain/entities/__init__.py": "",
    f"{S}/domain/entities/trip.py": "class Trip:\n    id: str\n",
    f"{S}/domain/ports/__init__.py": "",
    f"{S}/domain/ports/trip_repository.py": (
        "from abc import ABC, abstractmethod\n\nfrom domain.entities.trip import Trip\n\n\n"
        "class TripRepository(ABC):\n    @abstractmethod\n"
        "    def save(self, trip: Trip) -> None: ...\n"
    ),
    f"{S}/domain/use_cases/__init__.py": "",
    f"{S}/domain/use_cases/log_trip.py": (
        "from domain.ports.trip_repository import TripRepository\n\n\n"
        "class LogTripUseCase:\n"
        "    def __init__(self, repository: TripRepository) -> None:\n"
        "        self.repository = repository\n\n"
        "    def execute(self) -> dict:\n        return {}\n"
    ),
    f"{S}/infrastructure/__init__.py": "",
    f"{S}/infrastructure/repositories/__init__.py": "",
    f"{S}/infrastructure/repositories/sql_trip_repository.py": (
        "from domain.entities.trip import Trip\n"
        "from domain.ports.trip_repository import TripRepository\n\n\n"
        "class SqlTripRepository(TripRepository):\n"
        "    def save(self, trip: Trip) -> None:\n        pass\n"
    ),
}
SESSION = """# Trip archive

Users can archive a trip they logged.

## API

- `POST /api/v1/trips/{id}/archive` archives the trip.
"""


def test_the_modules_are_named_from_backend_src(tmp_path: Path) -> None:
    for path, text in TREE.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    analysis = api.analyse(str(tmp_path))
    assert "backend/src" in analysis.scan.source_roots
    pairs = {(i.importer, i.imported) for i in analysis.scan.imports if not i.external}
    assert ("api.routes.trips", "domain.use_cases.log_trip") in pairs
    assert (
        "infrastructure.repositories.sql_trip_repository",
        "domain.ports.trip_repository",
    ) in pairs


def test_a_new_use_case_joins_the_others(tmp_path: Path) -> None:
    planning, changes = planned_session(tmp_path, TREE, SESSION, "trip-archive")
    created = [path for path, change in changes.items() if change.action == "create"]
    assert f"{S}/api/routes/trips.py" in changes
    assert any(path.startswith(f"{S}/domain/use_cases/") for path in created), created
    assert not any("/services/" in path for path in created), created
    assert f"{S}/api/dependencies/use_cases.py" in changes


def test_a_new_file_named_in_a_top_folder_of_code_is_placed_there(tmp_path: Path) -> None:
    """``tools/refresh_token.py`` named in full: ``tools/`` holds scripts already, so the
    file is created there; a URL's folders below ``backend/`` name no folder."""
    files = {
        "app/__init__.py": "",
        "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "tools/check_env.py": "import os\n",
        "backend/__init__.py": "",
        "backend/app.py": "import os\n",
        "docs/guide.md": "# Guide\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    known = api.knowledge(str(tmp_path))
    index = RepoIndex.build(known, lambda path: (tmp_path / path).exists())
    assert index.resolve("tools/refresh_token.py") == ("tools/refresh_token.py", False)
    assert index.resolve("docs/refresh_token.py") == ("", False)  # no code there
    assert index.resolve("/api/v1/platform/users/") == ("", False)


# a second use case kept in its own module, named after it
TWO_USE_CASES = {
    **TREE,
    f"{S}/domain/use_cases/get_trip.py": (
        "from domain.ports.trip_repository import TripRepository\n\n\n"
        "class GetTripUseCase:\n"
        "    def __init__(self, repository: TripRepository) -> None:\n"
        "        self.repository = repository\n\n"
        "    def execute(self, trip_id: str) -> dict:\n        return {}\n"
    ),
}
SEVERAL_ROUTES = """# Trip management

Users can edit or remove a trip, and see a summary of their trips.

## API

- `PUT /api/v1/trips/{id}` updates the trip.
- `DELETE /api/v1/trips/{id}` removes it.
- `GET /api/v1/trips/summary` sums the distances.
- `POST /api/v1/trips/calculate` estimates a trip before it is logged.
"""


def test_one_use_case_per_route_where_each_use_case_has_its_module(tmp_path: Path) -> None:
    """Use cases kept one per module, each named after its action (``log_trip.py``
    holding ``LogTripUseCase``): several new routes get one each, named by the
    route's action and what it acts on, each route calling its own."""
    planning, changes = planned_session(tmp_path, TWO_USE_CASES, SEVERAL_ROUTES, "trip-management")
    cases = f"{S}/domain/use_cases"
    for stem in ("update_trip", "delete_trip", "get_trip_summary", "calculate_trip"):
        assert changes[f"{cases}/{stem}.py"].action == "create", stem
    assert not any("trip_management" in path and "/use_cases/" in path for path in changes)
    update = changes[f"{cases}/update_trip.py"]
    assert "PUT /api/v1/trips/{id}" in update.purpose
    # its one method is the one the others have, and no other route's
    assert "def execute(" in update.code_sketch and "delete" not in update.code_sketch
    assert "update_trip_use_case.execute(" in changes[f"{S}/api/routes/trips.py"].code_sketch


def test_unit_tests_mirror_the_code_below_their_kind_folder(tmp_path: Path) -> None:
    """Unit tests in ``tests/unit/`` mirror ``src/`` (``tests/unit/domain/use_cases/
    test_log_trip.py``): a new use case's tests go there; the API tests of a router
    are the existing module of their name, in ``tests/integration/``."""
    tests = "backend/tests"
    tree = {
        **TWO_USE_CASES,
        f"{tests}/__init__.py": "",
        f"{tests}/unit/domain/use_cases/test_log_trip.py": (
            "from domain.use_cases.log_trip import LogTripUseCase\n"
        ),
        f"{tests}/unit/domain/use_cases/test_get_trip.py": (
            "from domain.use_cases.get_trip import GetTripUseCase\n"
        ),
        f"{tests}/unit/domain/entities/test_trip.py": "from domain.entities.trip import Trip\n",
        f"{tests}/unit/infrastructure/repositories/test_sql_trip_repository.py": (
            "from infrastructure.repositories.sql_trip_repository import SqlTripRepository\n"
        ),
        f"{tests}/integration/api/test_trips.py": "from api.main import app\n",
    }
    _, changes = planned_session(tmp_path, tree, SEVERAL_ROUTES, "trip-management")
    unit = f"{tests}/unit/domain/use_cases"
    assert changes[f"{unit}/test_update_trip.py"].action == "create"
    assert changes[f"{unit}/test_delete_trip.py"].action == "create"
    assert changes[f"{tests}/integration/api/test_trips.py"].action == "modify"
    assert not any(path.startswith(f"{tests}/unit/api/") for path in changes)


def test_a_route_the_session_only_uses_is_no_change(tmp_path: Path) -> None:
    session = (
        "# Trip import\n\nImport trips from a CSV file.\n\n"
        "- `POST /api/v1/imports` reads the file.\n"
        "- Uses existing `POST /api/v1/trips` for every row.\n"
    )
    routes = f"{S}/api/routes/trips.py"
    planning, _ = planned_session(tmp_path / "used", TREE, session, "trip-import")
    assert planning.scope_result is not None and routes not in planning.scope_result.touched
    # named as what changes, it is touched
    changed = session.replace(
        "Uses existing `POST /api/v1/trips` for every row.",
        "`POST /api/v1/trips` now returns the trip's distance too.",
    )
    planning, _ = planned_session(tmp_path / "changed", TREE, changed, "trip-import")
    assert planning.scope_result is not None and routes in planning.scope_result.touched
