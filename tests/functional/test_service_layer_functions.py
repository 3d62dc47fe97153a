"""A service layer of plain functions beside a class of another resource, routes
served without the ``/api`` prefix the session writes, a repository that cannot yet
do what a new route asks, API tests kept in their own folder, and a dishka provider
per role with a use-case file already laid out empty: what a plan makes of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import planned, write_tree

from archbook.domain.plan import CREATE, MODIFY, FileChange


def changes_of(
    root: Path, tree: dict[str, str], session: str, feature: str
) -> dict[str, FileChange]:
    """The validated offline plan of ``session`` on ``tree`` written at ``root``, by path."""
    write_tree(root, tree)
    plan = planned(root, session, feature).plan
    assert plan is not None
    return {c.path: c for c in plan.changes}


POSTS = {
    "app/__init__.py": "",
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.posts import router as posts_router\n\n"
        "app = FastAPI()\napp.include_router(posts_router)\n"
    ),
    "app/api/__init__.py": "",
    "app/api/posts.py": (
        "from fastapi import APIRouter\n\n"
        "from app.service_layer.posts.services import create_post, get_post\n"
        "from app.service_layer.replies.services import ReplyService\n\n"
        'router = APIRouter(prefix="/posts")\n\n\n'
        '@router.post("")\nasync def create(body: dict):\n    return await create_post(body)\n\n\n'
        '@router.get("/{slug}")\nasync def read(slug: str):\n    return await get_post(slug)\n\n\n'
        '@router.get("/{slug}/replies")\nasync def replies(slug: str):\n'
        "    return await ReplyService().list(slug)\n"
    ),
    "app/service_layer/__init__.py": "",
    "app/service_layer/posts/services.py": (
        "from app.adapters.repository.posts import PostRepository\n\n\n"
        "async def create_post(body: dict) -> dict:\n"
        "    return await PostRepository().add(body)\n\n\n"
        "async def get_post(slug: str) -> dict:\n"
        "    return await PostRepository().get_by_slug(slug)\n"
    ),
    "app/service_layer/replies/services.py": (
        "class ReplyService:\n    async def list(self, slug: str) -> list:\n        return []\n"
    ),
    "app/adapters/__init__.py": "",
    "app/adapters/repository/__init__.py": "",
    "app/adapters/repository/posts.py": (
        "class PostRepository:\n"
        "    async def add(self, body: dict) -> dict:\n        return body\n\n"
        "    async def get_by_slug(self, slug: str) -> dict:\n        return {}\n"
    ),
    "app/domain/__init__.py": "",
    "app/domain/posts/__init__.py": "",
    "app/domain/posts/models.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Post:\n    slug: str\n"
    ),
    "tests/__init__.py": "",
    "tests/integration/__init__.py": "",
    "tests/integration/test_posts.py": (
        "def test_read(client) -> None:\n    assert client.get('/posts/x').status_code == 200\n"
    ),
    "tests/unit/__init__.py": "",
    "tests/unit/test_reply_service.py": (
        "from app.service_layer.replies.services import ReplyService\n\n\n"
        "def test_list() -> None:\n    assert ReplyService\n"
    ),
}


def test_a_function_service_layer_takes_the_new_use_case_of_its_resource(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, POSTS)
    session = planned(
        tmp_path,
        "# Delete a post\n\n## Goal\n- The author deletes a post: `DELETE /api/posts/{slug}`."
        " Answers 204, 403 for anyone else.\n",
        "delete_post",
    )
    plan = session.plan
    assert plan is not None
    changes = {c.path: c for c in plan.changes}
    # the session's /api prefix is served by no router: the route joins /posts
    assert changes["app/api/posts.py"].action == MODIFY
    assert not [p for p in changes if p.startswith("app/api/") and p != "app/api/posts.py"]
    sketch = changes["app/api/posts.py"].code_sketch
    assert '@router.delete("/{slug}"' in sketch and "/api" not in sketch
    # the posts functions take it, not the router's class of another resource
    assert "delete_post" in changes["app/service_layer/posts/services.py"].purpose
    assert "app/service_layer/replies/services.py" not in changes
    # nothing deletes a post yet
    repository = changes["app/adapters/repository/posts.py"]
    assert repository.action == MODIFY and "gains `delete`" in repository.purpose
    # the router's API tests, in their own folder
    assert changes["tests/integration/test_posts.py"].action == MODIFY
    assert not [p for p in changes if p.endswith("_api.py")]


def test_an_update_route_is_named_for_updating_and_finds_the_update_there(
    tmp_path: Path,
) -> None:
    tree = dict(POSTS)
    tree["app/adapters/repository/posts.py"] += (
        "\n    async def update(self, body: dict) -> dict:\n        return body\n"
    )
    changes = changes_of(
        tmp_path,
        tree,
        "# Edit a post\n\n## Goal\n- The author edits a post: `PUT /posts/{slug}`.\n",
        "edit_post",
    )
    assert "update_post" in changes["app/service_layer/posts/services.py"].purpose
    assert "app/adapters/repository/posts.py" not in changes  # it updates already


def use_case(name: str) -> str:
    return (
        "from app.domain.rooms import RoomStore\n\n\n"
        f"class {name}:\n    def __init__(self, store: RoomStore) -> None:\n"
        "        self.store = store\n\n    async def __call__(self, key: str) -> None:\n"
        "        return None\n"
    )


ROOMS = {
    "app/__init__.py": "",
    "app/domain/__init__.py": "",
    "app/domain/rooms.py": (
        "from typing import Protocol\n\n\nclass RoomStore(Protocol):\n"
        "    async def get(self, key: str) -> object: ...\n"
    ),
    "app/application/__init__.py": "",
    "app/application/usecase/__init__.py": "",
    "app/application/usecase/rooms/__init__.py": "",
    "app/application/usecase/rooms/create_room.py": use_case("CreateRoomUseCase"),
    "app/application/usecase/rooms/get_room.py": use_case("GetRoomUseCase"),
    "app/application/usecase/rooms/delete_room.py": "",
    "app/application/usecase/hotels/__init__.py": "",
    "app/application/usecase/hotels/get_hotel.py": use_case("GetHotelUseCase"),
    "app/infrastructure/__init__.py": "",
    "app/infrastructure/stores.py": (
        "from app.domain.rooms import RoomStore\n\n\nclass SqlRoomStore(RoomStore):\n"
        "    async def get(self, key: str) -> object:\n        return key\n"
    ),
    "app/infrastructure/settings.py": "class Settings:\n    url = ''\n",
    "app/infrastructure/di/__init__.py": "",
    # the adapters' provider comes first; the use cases have their own
    "app/infrastructure/di/adapters.py": (
        "from dishka import Provider, Scope, provide\n\n"
        "from app.infrastructure.settings import Settings\n"
        "from app.infrastructure.stores import SqlRoomStore\n\n\n"
        "class AdaptersProvider(Provider):\n"
        "    settings = provide(Settings, scope=Scope.APP)\n"
        "    rooms = provide(SqlRoomStore, scope=Scope.REQUEST)\n"
    ),
    "app/infrastructure/di/usecase.py": (
        "from dishka import Provider, Scope, provide\n\n"
        "from app.application.usecase.hotels.get_hotel import GetHotelUseCase\n"
        "from app.application.usecase.rooms.create_room import CreateRoomUseCase\n"
        "from app.application.usecase.rooms.get_room import GetRoomUseCase\n\n\n"
        "class UseCaseProvider(Provider):\n"
        "    scope = Scope.REQUEST\n"
        "    create_room = provide(CreateRoomUseCase)\n"
        "    get_room = provide(GetRoomUseCase)\n"
        "    get_hotel = provide(GetHotelUseCase)\n"
    ),
    "app/web/__init__.py": "",
    "app/web/rooms.py": (
        "from dishka.integrations.fastapi import FromDishka, inject\n"
        "from fastapi import APIRouter\n\n"
        "from app.application.usecase.rooms.get_room import GetRoomUseCase\n\n"
        'router = APIRouter(prefix="/rooms")\n\n\n'
        '@router.get("/{room_id}")\n@inject\n'
        "async def read(room_id: str, use_case: FromDishka[GetRoomUseCase]):\n"
        "    return await use_case(room_id)\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.web.rooms import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}


@pytest.mark.parametrize(
    ("content", "note"),
    [
        ("", "exists, empty"),
        # a "to implement" docstring and no code (a French story spec's stub module)
        ('"""TODO: à implémenter."""\n', "holds no code yet"),
    ],
)
def test_a_use_case_file_laid_out_empty_is_filled_and_provided_with_the_use_cases(
    tmp_path: Path, content: str, note: str
) -> None:
    changes = changes_of(
        tmp_path,
        {**ROOMS, "app/application/usecase/rooms/delete_room.py": content},
        "# Delete a room\n\n## Goal\n- Staff remove a room: `DELETE /rooms/{room_id}`.\n",
        "delete_room",
    )
    filled = changes["app/application/usecase/rooms/delete_room.py"]
    assert filled.action == MODIFY and note in filled.purpose
    assert changes["app/infrastructure/di/usecase.py"].action == MODIFY
    assert "app/infrastructure/di/adapters.py" not in changes
    assert not [p for p, c in changes.items() if c.action == CREATE and "/usecase/" in p]


ACCOUNTS = {
    "todo/__init__.py": "",
    "todo/core/__init__.py": "",
    "todo/core/accounts/__init__.py": "",
    "todo/core/accounts/services/__init__.py": "",
    # a module of use-case functions named after its resource
    "todo/core/accounts/services/user_service.py": (
        "async def register(email: str, password: str) -> dict:\n"
        "    return {'email': email}\n\n\n"
        "async def get_by_id(user_id: int) -> dict:\n    return {'id': user_id}\n"
    ),
    "todo/core/accounts/services/exceptions.py": (
        "class EmailNotUniqueError(Exception):\n    def as_dict(self) -> dict:\n        return {}\n"
    ),
    "todo/api/__init__.py": "",
    "todo/api/account/__init__.py": "",
    "todo/api/account/user.py": (
        "from fastapi import APIRouter\n\n"
        "from todo.core.accounts.services import user_service\n"
        "from todo.core.accounts.services.exceptions import EmailNotUniqueError\n\n"
        'router = APIRouter(prefix="/account/user")\n\n\n'
        '@router.post("")\nasync def register_user(email: str, password: str) -> dict:\n'
        "    try:\n        return await user_service.register(email, password)\n"
        "    except EmailNotUniqueError:\n        raise\n\n\n"
        '@router.get("/{user_id}")\nasync def read_user(user_id: int) -> dict:\n'
        "    return await user_service.get_by_id(user_id)\n"
    ),
    "todo/main.py": (
        "from fastapi import FastAPI\n\nfrom todo.api.account.user import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    # pytest's ``*_test.py`` naming; two modules called user_test.py
    "tests/__init__.py": "",
    "tests/unit/core/accounts/services/user_service_test.py": (
        "from todo.core.accounts.services import user_service\n\n\n"
        "def test_register() -> None:\n    assert user_service.register\n"
    ),
    "tests/unit/core/accounts/entities/user_test.py": "def test_user() -> None:\n    pass\n",
    "tests/integration/api/account/user_test.py": (
        "from todo.main import app\n\n\ndef test_register() -> None:\n    assert app\n"
    ),
}
LOGIN = """# Log in

