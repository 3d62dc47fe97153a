"""A DDD repository of bounded contexts (``domain/<context>/entities``,
``application/<context>/protocols``, ``infrastructure/<context>/{repositories,
mappers,services}``), one dependency-injector container per context and numbered
alembic revisions: a new table the session introduces by name is a new resource of
that whole name, wired in its own context's container."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.domain.plan import CREATE, MODIFY


def revision(number: str, down: str | None, table: str) -> str:
    return (
        f'"""{table}"""\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
        f'revision = "{number}"\ndown_revision = {down!r}\n\n\n'
        f'def upgrade():\n    op.create_table("{table}", sa.Column("id", sa.Integer()))\n'
    )


def container(name: str, providers: dict[str, str]) -> str:
    imports = "".join(f"from {module} import {klass}\n" for klass, module in providers.items())
    lines = "".join(f"    {klass.lower()} = Factory({klass})\n" for klass in providers)
    return (
        "from dependency_injector.containers import DeclarativeContainer\n"
        "from dependency_injector.providers import Factory\n\n"
        f"{imports}\n\nclass {name}Container(DeclarativeContainer):\n{lines}"
    )


CATALOG = {
    "ProductRepository": "src.infrastructure.catalog.repositories.product_repository",
    "ProductMapper": "src.infrastructure.catalog.mappers.product_mapper",
    "GetProductUseCase": "src.application.catalog.use_cases.get_product_use_case",
    "UpdateProductUseCase": "src.application.catalog.use_cases.update_product_use_case",
}
SHOP = {
    "PriceService": "src.infrastructure.shop.services.price_service",
    "CustomerRepository": "src.infrastructure.shop.repositories.customer_repository",
}
TREE = {
    "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["dependency-injector"]\n',
    "alembic.ini": "[alembic]\nscript_location = alembic\n",
    "alembic/env.py": "",
    "alembic/versions/011_products.py": revision("011", None, "products"),
    "alembic/versions/012_prices.py": revision("012", "011", "prices"),
    "src/__init__.py": "",
    "src/models.py": (
        "from sqlalchemy import Integer\nfrom sqlalchemy.orm import DeclarativeBase, Mapped, "
        "mapped_column\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\n"
        "class Product(Base):\n    __tablename__ = 'products'\n"
        "    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
    ),
    "src/main.py": (
        "from fastapi import FastAPI\n\n"
        "from src.infrastructure.catalog.routers.products import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    "src/containers/__init__.py": "",
    "src/containers/catalog.py": container("Catalog", CATALOG),
    "src/containers/shop.py": container("Shop", SHOP),
    "src/domain/__init__.py": "",
    "src/domain/catalog/__init__.py": "",
    "src/domain/catalog/entities/__init__.py": "",
    "src/domain/catalog/entities/product.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Product:\n    id: int\n"
    ),
    "src/application/__init__.py": "",
    "src/application/catalog/__init__.py": "",
    "src/application/catalog/protocols/__init__.py": "",
    "src/application/catalog/protocols/product_repository.py": (
        "from typing import Protocol\n\nfrom src.domain.catalog.entities.product import "
        "Product\n\n\nclass ProductRepositoryProtocol(Protocol):\n"
        "    def get(self, key: int) -> Product: ...\n"
    ),
    "src/application/catalog/use_cases/__init__.py": "",
    "src/application/catalog/use_cases/get_product_use_case.py": (
        "class GetProductUseCase:\n    def execute(self, key: int) -> None:\n        return None\n"
    ),
    "src/application/catalog/use_cases/update_product_use_case.py": (
        "class UpdateProductUseCase:\n    def execute(self, key: int) -> None:\n"
        "        return None\n"
    ),
    "src/application/shop/__init__.py": "",
    "src/application/shop/protocols/__init__.py": "",
    "src/application/shop/protocols/price_service.py": (
        "from typing import Protocol\n\n\nclass PriceServiceProtocol(Protocol):\n"
        "    def price(self, key: int) -> int: ...\n"
    ),
    "src/domain/shop/__init__.py": "",
    "src/domain/shop/entities/__init__.py": "",
    "src/domain/shop/entities/customer.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Customer:\n    id: int\n"
    ),
    "src/application/shop/protocols/customer_repository.py": (
        "from typing import Protocol\n\nfrom src.domain.shop.entities.customer import "
        "Customer\n\n\nclass CustomerRepositoryProtocol(Protocol):\n"
        "    def get(self, key: int) -> Customer: ...\n"
    ),
    "src/infrastructure/shop/repositories/__init__.py": "",
    "src/infrastructure/shop/repositories/customer_repository.py": (
        "from src.application.shop.protocols.customer_repository import "
        "CustomerRepositoryProtocol\nfrom src.domain.shop.entities.customer import Customer\n\n\n"
        "class CustomerRepository(CustomerRepositoryProtocol):\n"
        "    def get(self, key: int) -> Customer:\n        return Customer(key)\n"
    ),
    "src/infrastructure/__init__.py": "",
    "src/infrastructure/catalog/__init__.py": "",
    "src/infrastructure/catalog/repositories/__init__.py": "",
    "src/infrastructure/catalog/repositories/product_repository.py": (
        "from src.application.catalog.protocols.product_repository import "
        "ProductRepositoryProtocol\nfrom src.domain.catalog.entities.product import Product\n\n\n"
        "class ProductRepository(ProductRepositoryProtocol):\n"
        "    def get(self, key: int) -> Product:\n        return Product(key)\n"
    ),
    "src/infrastructure/catalog/mappers/__init__.py": "",
    "src/infrastructure/catalog/mappers/product_mapper.py": (
        "class ProductMapper:\n    def to_entity(self, row: object) -> object:\n"
        "        return row\n"
    ),
    "src/infrastructure/catalog/routers/__init__.py": "",
    "src/infrastructure/catalog/routers/products.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter(prefix='/products')\n\n\n"
        "@router.get('/{key}')\ndef get(key: int) -> dict:\n    return {}\n"
    ),
    "src/infrastructure/shop/__init__.py": "",
    "src/infrastructure/shop/services/__init__.py": "",
    "src/infrastructure/shop/services/price_service.py": (
        "from src.application.shop.protocols.price_service import PriceServiceProtocol\n\n\n"
        "class PriceService(PriceServiceProtocol):\n"
        "    def price(self, key: int) -> int:\n        return key\n"
    ),
}

SESSION = """# Price Quote Tracking

