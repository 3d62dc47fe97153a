"""Controllers named after their resource (``interface/api/member_controller.py``)
are part of its slice, as routers are: a feature about members changes theirs."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import MODIFY

C = "src/club"


def _resource(name: str) -> dict[str, str]:
    kind = name.capitalize()
    return {
        f"{C}/domain/entities/{name}.py": f"class {kind}:\n    id: str\n",
        f"{C}/domain/repositories/{name}_repository.py": (
            "from typing import Protocol\n\n"
            f"from src.club.domain.entities.{name} import {kind}\n\n\n"
            f"class {kind}Repository(Protocol):\n    async def get(self, key: str) -> {kind}: ...\n"
        ),
        f"{C}/infrastructure/persistence/{name}_repository.py": (
            f"from src.club.domain.entities.{name} import {kind}\n\n\n"
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
    **_resource("member"),
    **_resource("post"),
    "src/main.py": (
        "from fastapi import FastAPI\n\n"
        "from src.club.interface.api import member_controller, post_controller\n\n"
        "app = FastAPI()\napp.include_router(member_controller.router)\n"
        "app.include_router(post_controller.router)\n"
    ),
}

SESSION = """# Member directory

Members browse the other members of their club: search by name, filter by role,
sort by join date. Each member shows a card with the member's name and role.
"""


def test_a_feature_about_a_resource_changes_its_controller(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, TREE, SESSION, "member-directory")
    assert changes[f"{C}/interface/api/member_controller.py"].action == MODIFY, sorted(changes)
    assert f"{C}/interface/api/post_controller.py" not in changes