## Goal
Registered users log in: `POST /account/user/token` with their email and password
answers a bearer token. The username is the email.

## Rules
- Wrong email or password: 401.
"""


def test_a_resource_module_of_functions_and_its_tests_take_a_new_endpoint(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, ACCOUNTS)
    session = planned(tmp_path, LOGIN, "user_login")
    scope = session.scope_result
    assert scope is not None and scope.externals == ()  # an email address, no mail system
    plan = session.plan
    assert plan is not None
    changes = {c.path: c for c in plan.changes}
    assert "function" in changes["todo/core/accounts/services/user_service.py"].purpose
    # an exception class is no service to extend, nor a name to give a new one
    assert not [p for p in changes if "error" in p]
    assert changes["tests/unit/core/accounts/services/user_service_test.py"].action == MODIFY
    # the API tests of the router: the user_test.py under the same folders as it
    assert changes["tests/integration/api/account/user_test.py"].action == MODIFY
    assert "pyproject.toml" not in changes


def test_changing_what_an_existing_endpoint_does_changes_the_use_case_it_calls(
    tmp_path: Path,
) -> None:
    changes = changes_of(
        tmp_path,
        POSTS,
        "# Post summaries\n\n## Goal\n- `GET /posts/{slug}` answers the post with a short "
        "summary of its body, cut at 200 characters.\n",
        "post_summary",
    )
    assert changes["app/api/posts.py"].action == MODIFY
    service = changes["app/service_layer/posts/services.py"]
    assert service.action == MODIFY and "GET /posts/{slug}" in service.purpose


def layered(resource: str) -> dict[str, str]:
    """One resource's files in a layered repository: model, repository, schema, service
    (its work inherited from the shared base) and router."""
    cls = resource.capitalize()
    return {
        f"shop/models/{resource}_model.py": f"class {cls}:\n    id: int\n",
        f"shop/repositories/{resource}_repository.py": (
            "from shop.repositories.base_repository import BaseRepository\n\n\n"
            f"class {cls}Repository(BaseRepository):\n    pass\n"
        ),
        f"shop/schema/{resource}_schema.py": f"class {cls}Out:\n    id: int\n",
        f"shop/services/{resource}_service.py": (
            "from shop.services.base_service import BaseService\n\n\n"
            f"class {cls}Service(BaseService):\n"
            "    def __init__(self, repository: object) -> None:\n"
            "        super().__init__(repository)\n"
        ),
        f"shop/endpoints/{resource}.py": (
            "from fastapi import APIRouter\n\n"
            f"from shop.services.{resource}_service import {cls}Service\n\n"
            f'router = APIRouter(prefix="/{resource}")\n\n\n'
            f'@router.get("")\ndef list_{resource}s():\n    return {cls}Service(None).all()\n'
        ),
    }


LAYERED = {
    "shop/__init__.py": "",
    "shop/repositories/base_repository.py": (
        "class BaseRepository:\n    def all(self) -> list:\n        return []\n"
    ),
    "shop/services/base_service.py": (
        "class BaseService:\n    def __init__(self, repository: object) -> None:\n"
        "        self.repository = repository\n\n"
        "    def all(self) -> list:\n        return []\n"
    ),
    **layered("item"),
    **layered("order"),
    "shop/models/tag_model.py": "class Tag:\n    id: int\n",
    "shop/endpoints/routes.py": (
        "from fastapi import APIRouter\n\nfrom shop.endpoints.item import router as items\n"
        "from shop.endpoints.order import router as orders\n\nrouters = APIRouter()\n"
        "routers.include_router(items)\nrouters.include_router(orders)\n"
    ),
    "shop/main.py": (
        "from fastapi import FastAPI\n\nfrom shop.endpoints.routes import routers\n\n"
        "app = FastAPI()\napp.include_router(routers)\n"
    ),
}


def test_a_model_given_its_first_endpoints_gets_the_files_its_neighbours_have(
    tmp_path: Path,
) -> None:
    changes = changes_of(
        tmp_path,
        LAYERED,
        "# Tag endpoints\n\n## Goal\nExpose the existing Tag model like items: "
        "`GET /tag` and `POST /tag`, with a repository and a service for tags.\n",
        "tag_endpoints",
    )
    # named after the resource, as the services here are (their work inherited)
    assert changes["shop/services/tag_service.py"].action == CREATE
    assert "`TagService`" in changes["shop/services/tag_service.py"].purpose
    assert changes["shop/endpoints/tag.py"].action == CREATE
    for path in ("shop/repositories/tag_repository.py", "shop/schema/tag_schema.py"):
        assert changes[path].action == CREATE, path
    assert "shop/models/tag_model.py" not in [p for p, c in changes.items() if c.action == CREATE]


def test_a_relation_action_is_named_for_it_in_a_services_module_of_one_function(
    tmp_path: Path,
) -> None:
    tree = {
        "app/__init__.py": "",
        "app/main.py": (
            "from fastapi import FastAPI\n\nfrom app.api.profiles import router\n\n"
            "app = FastAPI()\napp.include_router(router)\n"
        ),
        "app/api/__init__.py": "",
        "app/api/profiles.py": (
            "from fastapi import APIRouter\n\n"
            "from app.service_layer.profiles.services import get_profile\n\n"
            'router = APIRouter(prefix="/profiles")\n\n\n'
            '@router.get("/{username}")\nasync def read(username: str) -> dict:\n'
            "    return await get_profile(username)\n"
        ),
        "app/service_layer/__init__.py": "",
        # one function, in a module named only for use cases
        "app/service_layer/profiles/services.py": (
            "async def get_profile(username: str) -> dict:\n    return {}\n"
        ),
        "app/domain/__init__.py": "",
        "app/domain/profiles.py": (
            "from dataclasses import dataclass\n\n\n@dataclass\nclass Profile:\n    username: str\n"
        ),
    }
    changes = changes_of(
        tmp_path,
        tree,
        "# Follow\n\n## Goal\n- `POST /profiles/{username}/follow` follows a user and "
        "`DELETE /profiles/{username}/follow` stops following them.\n",
        "follow_user",
    )
    service = changes["app/service_layer/profiles/services.py"]
    assert "`follow_profile`, `unfollow_profile`" in service.purpose
    # following is no state change of the profile itself
    assert "app/domain/profiles.py" not in changes


def test_endpoints_named_by_their_path_alone_change_with_their_use_cases(
    tmp_path: Path,
) -> None:
    changes = changes_of(
        tmp_path,
        POSTS,
        "# Private posts\n\n## Goal\nEvery `/posts` endpoint now requires a bearer token; "
        "without one it answers 401.\n",
        "private_posts",
    )
    assert changes["app/api/posts.py"].action == MODIFY
    assert "under `/posts`" in changes["app/api/posts.py"].purpose
    assert changes["app/service_layer/posts/services.py"].action == MODIFY


def posts_answering_post_out(declared: tuple[str, str]) -> dict[str, str]:
    """``POSTS`` with a ``PostOut`` schema that ``GET /posts/{slug}`` answers with, as
    ``declared`` (the handler's text, and what it becomes) says."""
    tree = dict(POSTS)
    tree["app/domain/posts/schemas.py"] = (
        "from pydantic import BaseModel\n\n\nclass PostOut(BaseModel):\n    slug: str\n"
    )
    tree["app/api/posts.py"] = (
        tree["app/api/posts.py"]
        .replace(
            "from fastapi import APIRouter\n",
            "from fastapi import APIRouter\n\nfrom app.domain.posts.schemas import PostOut\n",
        )
        .replace(*declared)
    )
    assert declared[1] in tree["app/api/posts.py"]
    return tree


def test_an_existing_endpoint_whose_answers_change_changes_its_response_model(
    tmp_path: Path,
) -> None:
    tree = posts_answering_post_out(
        ('@router.get("/{slug}")', '@router.get("/{slug}", response_model=PostOut)')
    )
    session = (
        "# Authors\n\n## Goal\n`GET /posts/{slug}` answers who wrote the post: its "
        "response includes the author's name.\n"
    )
    changes = changes_of(tmp_path, tree, session, "post_author")
    assert "app/service_layer/posts/services.py" in changes
    assert "answers" in changes["app/domain/posts/schemas.py"].purpose
    # an endpoint whose answers the session leaves alone keeps its model
    tree_path = tmp_path / "again"
    unchanged = changes_of(
        tree_path, tree, "# Faster\n\n## Goal\n`GET /posts/{slug}` is cached.\n", "cache"
    )
    assert "app/domain/posts/schemas.py" not in unchanged


def test_answers_said_to_change_in_spanish_change_the_annotated_response_model(
    tmp_path: Path,
) -> None:
    """The model a handler's return annotation names is its response model, and "las
    respuestas (...) devuelven" says the answers change."""
    tree = posts_answering_post_out(
        ("async def read(slug: str):", "async def read(slug: str) -> PostOut:")
    )
    session = (
        "# Autores\n\n## Objetivo\nLas respuestas de las publicaciones (`GET /posts/{slug}`, "
        "listados y detalle) devuelven también el nombre del autor como texto.\n"
    )
    changes = changes_of(tmp_path, tree, session, "post_author")
    assert "answers" in changes["app/domain/posts/schemas.py"].purpose


def test_an_endpoint_and_a_use_case_laid_out_as_stubs_are_built_where_they_stand(
    tmp_path: Path,
) -> None:
    tree = dict(ROOMS)
    tree["app/application/usecase/rooms/update_room.py"] = (
        "from app.domain.rooms import RoomStore\n\n\nclass UpdateRoomUseCase:\n"
        "    def __init__(self, store: RoomStore) -> None:\n        self.store = store\n\n"
        '    async def __call__(self, key: str) -> None:\n        """Later."""\n'
        "        raise NotImplementedError\n"
    )
    tree["app/web/rooms.py"] += (
        '\n\n@router.patch("/{room_id}")\n@inject\n'
        "async def update(room_id: str, use_case: FromDishka[GetRoomUseCase]): ...\n"
    )
    write_tree(tmp_path, tree)
    planning = planned(
        tmp_path,
        "# Update a room\n\n## Goal\n- Staff edit a room: `PATCH /rooms/{room_id}`, "
        "answering the room (`GET /rooms/{room_id}` stays as it is).\n",
        "update_room",
    )
    assert planning.plan is not None
    changes = {c.path: c for c in planning.plan.changes}
    filled = changes["app/application/usecase/rooms/update_room.py"]
    assert filled.action == MODIFY and "stub methods" in filled.purpose
    assert changes["app/web/rooms.py"].action == MODIFY
    assert changes["app/infrastructure/di/usecase.py"].action == MODIFY
    assert not [p for p, c in changes.items() if c.action == CREATE and "/usecase/" in p]
    details = "\n".join(planning.scope().details)
    assert "PATCH /rooms/{room_id}, still a stub" in details


def test_a_route_doing_its_work_is_served_whatever_its_use_case_holds(tmp_path: Path) -> None:
    tree = dict(ROOMS)
    tree["app/application/usecase/rooms/get_room.py"] = (
        "from app.domain.rooms import RoomStore\n\n\nclass GetRoomUseCase:\n"
        "    def __init__(self, store: RoomStore) -> None:\n        self.store = store\n\n"
        "    async def __call__(self, key: str) -> object:\n        ...\n"
    )
    write_tree(tmp_path, tree)
    planning = planned(
        tmp_path,
        "# Room reads\n\n## Goal\n- `GET /rooms/{room_id}` answers 404 for a room that "
        "does not exist.\n",
        "room_reads",
    )
    details = "\n".join(planning.scope().details)
    assert "serves GET /rooms/{room_id}" in details and "stub" not in details


def test_unnamed_new_settings_change_the_settings_module_and_an_e_mail_sends_nothing(
    tmp_path: Path,
) -> None:
    """ "Novas configurações" are settings the feature reads, even unnamed (so no example
    environment to document them in); activation "por e-mail" names a way, not a mail
    system to connect."""
    tree = dict(ACCOUNTS)
    tree["todo/config.py"] = (
        "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
        "    debug: bool = False\n\n\nsettings = Settings()\n"
    )
    tree[".env.example"] = "DEBUG=false\n"
    write_tree(tmp_path, tree)
    session = planned(
        tmp_path,
        "# Código de convite\n\n## Regras\n- O cadastro (`POST /account/user`) aceita um "
        "código de convite.\n- Novas configurações: exigir ativação; métodos de ativação "
        "por e-mail ou por código.\n",
        "invitation_code",
    )
    assert session.scope_result is not None and session.scope_result.externals == ()
    assert session.plan is not None
    changes = {c.path: c for c in session.plan.changes}
    assert changes["todo/config.py"].action == MODIFY
    assert ".env.example" not in changes and "pyproject.toml" not in changes


def test_a_service_module_kept_for_code_to_come_is_filled_and_re_exported(
    tmp_path: Path,
) -> None:
    """A flat layered app whose ``services`` package re-exports its services keeps a
    module with a "to implement" docstring for the service a story spec brings: the
    plan fills it and has the package re-export it, as it would a new module."""
    files = {
        "app/__init__.py": "",
        "app/main.py": "from fastapi import FastAPI\n\nfrom app.api.routes import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n",
        "app/api/__init__.py": "",
        "app/api/routes.py": (
            "from fastapi import APIRouter\n\nfrom app.services import SearchService\n\n"
            "router = APIRouter()\n\n\n@router.post('/search')\n"
            "async def search() -> dict:\n    return await SearchService().search()\n"
        ),
        "app/services/__init__.py": (
            '"""Exports services."""\n\nfrom app.services.search_service import SearchService'
            '\n\n__all__ = ["SearchService"]\n'
        ),
        "app/services/search_service.py": (
            "class SearchService:\n    async def search(self) -> dict:\n        return {}\n"
        ),
        "app/services/proxy_service.py": '"""TODO: à implémenter."""\n',
    }
    changes = changes_of(
        tmp_path,
        files,
        "# Proxies\n\n## Besoin\n\n- **Rotation**: un `ProxyService` gère le pool de "
        "proxies et leur rotation.\n",
        "proxies",
    )
    assert changes["app/services/proxy_service.py"].action == MODIFY
    exported = changes["app/services/__init__.py"]
    assert exported.action == MODIFY and "proxy_service.py" in exported.purpose
