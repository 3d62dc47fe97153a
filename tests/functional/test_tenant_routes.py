"""An API whose every route starts with the tenant (``/{organization}/signals/...``)
and a session that writes some paths without it: those are the same routes, and a
new route on them joins their router and its module of functions."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.application.planning.context_session import with_tenant
from archbook.application.planning.scoping.scope import served_tenant
from archbook.domain.plan import MODIFY

TREE = {
    "app/__init__.py": "",
    "app/signal/__init__.py": "",
    "app/signal/models.py": (
        "from pydantic import BaseModel\n\n\nclass EngagementRead(BaseModel):\n    id: int\n"
    ),
    "app/signal/service.py": (
        "def get(key: int) -> dict:\n    return {'id': key}\n\n\n"
        "def get_engagement(key: int) -> dict:\n    return {'id': key}\n\n\n"
        "def create_engagement(body: dict) -> dict:\n    return body\n"
    ),
    "app/signal/views.py": (
        "from fastapi import APIRouter\n\n"
        "from app.signal.models import EngagementRead\n"
        "from app.signal.service import create_engagement, get, get_engagement\n\n"
        "router = APIRouter()\n\n\n"
        '@router.get("/{key}")\ndef read(key: int):\n    return get(key)\n\n\n'
        '@router.get("/engagements/{engagement_id}", response_model=EngagementRead)\n'
        "def read_engagement(engagement_id: int):\n    return get_engagement(engagement_id)\n\n\n"
        '@router.post("/engagements")\ndef add_engagement(body: dict):\n'
        "    return create_engagement(body)\n"
    ),
    "app/main.py": (
        "from fastapi import APIRouter, FastAPI\n\nfrom app.signal.views import router\n\n"
        'api = APIRouter(prefix="/api/v1")\n'
        'api.include_router(router, prefix="/{organization}/signals")\n'
        "app = FastAPI()\napp.include_router(api)\n"
    ),
}


def test_a_path_written_without_the_tenant_is_the_tenant_s_route(tmp_path: Path) -> None:
    write_tree(tmp_path, TREE)
    planning = planned(
        tmp_path,
        "# Engagement edits\n\n## Goal\n- `PUT /api/v1/signals/engagements/{engagement_id}` "
        "updates an engagement, answering it like `GET "
        "/api/v1/signals/engagements/{engagement_id}` does.\n",
        "engagement_edits",
    )
    assert planning.context.routes[0] == (
        "PUT",
        "/api/v1/{organization}/signals/engagements/{engagement_id}",
    )
    assert planning.plan is not None
    changes = {c.path: c for c in planning.plan.changes}
    assert changes["app/signal/views.py"].action == MODIFY
    service = changes["app/signal/service.py"]
    assert service.action == MODIFY and "update_engagement" in service.purpose


def test_the_tenant_goes_back_only_where_every_route_has_it_and_the_session_left_it_out() -> None:
    served = ["/api/v1/{org}/signals", "/api/v1/{org}/signals/{key}", "/api/v1/{org}/cases"]
    assert served_tenant(served, ["/api/v1/signals/{key}"]) == "{org}"
    assert served_tenant(served, ["/api/v1/{org}/signals/{key}"]) == ""  # written with it
    assert served_tenant([*served, "/health"], ["/health"]) == ""  # served as written
    assert with_tenant("/api/v1/signals/", "{org}") == "/api/v1/{org}/signals/"
    assert with_tenant("/api/v1/{org}/signals", "{org}") == "/api/v1/{org}/signals"
    assert with_tenant("/signals", "{org}") == "/{org}/signals"


def test_a_new_read_model_is_an_answer_s_shape_kept_where_the_router_s_answers_are(
    tmp_path: Path,
) -> None:
    """ "A new read model" is what the new route answers, no table; it goes to the
    module holding the router's response models (``signal/models.py``), which also
    holds the tables."""
    tree = dict(TREE)
    tree["app/signal/models.py"] = (
        "from pydantic import BaseModel\nfrom sqlalchemy import Column, Integer\n"
        "from sqlalchemy.orm import DeclarativeBase\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        'class Signal(Base):\n    __tablename__ = "signal"\n'
        "    id = Column(Integer, primary_key=True)\n\n\n"
        "class EngagementRead(BaseModel):\n    id: int\n"
    )
    write_tree(tmp_path, tree)
    planning = planned(
        tmp_path,
        "# Signal stats\n\n## Goal\n- `GET /api/v1/{organization}/signals/stats` counts "
        "the instances of an entity.\n- The four counts are optional integers in a new "
        "read model.\n",
        "signal_stats",
    )
    assert planning.scope_result is not None
    assert planning.scope_result.new_tables == ()
    assert planning.plan is not None
    changes = {c.path: c for c in planning.plan.changes}
    assert changes["app/signal/models.py"].action == MODIFY
    assert "response models" in changes["app/signal/models.py"].purpose
    assert not [p for p in changes if "/versions/" in p or p.startswith("app/read")]


def test_a_repository_port_given_an_unnamed_method_changes_it_and_its_adapters_only(
    tmp_path: Path,
) -> None:
    """ "The weeks repository port gets a new query": ``IWeeksRepository`` and what
    implements it change; the other port of its file, and that port's adapter, stay."""
    port = "    @abstractmethod\n    def get(self, key: int) -> object: ...\n"
    write_tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/domain/__init__.py": "",
            "app/domain/repositories.py": (
                "from abc import ABC, abstractmethod\n\n\n"
                f"class IWeeksRepository(ABC):\n{port}\n\n"
                f"class INotesRepository(ABC):\n{port}"
            ),
            "app/infrastructure/__init__.py": "",
            "app/infrastructure/orm_weeks.py": (
                "from app.domain.repositories import IWeeksRepository\n\n\n"
                "class ORMWeeksRepository(IWeeksRepository):\n"
                "    def get(self, key: int) -> object:\n        return key\n"
            ),
            "app/infrastructure/orm_notes.py": (
                "from app.domain.repositories import INotesRepository\n\n\n"
                "class ORMNotesRepository(INotesRepository):\n"
                "    def get(self, key: int) -> object:\n        return key\n"
            ),
        },
    )
    planning = planned(
        tmp_path,
        "# Week listing\n\n## Goal\n- The weeks repository port gets a new query that "
        "lists a user's weeks; implement it in the SQL adapter.\n",
        "week_listing",
    )
    assert planning.plan is not None
    changes = {c.path: c for c in planning.plan.changes}
    assert "`IWeeksRepository`" in changes["app/domain/repositories.py"].purpose
    assert changes["app/infrastructure/orm_weeks.py"].action == MODIFY
    assert "app/infrastructure/orm_notes.py" not in changes
