"""Resources a session names in prose, in repositories that keep one folder per resource
(router, service, repository, schemas, dependencies) or one service module per
resource: a new entity named in English, Chinese or Japanese gets a whole slice laid
out like its neighbour's, its router included where the others are, and a change to an
existing resource's behaviour changes that resource's services too."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import planned_changes

from archbook.application.planning.scoping.scope_terms import named_new_entities
from archbook.domain.plan import CREATE, MODIFY


def _slice(name: str) -> dict[str, str]:
    """One vertical slice: a router calling a service over a repository."""
    title = name.capitalize()
    return {
        f"api/src/{name}/__init__.py": "",
        f"api/src/{name}/models.py": (
            f"from pydantic import BaseModel\n\n\nclass {title}(BaseModel):\n    id: str\n"
        ),
        f"api/src/{name}/schemas.py": (
            f"from pydantic import BaseModel\n\n\nclass {title}Out(BaseModel):\n    id: str\n"
        ),
        f"api/src/{name}/repository.py": (
            f"from api.src.{name}.models import {title}\n\n\n"
            f"class {title}Repository:\n"
            f"    def get(self, key: str) -> {title}:\n"
            f"        return {title}(id=key)\n"
        ),
        f"api/src/{name}/service.py": (
            f"from api.src.{name}.repository import {title}Repository\n\n\n"
            f"class {title}Service:\n"
            f"    def __init__(self, repository: {title}Repository) -> None:\n"
            "        self.repository = repository\n"
        ),
        f"api/src/{name}/dependencies.py": (
            f"from api.src.{name}.repository import {title}Repository\n"
            f"from api.src.{name}.service import {title}Service\n\n\n"
            f"def get_{name}_service() -> {title}Service:\n"
            f"    return {title}Service({title}Repository())\n"
        ),
        f"api/src/{name}/router.py": (
            "from fastapi import APIRouter, Depends\n\n"
            f"from api.src.{name}.dependencies import get_{name}_service\n"
            f"from api.src.{name}.schemas import {title}Out\n"
            f"from api.src.{name}.service import {title}Service\n\n"
            "router = APIRouter()\n\n\n"
            f'@router.get("/{name}s/{{key}}", response_model={title}Out)\n'
            f"def read_{name}(key: str, service: {title}Service = "
            f"Depends(get_{name}_service)) -> {title}Out:\n"
            f"    return {title}Out(id=key)\n"
        ),
    }


SLICES = {
    "api/__init__.py": "",
    "api/src/__init__.py": "",
    **_slice("table"),
    **_slice("tool"),
    "api/src/main.py": (
        "from fastapi import FastAPI\n\n"
        "from api.src.table.router import router as table_router\n"
        "from api.src.tool.router import router as tool_router\n\n"
        "app = FastAPI()\n"
        'app.include_router(table_router, prefix="/api/v1")\n'
        'app.include_router(tool_router, prefix="/api/v1")\n'
    ),
    # a script folder beside the application that shares a resource's name
    "tools/__init__.py": "",
    "tools/tool_errors.py": "class ToolError(Exception):\n    pass\n",
}

ENGLISH = """# Change: add-public-json-publish

## What Changes
- Add a new "publish" entity: a table subtree shared at a read-only public URL.
- Add a public endpoint that returns the subtree for its key, and management
  endpoints to create/list/disable/delete publish records.
"""

CHINESE = """# Change: add-public-json-publish

## 变更内容
- 新增一个“发布（publish）实体：将某个子树发布为只读公开 URL。
- 新增一组需要登录的管理端点：创建/列出/禁用/删除 publish 记录。
"""

JAPANESE = """# Change: add-public-json-publish

