"""A repository of one folder per resource (``server/shop/<resource>/`` holding its
``endpoints.py``, ``service.py``, ``repository.py`` and ``schemas.py``, services named
after their folders), routers gathered under ``/v1`` by one module, a portal router
serving several resources under ``/v1`` alone, and tests mirroring the slices in
``server/tests``: a new resource's endpoint gets a slice of its own, laid out like
the others."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook import api
from archbook.application.planning.scoping.repo_index import RepoIndex
from archbook.application.planning.session_text import named_paths
from archbook.domain.plan import CREATE, MODIFY


def slice_files(resource: str, plural: str) -> dict[str, str]:
    title = resource.title()
    base = f"server/shop/{resource}"
    return {
        f"{base}/__init__.py": "",
        f"{base}/schemas.py": (
            f"from pydantic import BaseModel\n\n\nclass {title}Read(BaseModel):\n"
            "    id: int\n    owner: int\n\n    @property\n"
            "    def user_id(self) -> int:\n        return self.owner\n"
        ),
        f"{base}/repository.py": (
            f"from shop.models.{resource} import {title}\n\n\n"
            f"class {title}Repository:\n    async def get(self, key: int) -> {title}:\n"
            f"        return {title}(id=key)\n"
        ),
        f"{base}/service.py": (
            f"from shop.{resource}.repository import {title}Repository\n\n\n"
            f"class {title}Service:\n    def __init__(self) -> None:\n"
            f"        self.repository = {title}Repository()\n\n"
            "    async def get(self, key: int) -> object:\n"
            "        return await self.repository.get(key)\n\n\n"
            f"{resource} = {title}Service()\n"
        ),
        f"{base}/endpoints.py": (
            "from fastapi import APIRouter\n\n"
            f"from shop.{resource}.schemas import {title}Read\n"
            f"from shop.{resource}.service import {resource} as {resource}_service\n\n"
            f'router = APIRouter(prefix="/{plural}", tags=["{plural}"])\n\n\n'
            f'@router.get("/{{key}}", response_model={title}Read)\n'
            f"async def get(key: int):\n    return await {resource}_service.get(key)\n"
        ),
        f"server/shop/models/{resource}.py": (
            f"from dataclasses import dataclass\n\n\n@dataclass\nclass {title}:\n    id: int\n"
        ),
        f"server/tests/{resource}/__init__.py": "",
        f"server/tests/{resource}/test_service.py": (
            f"from shop.{resource}.service import {title}Service\n\n\n"
            f"def test_service() -> None:\n    assert {title}Service()\n"
        ),
        f"server/tests/{resource}/test_endpoints.py": (
            f"from shop.{resource}.endpoints import router\n\n\n"
            "def test_router() -> None:\n    assert router.routes\n"
        ),
    }


TREE = {
    # the backend's own project: ``server`` is the source root, ``shop`` its package
    "server/pyproject.toml": '[project]\nname = "shop"\nversion = "1.0"\n',
    "server/shop/__init__.py": "",
    "server/shop/models/__init__.py": "",
    "server/shop/models/review.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Review:\n    id: int\n"
        "    text: str\n"
    ),
    **slice_files("order", "orders"),
    **slice_files("product", "products"),
    **slice_files("invoice", "invoices"),
    # one router serving several resources under the API prefix alone
    "server/shop/portal/__init__.py": "",
    "server/shop/portal/endpoints.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        '@router.get("/portal/orders/")\nasync def my_orders():\n    return []\n\n\n'
        '@router.get("/users/downloads/")\nasync def my_downloads():\n    return []\n'
    ),
    "server/shop/api.py": (
        "from fastapi import APIRouter\n\n"
        "from shop.invoice.endpoints import router as invoice_router\n"
        "from shop.order.endpoints import router as order_router\n"
        "from shop.portal.endpoints import router as portal_router\n"
        "from shop.product.endpoints import router as product_router\n\n"
        'router = APIRouter(prefix="/v1")\n'
        "router.include_router(order_router)\nrouter.include_router(product_router)\n"
        "router.include_router(invoice_router)\nrouter.include_router(portal_router)\n"
    ),
    "server/shop/app.py": (
        "from fastapi import FastAPI\n\nfrom shop.api import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    "server/tests/__init__.py": "",
    "server/tests/conftest.py": "import pytest\n",
}

SESSION = """# Review submission

