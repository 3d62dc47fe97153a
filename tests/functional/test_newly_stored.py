"""A resource that only had behaviour (a service) gets storage of its own when the
session asks for its table or repository, laid out like the resource it names as the
pattern, in the app's folder, not in a library beside the app that shares that
resource's name; a migration that creates a table in SQL is history, never a module
to add the new table to."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import CREATE, MODIFY

TREE = {
    "api/__init__.py": "",
    "api/domain/__init__.py": "",
    "api/domain/models/__init__.py": "",
    "api/domain/models/trip.py": "class Trip:\n    id: str\n",
    "api/domain/models/user.py": "class User:\n    id: str\n",
    "api/domain/ports/__init__.py": "",
    "api/domain/ports/trip_repository.py": (
        "from typing import Protocol\n\nfrom api.domain.models.trip import Trip\n\n\n"
        "class TripRepository(Protocol):\n    async def get(self, key: str) -> Trip: ...\n"
    ),
    "api/domain/ports/user_repository.py": (
        "from typing import Protocol\n\nfrom api.domain.models.user import User\n\n\n"
        "class UserRepository(Protocol):\n    async def get(self, key: str) -> User: ...\n"
    ),
    "api/adapters/__init__.py": "",
    "api/adapters/postgres/__init__.py": "",
    "api/adapters/postgres/trip_repository.py": (
        "from api.domain.models.trip import Trip\n\n\nclass PostgresTripRepository:\n"
        "    async def get(self, key: str) -> Trip:\n        return Trip()\n"
    ),
    "api/adapters/postgres/user_repository.py": (
        "from api.domain.models.user import User\n\n\nclass PostgresUserRepository:\n"
        "    async def get(self, key: str) -> User:\n        return User()\n"
    ),
    "api/domain/services/__init__.py": "",
    "api/domain/services/forecast_service.py": (
        "class ForecastService:\n    async def forecast(self, trip: str) -> dict:\n"
        "        return {}\n"
    ),
    "api/routers/__init__.py": "",
    "api/routers/trips.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        '@router.get("/trips/{key}")\nasync def get_trip(key: str) -> dict:\n    return {}\n'
    ),
    "api/main.py": (
        "from fastapi import FastAPI\n\nfrom api.routers import trips\n\n"
        "app = FastAPI()\napp.include_router(trips.router)\n"
    ),
    "api/alembic/versions/0001_trips.py": (
        "from alembic import op\n\n\ndef upgrade() -> None:\n"
        '    op.execute("CREATE TABLE trips (id TEXT PRIMARY KEY)")\n'
    ),
    # a library beside the app, named like the trips: it lays out nothing
    **{f"trip_engine/src/trip/part_{n}.py": f"X = {n}\n" for n in range(6)},
}

SESSION = """# Keep forecasts

## What Changes

- New `forecast` database table keeping each forecast with its trip.
- New repository port and Postgres adapter following the trip pattern.
- `ForecastService` saves each forecast it makes.
"""


def test_a_resource_gets_storage_like_the_one_the_session_names(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, TREE, SESSION, "keep-forecasts")
    for path in (
        "api/domain/ports/forecast_repository.py",
        "api/adapters/postgres/forecast_repository.py",
        "api/domain/models/forecast.py",
    ):
        assert changes[path].action == CREATE, sorted(changes)
        assert "trip" in changes[path].purpose  # the pattern the session names
    assert changes["api/domain/services/forecast_service.py"].action == MODIFY
    assert not any(path.startswith("trip_engine/") for path in changes)
    assert not any("/alembic/versions/0001" in path for path in changes)