## 変更内容
- `publish` エンティティを追加し、サブツリーを読み取り専用の公開 URL として共有する。
"""


@pytest.mark.parametrize("session", [ENGLISH, CHINESE, JAPANESE], ids=["en", "zh", "ja"])
def test_a_new_entity_gets_a_whole_slice_like_its_neighbour(tmp_path: Path, session: str) -> None:
    changes = planned_changes(tmp_path, SLICES, session, "add-public-json-publish")
    for role in ("router", "service", "repository", "schemas", "models", "dependencies"):
        assert changes[f"api/src/publish/{role}.py"].action == CREATE, role
    included = changes["api/src/main.py"]
    assert included.action == MODIFY
    assert "api/src/publish/router.py" in " ".join(included.details)
    # the script folder sharing the neighbour's name lays out nothing
    assert not [path for path in changes if path.startswith(("publishes/", "tools/"))]
    # "create/list/disable/delete" names operations, not a folder
    assert not [path for path in changes if "disable" in path]


def test_named_new_entities_are_quoted_or_capitalised_in_any_language() -> None:
    assert named_new_entities('Add a new "publish" entity.') == ["publish"]
    assert named_new_entities("a new Coupon aggregate and a new entity called `badge`") == [
        "Coupon",
        "badge",
    ]
    assert named_new_entities("Una nueva entidad `Cupon` y une nouvelle entité Remise") == [
        "Cupon",
        "Remise",
    ]
    assert named_new_entities("新增一个“发布（publish）实体") == ["publish"]
    assert named_new_entities("`coupon` エンティティを追加する") == ["coupon"]
    # qualifiers are no names: a library, a protocol, a plain word before "model"
    assert named_new_entities("a new Pydantic model, a new REST resource, a new data model") == []
    assert named_new_entities("the new model Invoice replaces the old one") == []


# One service module per resource, routes kept elsewhere, and schemas per resource.
SERVICES = {
    "app/__init__.py": "",
    "app/schemas/__init__.py": "",
    "app/schemas/backtest.py": (
        "from pydantic import BaseModel\n\n\nclass BacktestRequest(BaseModel):\n    symbol: str\n"
    ),
    "app/services/__init__.py": "",
    "app/services/backtest_service.py": (
        "from app.schemas.backtest import BacktestRequest\n\n\n"
        "def run_backtest(request: BacktestRequest) -> dict:\n"
        "    return {'symbol': request.symbol}\n"
    ),
    "app/services/batch_backtest_service.py": (
        "from app.services.backtest_service import run_backtest\n\n\n"
        "def run_batch(requests: list) -> list:\n"
        "    return [run_backtest(r) for r in requests]\n"
    ),
    "app/services/report_service.py": "def render(rows: list) -> str:\n    return ''\n",
    "app/routes/__init__.py": "",
    "app/routes/runs.py": (
        "from fastapi import APIRouter\n\n"
        "from app.schemas.backtest import BacktestRequest\n"
        "from app.services.backtest_service import run_backtest\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/runs")\n'
        "def start(request: BacktestRequest) -> dict:\n"
        "    return run_backtest(request)\n"
    ),
}

PORTUGUESE = """# Change: Suporte a backtest em short

## Why
Hoje o sistema executa o backtest apenas em long. O backtest deve aceitar short.

