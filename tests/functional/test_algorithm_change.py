"""A session replacing how something is computed ("replace the solver with greedy
dispatch") changes the module named after it and the slice around it; an index in
the sense of a position ("the lowest index") does not make it a performance plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import planned_changes

from archbook.application.planning.offline.planner import PERFORMANCE_WORDS
from archbook.domain.plan import MODIFY

SCHEDULES = {
    "backend/__init__.py": "",
    "backend/main.py": (
        "from fastapi import FastAPI\n\n"
        "from backend.api.schedule.routes import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    "backend/api/__init__.py": "",
    "backend/api/schedule/__init__.py": "",
    "backend/api/schedule/schemas.py": (
        "from pydantic import BaseModel\n\n\nclass ScheduleOut(BaseModel):\n    trips: int\n"
    ),
    "backend/api/schedule/routes.py": (
        "from fastapi import APIRouter\n\n"
        "from backend.api.schedule.schemas import ScheduleOut\n"
        "from backend.application.schedule.schedule_service import ScheduleService\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/schedules/generate")\n'
        "def generate() -> ScheduleOut:\n"
        "    return ScheduleOut(trips=len(ScheduleService().generate()))\n"
    ),
    "backend/application/__init__.py": "",
    "backend/application/schedule/__init__.py": "",
    "backend/application/schedule/solver.py": (
        "def solve(interval: int) -> list[int]:\n    return list(range(0, 600, interval))\n"
    ),
    "backend/application/schedule/schedule_service.py": (
        "from backend.application.schedule.solver import solve\n\n\n"
        "class ScheduleService:\n"
        "    def generate(self) -> list[int]:\n        return solve(120)\n"
    ),
    "backend/domain/__init__.py": "",
    "backend/domain/vehicle.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Vehicle:\n    number: int\n"
    ),
}

SESSION = """# Greedy Schedule Solver

## Problem

The tiling solver fails for tight intervals: no repeating pattern fits.

## Solution

Replace the solver with greedy sequential dispatch: place one trip at a time, each on
the first free vehicle.

### Why it works

- **Always produces a result**: trips are only placed when conflict-free.
- **Deterministic**: ties go to the vehicle with the lowest index.
"""


def test_replacing_a_solver_changes_its_module_and_is_no_performance_plan(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, SCHEDULES, SESSION, "greedy-schedule-solver")
    assert changes["backend/application/schedule/solver.py"].action == MODIFY
    assert changes["backend/application/schedule/schedule_service.py"].action == MODIFY


@pytest.mark.parametrize(
    ("text", "slow"),
    [
        ("Add an index on threads.created_at", True),
        ("The listing misses indexes on the foreign keys", True),
        ("Two missing indexes make the listing crawl", True),
        ("a composite index speeds the query", True),
        ("ties go to the vehicle with the lowest index", False),
        ("variants are tried in index order", False),
    ],
)
def test_an_index_counts_in_the_databases_sense_only(text: str, slow: bool) -> None:
    assert bool(PERFORMANCE_WORDS.search(text)) is slow
