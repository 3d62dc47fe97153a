"""Sessions written for a tracker's tickets (``EPIC-005-…``, ``NEWS-1``) in repositories
that keep a router per resource with model modules named after it, a service per
router, or a module holding a router's use cases: the ticket key names nothing, a new
router gets its own services and models, and an endpoint named by its action alone
("a Logout endpoint") goes beside its kin."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import planned, planned_changes, write_tree

from archbook.application.planning.naming import (
    feature_words,
    plural,
    singular,
    without_ticket_keys,
)
from archbook.application.planning.session_text import unnamed_endpoints
from archbook.domain.plan import CREATE, MODIFY

# A router per resource in ``api/v1``, the request and response models of each in
# ``api/schemas/<router>_request.py`` and ``…_response.py``, one service per router.
PER_ROUTER = {
    "app/__init__.py": "",
    "app/api/__init__.py": "",
    "app/api/schemas/__init__.py": "",
    "app/api/schemas/lookup_request.py": (
        "from pydantic import BaseModel\n\n\nclass LookupRequest(BaseModel):\n    text: str\n"
    ),
    "app/api/schemas/lookup_response.py": (
        "from pydantic import BaseModel\n\n\nclass LookupResponse(BaseModel):\n    hits: int\n"
    ),
    "app/api/v1/__init__.py": "",
    "app/api/v1/lookup.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from app.api.schemas.lookup_request import LookupRequest\n"
        "from app.api.schemas.lookup_response import LookupResponse\n"
        "from app.services.sign_in_service import SignInService\n"
        "from app.dependencies import get_sign_in_service\n\n"
        'router = APIRouter(prefix="/lookup")\n\n\n'
        '@router.post("", response_model=LookupResponse)\n'
        "def lookup(body: LookupRequest, service: SignInService = "
        "Depends(get_sign_in_service)) -> LookupResponse:\n"
        "    return LookupResponse(hits=0)\n"
    ),
    "app/api/v1/signin.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from app.services.sign_in_service import SignInService\n"
        "from app.dependencies import get_sign_in_service\n\n"
        'router = APIRouter(prefix="/signin")\n\n\n'
        '@router.post("/start")\n'
        "def start(service: SignInService = Depends(get_sign_in_service)) -> dict:\n"
        "    return service.start()\n"
    ),
    "app/api/v1/router.py": (
        "from fastapi import APIRouter\n\n"
        "from app.api.v1 import lookup, signin\n\n"
        'api_router = APIRouter(prefix="/api/v1")\n'
        "api_router.include_router(lookup.router)\n"
        "api_router.include_router(signin.router)\n"
    ),
    "app/services/__init__.py": "",
    "app/services/sign_in_service.py": (
        "class SignInService:\n    def start(self) -> dict:\n        return {}\n"
    ),
    "app/dependencies.py": (
        "from app.services.sign_in_service import SignInService\n\n\n"
        "def get_sign_in_service() -> SignInService:\n    return SignInService()\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.v1.router import api_router\n\n"
        "app = FastAPI()\napp.include_router(api_router)\n"
    ),
}

TICKET = (
    "# EPIC-007: Informe del director\n\n"
    "## Tareas\n"
    "- REP-01 — Endpoint `POST /api/v1/report/run`\n"
    "- REP-02 — Endpoint `GET /api/v1/report/latest`\n"
)


def test_a_new_router_gets_models_and_a_service_named_after_it_not_after_the_ticket(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, PER_ROUTER, TICKET, "EPIC-007-informe-director")
    assert changes["app/api/v1/report.py"].action == CREATE
    # the models of the new router, named as `lookup.py`'s are
    assert changes["app/api/schemas/report_request.py"].action == CREATE
    assert changes["app/api/schemas/report_response.py"].action == CREATE
    # a service per router (`SignInService` beside `signin.py`): `ReportService`
    assert changes["app/services/report_service.py"].action == CREATE
    assert not any("epic" in path.lower() for path in changes)


# The routes of accounts call a module holding several use cases; the news' use cases
# have a file each.
USE_CASE_MODULE = {
    "src/__init__.py": "",
    "src/application/__init__.py": "",
    "src/application/use_cases/__init__.py": "",
    "src/application/use_cases/account_use_cases.py": (
        "class RegisterAccountUseCase:\n    def execute(self, email: str) -> dict:\n"
        "        return {'email': email}\n\n\n"
        "class SignInUseCase:\n    def execute(self, email: str) -> str:\n"
        "        return 'token'\n"
    ),
    "src/application/use_cases/news/__init__.py": "",
    "src/application/use_cases/news/publish_news_use_case.py": (
        "class PublishNewsUseCase:\n    def execute(self, item: dict) -> dict:\n"
        "        return item\n"
    ),
    "src/application/use_cases/news/archive_news_use_case.py": (
        "class ArchiveNewsUseCase:\n    def execute(self, key: str) -> None:\n        return None\n"
    ),
    "src/web/__init__.py": "",
    "src/web/dependencies.py": (
        "from src.application.use_cases.account_use_cases import SignInUseCase\n\n\n"
        "def get_sign_in() -> SignInUseCase:\n    return SignInUseCase()\n"
    ),
    "src/web/routers/__init__.py": "",
    "src/web/routers/accounts.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from src.application.use_cases.account_use_cases import (\n"
        "    RegisterAccountUseCase,\n    SignInUseCase,\n)\n"
        "from src.web.dependencies import get_sign_in\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/auth/register")\n'
        "def register(email: str) -> dict:\n"
        "    return RegisterAccountUseCase().execute(email)\n\n\n"
        '@router.post("/auth/login")\n'
        "def login(email: str, use_case: SignInUseCase = Depends(get_sign_in)) -> str:\n"
        "    return use_case.execute(email)\n"
    ),
    "src/web/routers/news.py": (
        "from fastapi import APIRouter\n\n"
        "from src.application.use_cases.news.publish_news_use_case import "
        "PublishNewsUseCase\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/news")\ndef publish(item: dict) -> dict:\n'
        "    return PublishNewsUseCase().execute(item)\n"
    ),
    "src/app.py": (
        "from fastapi import FastAPI\n\nfrom src.web.routers import accounts, news\n\n"
        "app = FastAPI()\napp.include_router(accounts.router)\n"
        "app.include_router(news.router)\n"
    ),
}

LOGOUT = (
    "# Logout\n\n## Requirements\n"
    "- Backend: Logout endpoint to invalidate tokens\n"
    "- Frontend: a logout button/functionality in the header\n"
)


def test_an_endpoint_named_by_its_action_goes_beside_its_kin_and_its_router_s_use_cases(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, USE_CASE_MODULE)
    planning = planned(tmp_path, LOGOUT, "logout")
    assert planning.plan is not None  # no route written: the plan still has one
    changes = {c.path: c for c in planning.plan.changes}
    router = changes["src/web/routers/accounts.py"]
    assert router.action == MODIFY and "`POST /auth/logout`" in router.details
    # the new use case joins the module of the use cases the router calls
    home = changes["src/application/use_cases/account_use_cases.py"]
    assert home.action == MODIFY
    assert not any(path.startswith("src/application/use_cases/news/") for path in changes)


def test_an_action_kin_to_no_route_is_no_endpoint() -> None:
    served = ["/auth/login", "/auth/register", "/users/{user_id}", "/news"]
    assert unnamed_endpoints("- a Logout endpoint", served) == [("POST", "/auth/logout")]
    assert unnamed_endpoints("an endpoint to unsubscribe", ["/lists/subscribe"]) == [
        ("POST", "/lists/unsubscribe")
    ]
    assert unnamed_endpoints("- an Export endpoint", served) == []  # kin to no route
    assert unnamed_endpoints("the new endpoint and the REST endpoint", served) == []
    assert unnamed_endpoints("a Login endpoint", served) == []  # served already


@pytest.mark.parametrize(
    ("feature", "words"),
    [
        ("EPIC-005-consulta-ceo", "consulta-ceo"),
        ("JIRA_12_export", "export"),
        ("NEWS-14", "NEWS-14"),  # a key alone stays whole
        ("password_reset", "password_reset"),
        ("oauth2-login", "oauth2-login"),
        ("s3-upload", "s3-upload"),
        ("27_crawl_parcels_endpoint", "crawl_parcels"),
        ("export-api", "export"),
        ("api", "api"),
        ("2024-report", "report"),
    ],
)
def test_a_ticket_key_leading_a_feature_names_nothing(feature: str, words: str) -> None:
    assert feature_words(feature) == words


def test_news_is_no_plural_and_ticket_keys_are_no_words() -> None:
    assert singular("news") == "news" and plural("news") == "news"
    assert singular("news_items") == "news_item" and singular("user_news") == "user_news"
    assert singular("series") == "series" and singular("threads") == "thread"
    assert without_ticket_keys("NEWS-14 the profile").split() == ["the", "profile"]
    assert without_ticket_keys("oauth2-login for S3") == "oauth2-login for S3"


NEWS_SLICE = {
    "src/__init__.py": "",
    "src/application/__init__.py": "",
    "src/application/use_cases/__init__.py": "",
    "src/application/use_cases/news/__init__.py": "",
    "src/application/use_cases/news/publish_news_use_case.py": (
        "class PublishNewsUseCase:\n    def execute(self, item: dict) -> dict:\n"
        "        return item\n"
    ),
    "src/application/use_cases/news/archive_news_use_case.py": (
        "class ArchiveNewsUseCase:\n    def execute(self, key: str) -> None:\n        return None\n"
    ),
    "src/web/__init__.py": "",
    "src/web/routers/__init__.py": "",
    "src/web/routers/news.py": (
        "from fastapi import APIRouter\n\n"
        "from src.application.use_cases.news.archive_news_use_case import ArchiveNewsUseCase\n"
        "from src.application.use_cases.news.publish_news_use_case import "
        "PublishNewsUseCase\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/news")\ndef publish(item: dict) -> dict:\n'
        "    return PublishNewsUseCase().execute(item)\n\n\n"
        '@router.post("/news/{key}/archive")\ndef archive(key: str) -> None:\n'
        "    return ArchiveNewsUseCase().execute(key)\n"
    ),
    "src/app.py": (
        "from fastapi import FastAPI\n\nfrom src.web.routers import news\n\n"
        "app = FastAPI()\napp.include_router(news.router)\n"
    ),
}

DELETE_NEWS = (
    "# Delete news\n\n## Feature Overview\n"
    "- `DELETE /news/{key}` deletes one news item.\n\n"
    "### Frontend Structure\n"
    "- **Components**:\n  - `NewsCard.tsx` gets a trash button\n\n"
    "### Existing Use Cases\n"
    "The project keeps one use case per file:\n"
    "- `PublishNewsUseCase`\n- `ArchiveNewsUseCase`\n"
)


def test_classes_listed_as_what_exists_and_interface_parts_change_nothing(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, NEWS_SLICE)
    planning = planned(tmp_path, DELETE_NEWS, "delete_news")
    assert planning.plan is not None
    changes = {c.path for c in planning.plan.changes}
    assert "src/web/routers/news.py" in changes
    # listed under "Existing Use Cases": context, not changes
    assert not any(
        p.endswith(("publish_news_use_case.py", "archive_news_use_case.py")) for p in changes
    )
    # "**Components**:" of the frontend is no new resource of the backend
    assert not any("component" in p for p in changes)


CORE_CLIENTS = {
    "app/__init__.py": "",
    "app/config.py": (
        "from pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n    database_url: str = ''\n\n\n"
        "def get_settings() -> Settings:\n    return Settings()\n"
    ),
    "app/core/__init__.py": "",
    "app/core/embeddings.py": (
        "class EmbeddingService:\n    def embed(self, text: str) -> list[float]:\n"
        "        return []\n"
    ),
    "app/dependencies.py": (
        "from fastapi import Depends\n\n"
        "from app.config import Settings, get_settings\n"
        "from app.core.embeddings import EmbeddingService\n\n\n"
        "def get_embedding_service(settings: Settings = Depends(get_settings)) -> "
        "EmbeddingService:\n    return EmbeddingService()\n"
    ),
    "app/api/__init__.py": "",
    "app/api/v1/__init__.py": "",
    "app/api/v1/lookup.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from app.core.embeddings import EmbeddingService\n"
        "from app.dependencies import get_embedding_service\n\n"
        'router = APIRouter(prefix="/lookup")\n\n\n'
        '@router.post("")\n'
        "def lookup(text: str, service: EmbeddingService = "
        "Depends(get_embedding_service)) -> list[float]:\n"
        "    return service.embed(text)\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.v1 import lookup\n\n"
        'app = FastAPI()\napp.include_router(lookup.router, prefix="/api/v1")\n'
    ),
}

VOICE = (
    "# EPIC-009: Voz\n\n## Tareas\n"
    "- VOZ-01 — Crear `app/core/speech.py` (cliente STT)\n"
    "- VOZ-02 — Endpoint `POST /api/v1/voice/transcribe`\n"
    "- VOZ-03 — Documentar credenciales (cuenta de servicio)\n"
)


def test_a_new_client_beside_those_the_container_hands_out_is_wired_and_configured(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, CORE_CLIENTS, VOICE, "EPIC-009-voz")
    assert changes["app/core/speech.py"].action == CREATE
    # `dependencies.py` hands out `core/`'s services: the new client too
    assert changes["app/dependencies.py"].action == MODIFY
    # the credentials it documents are settings
    assert changes["app/config.py"].action == MODIFY


def test_a_new_table_beside_the_models_the_container_imports_wires_nothing(
    tmp_path: Path,
) -> None:
    tree = dict(CORE_CLIENTS)
    tree["app/models/__init__.py"] = ""
    tree["app/models/chunk.py"] = (
        "from sqlalchemy import Integer\n"
        "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        "class Chunk(Base):\n    __tablename__ = 'chunks'\n"
        "    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
    )
    tree["app/models/employee.py"] = (
        "from sqlalchemy import Integer\n"
        "from sqlalchemy.orm import Mapped, mapped_column\n\n"
        "from app.models.chunk import Base\n\n\n"
        "class Employee(Base):\n    __tablename__ = 'employees'\n"
        "    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
    )
    tree["app/models/badge.py"] = (
        "from sqlalchemy import Integer\n"
        "from sqlalchemy.orm import Mapped, mapped_column\n\n"
        "from app.models.chunk import Base\n\n\n"
        "class Badge(Base):\n    __tablename__ = 'badges'\n"
        "    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
    )
    tree["app/dependencies.py"] = (
        "from app.models.chunk import Chunk\n\n" + tree["app/dependencies.py"]
    )
    write_tree(tmp_path, tree)
    planning = planned(
        tmp_path,
        "# Add feedbacks table and model\n\n## Goal\n\n- Add feedbacks table and model\n",
        "feedbacks",
    )
    assert planning.plan is not None
    changes = {c.path for c in planning.plan.changes}
    assert any(p.startswith("app/models/") and p.endswith("feedback.py") for p in changes)
    assert "app/dependencies.py" not in changes  # a table is no component it hands out


# A router answering each courier's route with models from a module named after it.
COURIERS = {
    "app/__init__.py": "",
    "app/schemas/__init__.py": "",
    "app/schemas/parcel.py": (
        "from pydantic import BaseModel\n\n\n"
        "class ParcelRequest(BaseModel):\n    code: str\n\n\n"
        "class ParcelResponse(BaseModel):\n    html: str\n"
    ),
    "app/schemas/acme.py": (
        "from pydantic import BaseModel\n\n\nclass AcmeResponse(BaseModel):\n    html: str\n"
    ),
    "app/schemas/zenith.py": (
        "from pydantic import BaseModel\n\n\nclass ZenithResponse(BaseModel):\n    html: str\n"
    ),
    "app/services/__init__.py": "",
    "app/services/couriers/__init__.py": "",
    "app/services/couriers/acme.py": (
        "class AcmeTracker:\n    def track(self, code: str) -> str:\n        return code\n"
    ),
    "app/services/couriers/zenith.py": (
        "class ZenithTracker:\n    def track(self, code: str) -> str:\n        return code\n"
    ),
    "app/api/__init__.py": "",
    "app/api/track.py": (
        "from fastapi import APIRouter\n\n"
        "from app.schemas.acme import AcmeResponse\n"
        "from app.schemas.parcel import ParcelRequest, ParcelResponse\n"
        "from app.schemas.zenith import ZenithResponse\n"
        "from app.services.couriers.acme import AcmeTracker\n"
        "from app.services.couriers.zenith import ZenithTracker\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/track", response_model=ParcelResponse)\n'
        "def track(body: ParcelRequest) -> ParcelResponse:\n"
        "    return ParcelResponse(html=body.code)\n\n\n"
        '@router.post("/track/acme", response_model=AcmeResponse)\n'
        "def track_acme(body: ParcelRequest) -> AcmeResponse:\n"
        "    return AcmeResponse(html=AcmeTracker().track(body.code))\n\n\n"
        '@router.post("/track/zenith", response_model=ZenithResponse)\n'
        "def track_zenith(body: ParcelRequest) -> ZenithResponse:\n"
        "    return ZenithResponse(html=ZenithTracker().track(body.code))\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.track import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}

SPRINT = (
    "# Sprint 31 - Polaris tracking endpoint (/track/polaris)\n\n"
    "Goal: a Polaris tracking endpoint answering like `/track/acme` does.\n\n"
    "- Business logic lives in `app/services/couriers/polaris.py`.\n"
    "- Endpoint: `POST /track/polaris`\n"
)


def test_a_numbered_spec_s_route_gets_models_of_its_own_and_the_module_it_names(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, COURIERS)
    planning = planned(tmp_path, SPRINT, "31_polaris_tracking_endpoint")
    assert planning.plan is not None  # every name valid Python: the plan validates
    changes = {c.path: c for c in planning.plan.changes}
    assert changes["app/api/track.py"].action == MODIFY
    # the work goes where the session puts it, and no other service is made up
    assert changes["app/services/couriers/polaris.py"].action == CREATE
    assert [p for p in changes if p.startswith("app/services/")] == [
        "app/services/couriers/polaris.py"
    ]
    assert not any("31" in p for p in changes)
    # `/track/acme` answers from `schemas/acme.py`: `/track/polaris` from its own
    assert changes["app/schemas/polaris.py"].action == CREATE
    assert "app/schemas/parcel.py" not in changes


ONE_ROUTER = {
    "app/__init__.py": "",
    "app/schemas/__init__.py": "",
    "app/schemas/browse.py": (
        "from pydantic import BaseModel\n\n\nclass BrowseResponse(BaseModel):\n    ok: bool\n"
    ),
    "app/schemas/acme.py": (
        "from pydantic import BaseModel\n\n\nclass AcmeResponse(BaseModel):\n    html: str\n"
    ),
    "app/api/__init__.py": "",
    "app/api/routes.py": (
        "from fastapi import APIRouter\n\n"
        "from app.schemas.acme import AcmeResponse\n"
        "from app.schemas.browse import BrowseResponse\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/browse", response_model=BrowseResponse)\n'
        "def browse() -> BrowseResponse:\n    return BrowseResponse(ok=True)\n\n\n"
        '@router.post("/crawl/acme", response_model=AcmeResponse)\n'
        "def crawl_acme() -> AcmeResponse:\n    return AcmeResponse(html='')\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.routes import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}


def test_a_route_written_before_its_method_opens_a_family_named_after_it(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, ONE_ROUTER)
    planning = planned(
        tmp_path,
        "# New Endpoint: `/polaris/session` (POST)\n\n"
        "Opens a browsing session like `/browse` does, checking the login first.\n",
        "21_polaris_session_endpoint",
    )
    assert planning.context.routes == [("POST", "/polaris/session")]
    assert planning.plan is not None
    changes = {c.path: c for c in planning.plan.changes}
    assert changes["app/api/routes.py"].action == MODIFY
    # `/browse` answers from `schemas/browse.py`, `/crawl/acme` from `schemas/acme.py`:
    # the new `/polaris` family's models get `schemas/polaris.py`
    assert changes["app/schemas/polaris.py"].action == CREATE


def test_a_route_s_work_goes_to_a_module_of_its_own_where_its_siblings_have_one(
    tmp_path: Path,
) -> None:
    changes = planned_changes(
        tmp_path,
        COURIERS,
        "# Polaris tracking\n\n- Endpoint: `POST /track/polaris`, like `/track/acme`.\n",
        "polaris_tracking",
    )
    # `/track/acme`'s work is `services/couriers/acme.py`'s, `/track/zenith`'s
    # `zenith.py`'s: `/track/polaris`'s goes to `polaris.py` beside them
    assert changes["app/services/couriers/polaris.py"].action == CREATE
    assert changes["app/schemas/polaris.py"].action == CREATE
