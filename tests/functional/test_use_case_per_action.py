"""A repository of one use-case class per action (``GetVideoUseCase`` in
``get_video.py``), tested by modules that add the role to the name
(``test_get_channel_use_case.py``) in a tree mirroring the application's, and routers
importing a schemas module of their own beside a common one: a new route's use case
is named for its action, tested where the mirror puts it, and described in the
router's own schemas."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.domain.plan import CREATE, MODIFY


def use_case(resource: str, action: str) -> str:
    title = resource.title()
    return (
        f"from app.domain.{resource}s import {title}Repository\n\n\n"
        f"class {action.title()}{title}UseCase:\n"
        f"    def __init__(self, repository: {title}Repository) -> None:\n"
        "        self.repository = repository\n\n"
        "    async def execute(self, key: int) -> object:\n"
        "        return await self.repository.get(key)\n"
    )


def use_case_test(resource: str, action: str) -> str:
    return (
        f"from app.application.{resource}s.use_cases.{action}_{resource} import "
        f"{action.title()}{resource.title()}UseCase\n\n\n"
        f"def test_{action}() -> None:\n    assert {action.title()}{resource.title()}UseCase\n"
    )


def repository(resource: str) -> str:
    return (
        f"from typing import Protocol\n\n\nclass {resource.title()}Repository(Protocol):\n"
        "    async def get(self, key: int) -> object: ...\n"
    )


TREE = {
    "app/__init__.py": "",
    "app/domain/__init__.py": "",
    "app/domain/videos.py": repository("video"),
    "app/domain/channels.py": repository("channel"),
    "app/application/__init__.py": "",
    "app/application/videos/__init__.py": "",
    "app/application/videos/use_cases/__init__.py": "",
    "app/application/videos/use_cases/get_video.py": use_case("video", "get"),
    "app/application/videos/use_cases/delete_video.py": use_case("video", "delete"),
    "app/application/channels/__init__.py": "",
    "app/application/channels/use_cases/__init__.py": "",
    "app/application/channels/use_cases/get_channel.py": use_case("channel", "get"),
    "app/application/channels/use_cases/create_channel.py": use_case("channel", "create"),
    "app/presentation/__init__.py": "",
    "app/presentation/schemas/__init__.py": "",
    "app/presentation/schemas/common.py": (
        "from pydantic import BaseModel\n\n\nclass ErrorSchema(BaseModel):\n    detail: str\n"
    ),
    "app/presentation/schemas/videos.py": (
        "from pydantic import BaseModel\n\n\nclass VideoSchema(BaseModel):\n    id: int\n"
    ),
    "app/presentation/handlers/__init__.py": "",
    "app/presentation/handlers/videos.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from app.application.videos.use_cases.delete_video import DeleteVideoUseCase\n"
        "from app.application.videos.use_cases.get_video import GetVideoUseCase\n"
        "from app.presentation.schemas.common import ErrorSchema\n"
        "from app.presentation.schemas.videos import VideoSchema\n\n"
        'router = APIRouter(prefix="/videos")\n\n\n'
        '@router.get("/{key}", response_model=VideoSchema, '
        "responses={404: {'model': ErrorSchema}})\n"
        "async def read(key: int, use_case: GetVideoUseCase = Depends()):\n"
        "    return await use_case.execute(key)\n\n\n"
        '@router.delete("/{key}")\n'
        "async def remove(key: int, use_case: DeleteVideoUseCase = Depends()):\n"
        "    return await use_case.execute(key)\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.presentation.handlers.videos import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    "tests/__init__.py": "",
    "tests/application/__init__.py": "",
    "tests/application/channels/__init__.py": "",
    "tests/application/channels/use_cases/__init__.py": "",
    "tests/application/channels/use_cases/test_get_channel_use_case.py": use_case_test(
        "channel", "get"
    ),
    "tests/application/channels/use_cases/test_create_channel_use_case.py": use_case_test(
        "channel", "create"
    ),
}


def test_a_new_route_s_use_case_is_named_for_its_action_and_tested_in_the_mirror(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    plan = planned(
        tmp_path,
        "# Video editing\n\n## Goal\n- Owners edit a video's title: "
        "`PATCH /videos/{video_id}` answers the video.\n",
        "video_editing",
    ).plan
    assert plan is not None
    changes = {c.path: c for c in plan.changes}
    created = changes["app/application/videos/use_cases/update_video.py"]
    assert created.action == CREATE and "UpdateVideoUseCase" in created.purpose
    tests = "tests/application/videos/use_cases/test_update_video_use_case.py"
    assert changes[tests].action == CREATE
    # the router's own schemas, not the common ones it also imports
    assert changes["app/presentation/schemas/videos.py"].action == MODIFY
    assert "app/presentation/schemas/common.py" not in changes
    # no role-named test module is made up for the router
    assert not [p for p in changes if p.startswith("tests/presentation/")]
