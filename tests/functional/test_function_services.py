"""Repositories whose use cases are functions, not classes, as the official
full-stack template and Netflix/dispatch write them: a new route gets a function in
the module its router's handlers already call (``crud.py``), or, where handlers do
the work themselves and the repository has no service class, a handler written like
its neighbours. No service class, container wiring or unit test of a class is
invented; the router's existing API tests grow."""

from __future__ import annotations

import re
from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.domain.plan import CREATE, MODIFY, Plan

DEPS = (
    "from typing import Annotated\n\nfrom fastapi import Depends\nfrom sqlmodel import Session\n\n"
    "def get_db():\n    yield None\n\n\ndef get_current_user():\n    return None\n\n\n"
    "SessionDep = Annotated[Session, Depends(get_db)]\n"
    "CurrentUser = Annotated[object, Depends(get_current_user)]\n"
)
CRUD = (
    "from sqlmodel import Session\n\n\n"
    "def create_user(*, session: Session, user_create: object) -> object:\n"
    "    return user_create\n\n\n"
    "def get_user_by_email(*, session: Session, email: str) -> object:\n    return None\n"
)
USERS = (
    "from fastapi import APIRouter\n\nfrom app import crud\nfrom app.api.deps import SessionDep\n\n"
    "router = APIRouter(prefix='/users')\n\n\n"
    "@router.post('/')\ndef create_user(session: SessionDep, user_in: dict) -> object:\n"
    "    return crud.create_user(session=session, user_create=user_in)\n\n\n"
    "@router.get('/by-email')\ndef by_email(session: SessionDep, email: str) -> object:\n"
    "    return crud.get_user_by_email(session=session, email=email)\n"
)
ITEMS = (
    "from fastapi import APIRouter\n\nfrom app.api.deps import CurrentUser, SessionDep\n\n"
    "router = APIRouter(prefix='/items')\n\n\n"
    "@router.get('/')\ndef read_items(session: SessionDep, current_user: CurrentUser, "
    "skip: int = 0) -> list:\n    return []\n"
)
TEMPLATE = {
    "backend/pyproject.toml": '[project]\nname = "app"\n',
    "backend/app/__init__.py": "",
    "backend/app/crud.py": CRUD,
    "backend/app/api/__init__.py": "",
    "backend/app/api/deps.py": DEPS,
    "backend/app/api/routes/__init__.py": "",
    "backend/app/api/routes/users.py": USERS,
    "backend/app/api/routes/items.py": ITEMS,
    "backend/tests/__init__.py": "",
    "backend/tests/conftest.py": "import pytest\n",
    "backend/tests/api/__init__.py": "",
    "backend/tests/api/routes/__init__.py": "",
    "backend/tests/api/routes/test_users.py": (
        "from app.api.routes import users\n\n\ndef test_users() -> None:\n    assert users\n"
    ),
    "backend/tests/crud/__init__.py": "",
    "backend/tests/crud/test_user.py": (
        "from app import crud\n\n\ndef test_create_user() -> None:\n    assert crud\n"
    ),
    "backend/tests/api/routes/test_items.py": (
        "from app.api.routes import items\n\n\ndef test_items() -> None:\n    assert items\n"
    ),
}


def plan_for(root: Path, requirement: str) -> Plan:
    write_tree(root, TEMPLATE)
    plan = planned(root, f"# Feature\n\n## Requirements\n\n- {requirement}\n").plan
    assert plan is not None
    return plan


def test_a_route_whose_router_calls_crud_gets_a_crud_function(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, "`POST /users/{user_id}/deactivate` deactivates a user.")
    changes = {c.path: c for c in plan.changes}
    assert {p: c.action for p, c in changes.items()} == {
        "backend/app/crud.py": MODIFY,
        "backend/app/api/routes/users.py": MODIFY,
        "backend/tests/api/routes/test_users.py": MODIFY,
        # the tests of crud.py that are about users
        "backend/tests/crud/test_user.py": MODIFY,
    }
    # the function is written like its neighbours: keyword-only, the session first
    assert changes["backend/app/crud.py"].code_sketch == (
        "def deactivate_user(*, session: Session) -> None:\n    ...\n"
    )
    # the handler calls it the way its neighbours call crud
    assert changes["backend/app/api/routes/users.py"].code_sketch == (
        '@router.post("/{user_id}/deactivate")\n'
        "def deactivate_user(session: SessionDep, user_id: str) -> None:\n"
        "    return crud.deactivate_user(session=session)\n"
    )
    assert plan.di_wiring == ()


def test_a_route_whose_neighbours_do_the_work_is_written_like_them(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, "`POST /items/{id}/archive` archives one of the caller's items.")
    changes = {c.path: c for c in plan.changes}
    assert {p: c.action for p, c in changes.items()} == {
        "backend/app/api/routes/items.py": MODIFY,
        "backend/tests/api/routes/test_items.py": MODIFY,
    }
    router = changes["backend/app/api/routes/items.py"]
    assert router.code_sketch.startswith(
        '@router.post("/{id}/archive")\n'
        "def archive_item(session: SessionDep, current_user: CurrentUser, id: str) -> None:"
    )
    assert any("keeps no service layer" in detail for detail in router.details)
    assert not [c for c in plan.changes if c.action == CREATE]


