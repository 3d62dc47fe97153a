"""A small app in Dishka's example style: one router module named for the app, not
for a resource (``presentation_web.py``), and use cases that are one class each
(``AddProductsInteractor.__call__``). A new route joins that router rather than start
a router of its own, and its use case is a new class rather than one more method of
an interactor."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.domain.plan import CREATE, MODIFY

TREE = {
    "myapp/__init__.py": "",
    "myapp/use_cases.py": (
        "from typing import Protocol\n\n\n"
        "class ProductGateway(Protocol):\n"
        "    def add_product(self, name: str) -> None: ...\n\n\n"
        "class AddProductsInteractor:\n"
        "    def __init__(self, gateway: ProductGateway) -> None:\n"
        "        self.gateway = gateway\n\n"
        "    def __call__(self, name: str) -> None:\n"
        "        self.gateway.add_product(name)\n"
    ),
    "myapp/db.py": (
        "from myapp.use_cases import ProductGateway\n\n\n"
        "class FakeProductGateway(ProductGateway):\n"
        "    def add_product(self, name: str) -> None:\n        pass\n"
    ),
    "myapp/presentation_web.py": (
        "from dishka.integrations.fastapi import FromDishka, inject\n"
        "from fastapi import APIRouter\n\n"
        "from myapp.use_cases import AddProductsInteractor\n\nrouter = APIRouter()\n\n\n"
        '@router.get("/")\n@inject\n'
        "async def add_product(*, interactor: FromDishka[AddProductsInteractor]) -> str:\n"
        '    interactor("x")\n    return "Ok"\n'
    ),
    "main_web.py": (
        "from fastapi import FastAPI\n\nfrom myapp.presentation_web import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}


def test_a_new_route_joins_the_apps_one_router_and_gets_an_interactor_of_its_own(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    session = "# Listing\n\n## Requirements\n\n- `GET /products` lists the products.\n"
    plan = planned(tmp_path, session, "product_list").plan
    assert plan is not None
    changes = {c.path: c.action for c in plan.changes}
    assert changes["myapp/presentation_web.py"] == MODIFY
    created = [p for p, action in changes.items() if action == CREATE and p.startswith("myapp/")]
    assert created == ["myapp/product_list_interactor.py"]
    extended = [c for c in plan.changes if "takes the new use case" in c.purpose]
    assert extended == []


def test_a_service_with_one_method_yet_still_takes_the_new_use_case(tmp_path: Path) -> None:
    """``ButlerService.run`` alone makes no one-use-case class: a ``…Service`` takes
    the new endpoint's use case, as the real voice input feature of the butler did."""
    tree = {
        path: text.replace("AddProductsInteractor", "ProductService")
        .replace("def __call__(self, name: str)", "def run(self, name: str)")
        .replace('interactor("x")', 'interactor.run("x")')
        for path, text in TREE.items()
    }
    write_tree(tmp_path, tree)
    session = "# Listing\n\n## Requirements\n\n- `GET /products` lists the products.\n"
    plan = planned(tmp_path, session, "product_list").plan
    assert plan is not None
    extended = [c.path for c in plan.changes if "takes the new use case" in c.purpose]
    assert extended == ["myapp/use_cases.py"]
    assert not [c for c in plan.changes if c.action == CREATE and c.path.startswith("myapp/")]
