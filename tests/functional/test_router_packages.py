"""Routers kept in a package per resource (``api/vehicle/routes.py`` beside its
``schemas.py``): a route of a resource without one gets a package like theirs,
included where the others are. And a station called "S3" in a table is no object
store."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_session

from archbook.domain.plan import CREATE, MODIFY


def _package(name: str) -> dict[str, str]:
    title = name.capitalize()
    return {
        f"backend/api/{name}/__init__.py": "",
        f"backend/api/{name}/schemas.py": (
            f"from pydantic import BaseModel\n\n\nclass {title}Out(BaseModel):\n    id: str\n"
        ),
        f"backend/api/{name}/routes.py": (
            "from fastapi import APIRouter\n\n"
            f"from backend.api.{name}.schemas import {title}Out\n\n"
            "router = APIRouter()\n\n\n"
            f'@router.get("/api/{name}s")\n'
            f"def list_{name}s() -> list[{title}Out]:\n    return []\n"
        ),
    }


PACKAGES = {
    "backend/__init__.py": "",
    "backend/api/__init__.py": "",
    **_package("vehicle"),
    **_package("block"),
    **_package("station"),
    "backend/main.py": (
        "from fastapi import FastAPI\n\n"
        "from backend.api.block.routes import router as block_router\n"
        "from backend.api.station.routes import router as station_router\n"
        "from backend.api.vehicle.routes import router as vehicle_router\n\n"
        "app = FastAPI()\n"
        "app.include_router(block_router)\n"
        "app.include_router(station_router)\n"
        "app.include_router(vehicle_router)\n"
    ),
}

SESSION = """# Auto schedule generation

## API

`POST /api/schedules/generate` builds a timetable for the whole network from an
interval and a time window.

## Stations

| Station | Platforms |
|---|---|
| S1 | P1A or P1B |
| S3 | P3A or P3B |
"""


def test_a_new_resources_route_gets_a_package_like_the_others(tmp_path: Path) -> None:
    planning, changes = planned_session(tmp_path, PACKAGES, SESSION, "auto-schedule-generation")
    assert planning.scope_result is not None
    for base in ("__init__", "routes", "schemas"):
        assert changes[f"backend/api/schedule/{base}.py"].action == CREATE, base
    included = changes["backend/main.py"]
    assert included.action == MODIFY
    # the station S3 brings no object store, no adapter, no package
    assert "s3" not in planning.scope_result.externals
    assert not [path for path in changes if "s3" in path or path.endswith(".toml")]


def test_s3_is_an_object_store_where_a_sentence_stores_in_it(tmp_path: Path) -> None:
    session = SESSION + "\nEach generated timetable is uploaded to an S3 bucket as JSON.\n"
    planning, _ = planned_session(tmp_path, PACKAGES, session, "auto-schedule-generation")
    assert planning.scope_result is not None
    assert "s3" in planning.scope_result.externals
