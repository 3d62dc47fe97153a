"""Controllers named after their resource (``interface/api/player_controller.py``)
are part of its slice, as routers are: a feature about players changes theirs."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import MODIFY

C = "src/league"


def _resource(name: str) -> dict[str, str]:
    kind = name.capitalize()
    return {
        f"{C}/domain/entities/{name}.py": f"class {kind}:\n    id: str\n",
        f"{C}/domain/repositories/{name}_repository.py": (
            "from typing import Protocol\n\n"
            f"from src.league.domain.entities.{name} import {kind}\n\n\n"
            f"class {kind}Repository(Protocol):\n    async def get(self, key: str) -> {kind}: ...\n"
        ),
        f"{C}/infrastructure/persistence/{name}_repository.py": (
            f"from src.league.domain.entities.{name} import {kind}\n\n\n"
            f"class Sql{kind}Repository:\n    async def get(self, key: str) -> {kind}:\n"
            f"        return {kind}()\n"
        ),
        f"{C}/interface/api/{name}_controller.py": (
            "from fastapi import APIRouter\n\n"
            f'router = APIRouter(prefix="/{name}s")\n\n\n'
            f'@router.get("/{{key}}")\nasync def get_{name}(key: str) -> dict:\n'
            "    return {}\n"
        ),
    }


TREE = {
    "src/__init__.py": "",
    **{
        f"{C}/{p}/__init__.py": ""
        for p in (
            "",
            "domain",
            "domain/entities",
            "domain/repositories",
            "infrastructure",
            "infrastructure/persistence",
            "interface",
            "interface/api",
        )
    },
    **_resource("player"),
    **_resource("match"),
    "src/main.py": (
        "from fastapi import FastAPI\n\n"
        "from src.league.interface.api import player_controller, match_controller\n\n"
        "app = FastAPI()\napp.include_router(player_controller.router)\n"
        "app.include_router(match_controller.router)\n"
    ),
}

SESSION = """# Player roster

Players browse the other players of their league: search by name, filter by team,
sort by join date. Each player shows a card with the player's name and team.
"""


def test_a_feature_about_a_resource_changes_its_controller(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, TREE, SESSION, "player-roster")
    assert changes[f"{C}/interface/api/player_controller.py"].action == MODIFY, sorted(changes)
    assert f"{C}/interface/api/match_controller.py" not in changes