## Goal
Customers send a review from the dashboard. The review table and model already
exist; nothing exposes them yet.

## Endpoint
- `POST /v1/reviews/` answers 201 with the stored review.

## Rules
- Only signed-in customers may send one.
- Response: id, text, user_id and timestamps.
"""


def test_a_new_resource_gets_a_slice_of_its_own_laid_out_like_the_others(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    planning = planned(tmp_path, SESSION, "review_submission")
    assert planning.plan is not None
    changes = {c.path: c for c in planning.plan.changes}
    created = {p for p, c in changes.items() if c.action == CREATE}
    # named after the resource, as the services are named after their folders
    assert {
        "server/shop/review/service.py",
        "server/shop/review/endpoints.py",
        "server/shop/review/schemas.py",
        "server/shop/review/repository.py",
    } <= created
    assert "ReviewService" in changes["server/shop/review/service.py"].purpose
    # the slice's own router serves the route, included where the others are
    router = changes["server/shop/review/endpoints.py"]
    assert "Routes of the feature." in (router.purpose, *router.details)
    assert "router.post(" in router.code_sketch
    assert changes["server/shop/api.py"].action == MODIFY
    assert "server/shop/portal/endpoints.py" not in changes  # `/v1` covers no resource
    # tests mirror the slices
    assert {
        "server/tests/review/test_service.py",
        "server/tests/review/test_endpoints.py",
    } <= created
    # a field of the answer is no property to change; the route is no folder
    assert not [p for p in changes if p.endswith("/schemas.py") and "/review/" not in p]
    assert not [p for p in changes if "/v1/" in p or p.startswith("v1/")]


def test_a_path_after_an_http_method_is_a_route_even_with_a_trailing_slash() -> None:
    text = "Serve `POST /v1/reviews/` and GET /v1/reviews/recent/ from app/reviews/."
    assert named_paths(text) == ["app/reviews/"]


def test_a_resource_s_files_are_named_below_the_source_root(tmp_path: Path) -> None:
    """A service kept in ``users/`` (its own project) names no resource by that folder:
    the user resource's files are the ones whose module names say ``user``."""
    write_tree(
        tmp_path,
        {
            "users/pyproject.toml": '[project]\nname = "users"\nversion = "1.0"\n',
            "users/app/__init__.py": "",
            "users/app/models/__init__.py": "",
            "users/app/models/items.py": "class Item:\n    id: int\n",
            "users/app/models/users.py": "class User:\n    id: int\n",
            "users/app/schemas/__init__.py": "",
            "users/app/schemas/token.py": "class Token:\n    value: str\n",
        },
    )
    known = api.knowledge(str(tmp_path))
    index = RepoIndex.build(known, lambda path: (tmp_path / path).exists())
    assert index.resource_files("user") == ["users/app/models/users.py"]


def test_a_file_linked_from_a_design_document_s_folder_is_the_repository_s_file(
    tmp_path: Path,
) -> None:
    """A design kept in ``docs/specs/`` links code from its own folder, with a line
    anchor: the plan changes that file, and proposes no path climbing out of the
    repository (which validation refuses, so no plan would be written at all)."""
    session = (
        "# Order totals\n\n## Problem\nThe total of an order is wrong: "
        "[the service](../../server/shop/order/service.py#L9-L12) adds the items "
        "twice. Fix `OrderService.get` so that it sums each item once.\n"
    )
    write_tree(tmp_path, TREE)
    planning = planned(tmp_path, session, "order_totals")
    assert planning.plan is not None
    changes = {c.path: c.action for c in planning.plan.changes}
    assert changes["server/shop/order/service.py"] == MODIFY
    assert not [p for p in changes if ".." in p.split("/")]
    index = RepoIndex.build(api.knowledge(str(tmp_path)), lambda p: (tmp_path / p).exists())
    assert index.resolve("server/../../etc/app.py") == ("", False)
    assert index.resolve("server/shop/../shop/order/new.py") == ("", False)