def test_a_router_without_api_tests_gets_them_beside_its_functions_tests(
    tmp_path: Path,
) -> None:
    """Netflix/dispatch tests its service functions per domain and its views not at
    all: the new API tests go beside the tests of the functions the router calls."""
    write_tree(tmp_path, {k: v for k, v in TEMPLATE.items() if not k.endswith("test_users.py")})
    session = "# F\n\n## Requirements\n\n- `POST /users/{user_id}/deactivate`.\n"
    plan = planned(tmp_path, session).plan
    assert plan is not None
    created = [c.path for c in plan.changes if c.action == CREATE]
    assert created == ["backend/tests/crud/test_f_api.py"]


DISPATCH_LIKE = {
    "pyproject.toml": '[project]\nname = "dispatch"\n',
    "src/dispatch/__init__.py": "",
    "src/dispatch/database.py": (
        "from typing import Annotated\n\nfrom fastapi import Depends\n"
        "from sqlalchemy.orm import Session\n\n\ndef get_db():\n    yield None\n\n\n"
        "DbSession = Annotated[Session, Depends(get_db)]\n"
    ),
    "src/dispatch/main.py": (
        "from fastapi import FastAPI\n\nfrom dispatch.api import api_router\n\n"
        "app = FastAPI()\napi = FastAPI()\napi.include_router(api_router)\n"
        'app.mount("/api/v1", app=api)\n'
    ),
    "src/dispatch/api.py": (
        "from fastapi import APIRouter\n\n"
        "from dispatch.incident.views import router as incident_router\n\n"
        "api_router = APIRouter()\n"
        'api_router.include_router(incident_router, prefix="/{organization}/incidents")\n'
    ),
    "src/dispatch/incident/__init__.py": "",
    "src/dispatch/incident/service.py": (
        "from sqlalchemy.orm import Session\n\n\n"
        "def get(*, db_session: Session, incident_id: int) -> object:\n    return None\n\n\n"
        "def get_all(*, db_session: Session) -> list:\n    return []\n"
    ),
    "src/dispatch/incident/views.py": (
        "from fastapi import APIRouter\n\nfrom dispatch.database import DbSession\n\n"
        "from .service import get, get_all\n\nrouter = APIRouter()\n\n\n"
        '@router.get("")\ndef get_incidents(db_session: DbSession) -> list:\n'
        "    return get_all(db_session=db_session)\n\n\n"
        '@router.get("/{incident_id}")\n'
        "def get_incident(db_session: DbSession, incident_id: int) -> object:\n"
        "    return get(db_session=db_session, incident_id=incident_id)\n"
    ),
}


def test_a_route_written_as_its_router_sees_it_joins_that_router_under_the_mount(
    tmp_path: Path,
) -> None:
    """Netflix/dispatch serves its routers under ``app.mount("/api/v1", app=api)``
    while a session writes paths as the routers do (``/{organization}/incidents/…``):
    the route still joins the incidents router, its decorator writes the path below
    the router's prefix, and the handler never shadows the service function it calls
    by name (``from .service import get``)."""
    write_tree(tmp_path, DISPATCH_LIKE)
    session = (
        "# Summary\n\n## Requirements\n\n"
        "- `GET /{organization}/incidents/{incident_id}/summary` returns a summary.\n"
    )
    plan = planned(tmp_path, session).plan
    assert plan is not None
    changes = {c.path: c for c in plan.changes}
    assert {p: c.action for p, c in changes.items() if c.layer != "tests"} == {
        "src/dispatch/incident/views.py": MODIFY,
        "src/dispatch/incident/service.py": MODIFY,
    }
    sketch = changes["src/dispatch/incident/views.py"].code_sketch
    assert sketch.startswith('@router.get("/{incident_id}/summary")\n')
    handler = re.search(r"def (\w+)\(", sketch)
    called = re.search(r"return (\w+)\(", sketch)
    assert handler and called and handler.group(1) != called.group(1)
    assert f"def {called.group(1)}(*, db_session: Session" in (
        changes["src/dispatch/incident/service.py"].code_sketch
    )


def test_a_new_router_where_every_handler_does_the_work_does_it_too(tmp_path: Path) -> None:
    """No service class and no module of use-case functions anywhere: the first route
    of a new resource gets a router of its own whose handler does the work, like the
    others', and no service layer is invented for it."""
    handler = (
        "from fastapi import APIRouter\n\nfrom app.db import Session\n\n"
        'router = APIRouter(prefix="/{name}s")\n\n\n'
        '@router.get("/{{key}}")\ndef read(key: int, session: Session):\n'
        "    return session.get(key)\n\n\n"
        '@router.post("")\ndef create(body: dict, session: Session):\n'
        "    return session.add(body)\n"
    )
    write_tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/db.py": "class Session:\n    def get(self, key): ...\n    def add(self, x): ...\n",
            "app/api/__init__.py": "",
            "app/api/items.py": handler.format(name="item"),
            "app/api/users.py": handler.format(name="user"),
            "app/main.py": (
                "from fastapi import FastAPI\n\nfrom app.api import items, users\n\n"
                "app = FastAPI()\napp.include_router(items.router)\n"
                "app.include_router(users.router)\n"
            ),
        },
    )
    plan = planned(
        tmp_path, "# Tags\n\n## Requirements\n\n- `POST /tags` stores a tag.\n", "tags"
    ).plan
    assert plan is not None
    created = [c.path for c in plan.changes if c.action == CREATE]
    assert "app/api/tags.py" in created
    assert not [p for p in created if "service" in p]
    assert plan.di_wiring == ()