## What Changes
- Adicionar modo de direção do backtest: long (atual) ou short.
- Ajustar o cálculo de PnL do backtest para a posição short.
"""


def test_a_changed_behaviour_changes_the_resources_services(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, SERVICES, PORTUGUESE, "short-backtest-support")
    for path in (
        "app/schemas/backtest.py",
        "app/services/backtest_service.py",
        "app/services/batch_backtest_service.py",
    ):
        assert changes[path].action == MODIFY, path
    assert "app/services/report_service.py" not in changes


def _layered(name: str) -> dict[str, str]:
    """One resource of a layered repository: model, schema, service, route module."""
    title = name.capitalize()
    return {
        f"app/models/{name}.py": (
            f"from app.models.base import Base\n\n\nclass {title}(Base):\n"
            f"    __tablename__ = '{name}s'\n"
        ),
        f"app/schemas/{name}.py": (
            f"from pydantic import BaseModel\n\n\nclass {title}Out(BaseModel):\n    id: int\n"
        ),
        f"app/services/{name}_service.py": (
            f"from app.models.{name} import {title}\n\n\n"
            f"def list_{name}s() -> list[{title}]:\n    return []\n"
        ),
        f"app/api/v1/{name}s.py": (
            "from fastapi import APIRouter\n\n"
            f"from app.schemas.{name} import {title}Out\n"
            f"from app.services.{name}_service import list_{name}s\n\n"
            "router = APIRouter()\n\n\n"
            f'@router.get("/{name}s", response_model=list[{title}Out])\n'
            f"def read_{name}s() -> list:\n"
            f"    return list_{name}s()\n"
        ),
    }


LAYERED = {
    "app/__init__.py": "",
    "app/models/__init__.py": "",
    "app/models/base.py": "class Base:\n    pass\n",
    # named by a word that is no resource alone: lays out nothing
    "app/models/daily_record.py": (
        "from app.models.base import Base\n\n\nclass DailyRecord(Base):\n    pass\n"
    ),
    "app/schemas/__init__.py": "",
    "app/schemas/daily_record.py": "class DailyRecordOut:\n    pass\n",
    "app/services/__init__.py": "",
    "app/services/daily_record_service.py": "def close_day() -> None:\n    pass\n",
    "app/api/__init__.py": "",
    "app/api/v1/__init__.py": "",
    **_layered("transaction"),
    **_layered("product"),
    "app/api/v1/router.py": (
        "from fastapi import APIRouter\n\n"
        "from app.api.v1 import products, transactions\n\n"
        "api_router = APIRouter()\n"
        "api_router.include_router(products.router)\n"
        "api_router.include_router(transactions.router)\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.v1.router import api_router\n\n"
        "app = FastAPI()\napp.include_router(api_router)\n"
    ),
}

SPEC = """# Functional Specification: Staff

**Target Users**: owners of a small restaurant.

## User Stories

### US-001: Manage Positions
- Can create a position with a name and an hourly rate; positions are listed.
- A position can be deleted while no employee holds it.

### US-002: Employee Management
- Can create an employee with a name and a position; the employee list can be
  filtered; an employee can be deactivated.