## Problem

A price is worked out again on every request; nothing records the prices a customer
was quoted, so a quote cannot be honoured later.

## Data Model

New `price_quotes` table:

| Column | Type |
|--------|------|
| `id` | `INTEGER` PK |
| `product_id` | `INTEGER` FK |
| `amount` | `INTEGER` |

## Flow

1. `PriceService.price` stays as it is.
2. The shop persists a `PriceQuote` entity each time a price is quoted to a customer.
3. A customer sees the quotes made to them; each customer keeps theirs for 30 days.
"""


def test_a_new_table_named_in_full_is_one_resource_wired_in_its_context_container(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    planning = planned(tmp_path, SESSION, "price-quote-tracking")
    scope = planning.scope_result
    assert scope.new_resources == ("price_quote",)  # not ``price``, a resource of its own
    changes = {c.path: c.action for c in planning.plan.changes}
    assert changes["src/models.py"] == MODIFY
    # the team numbers its revisions: the next number, not a random id
    assert changes["alembic/versions/013_add_price_quotes_table.py"] == CREATE
    created = {p for p, action in changes.items() if action == CREATE}
    assert {
        "src/domain/shop/entities/price_quote.py",
        "src/infrastructure/shop/repositories/price_quote_repository.py",
    } <= created or {
        "src/domain/catalog/entities/price_quote.py",
        "src/infrastructure/catalog/repositories/price_quote_repository.py",
    } <= created, sorted(created)
    context = "shop" if "src/domain/shop/entities/price_quote.py" in created else "catalog"
    # wired where its context's components are, not in the busiest container
    assert changes[f"src/containers/{context}.py"] == MODIFY
    other = {"shop": "catalog", "catalog": "shop"}[context]
    assert f"src/containers/{other}.py" not in changes


CJK_SESSION = """# 报价记录

每次报价都要保存下来，客户可以在 30 天内按报价下单。

### 新增 `quote_records` 表

| 字段 | 类型 |
|------|------|
| `id` | `INTEGER` PK |
| `product_id` | `INTEGER` FK |
| `amount` | `INTEGER` |
"""
MIRRORED_TESTS = {
    "tests/__init__.py": "",
    "tests/unit/domain/catalog/entities/test_product.py": (
        "from src.domain.catalog.entities.product import Product\n\n\n"
        "def test_product() -> None:\n    assert Product(1).id == 1\n"
    ),
    "tests/unit/infrastructure/catalog/repositories/test_product_repository.py": (
        "from src.infrastructure.catalog.repositories.product_repository import "
        "ProductRepository\n\n\ndef test_get() -> None:\n"
        "    assert ProductRepository().get(1).id == 1\n"
    ),
}


def test_a_table_a_chinese_session_adds_is_a_new_resource_whose_modules_get_tests(
    tmp_path: Path,
) -> None:
    """A table a session adds ("新增 `quote_records` 表") lays out a ``quote_record``
    resource; where the tests mirror the code folder by folder, each new module of code
    gets its test at the mirrored path (new folders included), and no schema or
    revision gets one."""
    write_tree(tmp_path, {**TREE, **MIRRORED_TESTS})
    planning = planned(tmp_path, CJK_SESSION, "quote-records")
    assert planning.scope_result.new_resources == ("quote_record",)
    changes = {c.path: c for c in planning.plan.changes}
    created = [p for p, c in changes.items() if c.action == CREATE]
    modules = [p for p in created if p.startswith("src/") and not p.endswith("__init__.py")]
    tests = {p for p in created if p.startswith("tests/")}
    assert "src/domain/catalog/entities/quote_record.py" in modules, modules
    assert "tests/unit/domain/catalog/entities/test_quote_record.py" in tests, tests
    assert not [t for t in tests if "schema" in t or "013_" in t or "models" in t]
    assert all(changes[t].layer == "tests" for t in tests)
    # each planned test module is one the reader can find in the tests section
    assert tests <= {t.path for t in planning.plan.tests}