- Each transaction may name the employee it pays; daily records and transactions stay.
"""


def test_managed_resources_of_a_spec_get_the_files_of_a_layered_resource(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, LAYERED, SPEC, "staff")
    for name in ("position", "employee"):
        for path in (
            f"app/models/{name}.py",
            f"app/schemas/{name}.py",
            f"app/services/{name}_service.py",
            f"app/api/v1/{name}s.py",
        ):
            assert changes[path].action == CREATE, path
    # laid out like a resource named alone (``transaction``), not like ``daily_record``
    assert not [path for path in changes if "position_record" in path]
    included = changes["app/api/v1/router.py"]
    assert included.action == MODIFY
    # the audience of the spec is no resource
    assert not [path for path in changes if "user" in path]


def _module(name: str, entity: str) -> dict[str, str]:
    """One module of a modular monolith: its own domain, application and
    infrastructure, its router re-exported by its web package."""
    title = entity.capitalize()
    base = f"backend/modules/{name}"
    return {
        f"{base}/__init__.py": "",
        f"{base}/domain/__init__.py": "",
        f"{base}/domain/entities/__init__.py": "",
        f"{base}/domain/entities/{entity}.py": f"class {title}:\n    pass\n",
        f"{base}/domain/repositories/__init__.py": "",
        f"{base}/domain/repositories/{entity}_repository.py": (
            f"from modules.{name}.domain.entities.{entity} import {title}\n\n\n"
            f"class {title}Repository:\n    def get(self, key: int) -> {title}: ...\n"
        ),
        f"{base}/domain/value_objects/__init__.py": "",
        f"{base}/domain/value_objects/{entity}_code.py": "class Code(str):\n    pass\n",
        f"{base}/domain/value_objects/deadline.py": "class Deadline(int):\n    pass\n",
        f"{base}/application/__init__.py": "",
        f"{base}/application/use_cases/__init__.py": "",
        f"{base}/application/use_cases/create_{entity}.py": (
            f"from modules.{name}.domain.repositories.{entity}_repository import "
            f"{title}Repository\n\n\n"
            f"def create_{entity}(repository: {title}Repository) -> None: ...\n"
        ),
        f"{base}/infrastructure/__init__.py": "",
        f"{base}/infrastructure/web/__init__.py": (
            f"from .{entity}_routes import router\n\n__all__ = ['router']\n"
        ),
        f"{base}/infrastructure/web/{entity}_routes.py": (
            "from fastapi import APIRouter\n\n"
            f"from modules.{name}.application.use_cases.create_{entity} import create_{entity}\n\n"
            f'router = APIRouter(prefix="/{name}")\n\n\n'
            '@router.post("")\n'
            f"def post_{entity}() -> None:\n    return None\n"
        ),
    }


MODULES = {
    "backend/__init__.py": "",
    "backend/modules/__init__.py": "",
    **_module("chantiers", "chantier"),
    **_module("taches", "tache"),
    "backend/shared/__init__.py": "",
    "backend/shared/database.py": "engine = None\n",
    "backend/main.py": (
        "from fastapi import FastAPI\n\n"
        "from modules.chantiers.infrastructure.web import router as chantiers_router\n"
        "from modules.taches.infrastructure.web import router as taches_router\n"
        "from shared.database import engine\n\n"
        "app = FastAPI()\n"
        "app.include_router(chantiers_router)\n"
        "app.include_router(taches_router)\n"
    ),
}

FRENCH_MODULE = """## 10. SIGNALEMENTS

Le module Signalements permet de signaler un probleme sur un chantier : chaque
signalement est rattache a un chantier, a une priorite et a un statut ouvert ou ferme.
Un chantier peut avoir plusieurs signalements ; le chef de chantier ferme le signalement.
"""


def test_a_new_module_is_laid_out_like_its_neighbour_and_mounted(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, MODULES, FRENCH_MODULE, "signalements")
    base = "backend/modules/signalements"
    for path in (
        f"{base}/__init__.py",
        f"{base}/domain/entities/signalement.py",
        f"{base}/domain/repositories/signalement_repository.py",
        f"{base}/domain/value_objects/signalement_code.py",
        f"{base}/application/use_cases/create_signalement.py",
        f"{base}/infrastructure/web/__init__.py",
        f"{base}/infrastructure/web/signalement_routes.py",
    ):
        assert changes[path].action == CREATE, path
    # a value object of the neighbour's own (its deadline) is not copied
    assert f"{base}/domain/value_objects/deadline.py" not in changes
    assert changes["backend/main.py"].action == MODIFY
    # the module the session names as context is not changed
    assert not [path for path in changes if path.startswith("backend/modules/chantiers/")]


TAGS = """# Custom tags

Users can put their own tags on a product, such as "summer" or "wishlist". A product
may carry several tags, and the list of products can be filtered by tag.
"""


@pytest.mark.parametrize(
    ("feature", "made", "not_made"),
    [
        ("custom-tags", "app/api/v1/tags.py", "app/api/v1/customs.py"),
        # "logistics" names no plural of a resource
        ("crawl-logistics", None, "app/api/v1/logistics.py"),
    ],
)
def test_a_feature_named_after_new_things_is_about_them(
    tmp_path: Path, feature: str, made: str | None, not_made: str
) -> None:
    session = TAGS.replace("tag", "logistics") if made is None else TAGS
    changes = planned_changes(tmp_path, LAYERED, session, feature)
    if made is not None:
        assert changes[made].action == CREATE
        assert changes["app/models/tag.py"].action == CREATE
    assert not_made not in changes
    assert not [path for path in changes if "logistic" in path]
