"""A field added to a table the repository already has: the table's class changes in
its own idiom and a schema migration is planned in the folder that already holds the
revisions about that table, named the way its newest revision is named. The trees
written here reproduce idioms met in real repositories: SQLModel ``table=True``
classes beside their API schemas in one ``models.py`` with default alembic names; a
``declarative_base()`` with one folder per domain, two alembic environments and
dated revision names; commit-style one-line requests."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from fakes.planned_trees import planned, write_tree

from archbook import api
from archbook.application.code_facts.code_model import CodeModel
from archbook.application.planning.review.schema import plan_migration_findings
from archbook.application.planning.scoping.migrations import revision_file_name
from archbook.application.planning.scoping.repo_index import RepoIndex
from archbook.application.planning.scoping.stored_tables import stored_models
from archbook.application.planning.session import PlanningSession
from archbook.domain.plan import CREATE, MODIFY, Plan
from archbook.domain.source import Module

SQLMODEL_MODELS = (
    "import uuid\nfrom datetime import datetime\n\nfrom sqlmodel import Field, SQLModel\n\n\n"
    "class ItemBase(SQLModel):\n    title: str = Field(max_length=255)\n\n\n"
    "class Item(ItemBase, table=True):\n"
    "    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)\n\n\n"
    "class ItemPublic(ItemBase):\n    id: uuid.UUID\n\n\n"
    "class User(SQLModel, table=True):\n"
    "    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)\n"
    "    email: str = Field(unique=True)\n"
)


def revision(rev: str, down: str | None, table: str, message: str) -> str:
    return (
        f'"""{message}\n\nRevision ID: {rev}\n"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f'revision = "{rev}"\ndown_revision = {down!r}\n\n\n'
        f'def upgrade():\n    op.create_table("{table}", sa.Column("id", sa.Integer()))\n\n\n'
        f'def downgrade():\n    op.drop_table("{table}")\n'
    )


# The official template's shape: backend/ with uv, alembic under app/.
TEMPLATE = {
    "backend/pyproject.toml": '[project]\nname = "app"\ndependencies = ["sqlmodel"]\n',
    "backend/uv.lock": "version = 1\n",
    "backend/alembic.ini": "[alembic]\nscript_location = app/alembic\n",
    "backend/app/__init__.py": "",
    "backend/app/models.py": SQLMODEL_MODELS,
    "backend/app/alembic/env.py": "from alembic import context\n",
    "backend/app/alembic/versions/e2412789c190_initialize_models.py": revision(
        "e2412789c190", None, "user", "Initialize models"
    ),
    "backend/app/alembic/versions/1a31ce608336_add_cascade_delete.py": revision(
        "1a31ce608336", "e2412789c190", "item", "Add cascade delete"
    ),
    "backend/app/api/__init__.py": "",
    "backend/app/api/routes/__init__.py": "",
    "backend/app/api/routes/items.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter(prefix='/items')\n\n\n"
        "@router.get('/')\ndef read_items() -> list:\n    return []\n"
    ),
}
DOMAIN_MODELS = {
    "src/shop/customer/models.py": (
        "from sqlalchemy import Column, DateTime, String\n\n"
        "from shop.database.core import Base\n\n\n"
        "class TimeStampMixin:\n    created_at = Column(DateTime)\n\n\n"
        "class Customer(Base, TimeStampMixin):\n    name = Column(String)\n\n\n"
        "class Event(Base):\n    name = Column(String)\n"
    ),
    "src/shop/order/models.py": (
        "from sqlalchemy.orm import Mapped, mapped_column\n\n"
        "from shop.database.core import Base\n\n\n"
        "class RecordModel(Base):\n    __abstract__ = True\n\n\n"
        "class Order(RecordModel):\n    __tablename__ = 'orders'\n"
        "    total: Mapped[int] = mapped_column()\n\n\n"
        "class OrderLine(RecordModel):\n    __tablename__ = 'order_lines'\n"
        "    quantity: Mapped[int] = mapped_column()\n"
    ),
}
# One folder per domain, a declarative_base(), two alembic environments (the users'
# tables in one, the shop's in the other), dated revision names, poetry.
DOMAINS = {
    "pyproject.toml": '[tool.poetry]\nname = "shop"\n',
    "poetry.lock": "",
    "src/shop/__init__.py": "",
    "src/shop/alembic.ini": "[core]\n[tenant]\n",
    "src/shop/database/__init__.py": "",
    "src/shop/database/core.py": (
        "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n"
    ),
    "src/shop/database/revisions/core/env.py": "",
    "src/shop/database/revisions/core/versions/2021-06-02_f011c050b9ba.py": revision(
        "f011c050b9ba", None, "users", "users"
    ),
    "src/shop/database/revisions/core/versions/2021-07-01_0ab4f8f54bfa.py": revision(
        "0ab4f8f54bfa", "f011c050b9ba", "users_roles", "roles"
    ),
    "src/shop/database/revisions/tenant/env.py": "",
    "src/shop/database/revisions/tenant/versions/2023-08-11_4e57f5b1f3f3.py": revision(
        "4e57f5b1f3f3", None, "customer", "customers"
    ),
    "src/shop/customer/__init__.py": "",
    "src/shop/order/__init__.py": "",
    **DOMAIN_MODELS,
}


def plan_for(root: Path, title: str, body: str = "") -> PlanningSession:
    text = f"# {title}\n\n## Goal\n\n- {title}\n" + (f"\n## Requirements\n\n{body}" if body else "")
    return planned(root, text)


def changes(plan: Plan) -> dict[str, str]:
    return {c.path: c.action for c in plan.changes}


def test_a_field_added_to_sqlmodel_tables_changes_them_and_plans_a_revision(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TEMPLATE)
    planning = plan_for(tmp_path, "✨ Add created_at field to User and Item models")
    plan = planning.plan
    assert planning.scope_result.stored_fields == ("user.created_at", "item.created_at")
    found = changes(plan)
    assert found.pop("backend/app/models.py") == MODIFY
    (created,) = found
    rev = re.fullmatch(
        r"backend/app/alembic/versions/([0-9a-f]{12})_add_created_at_to_user_and_item\.py",
        created,
    )
    assert rev, created
    change = next(c for c in plan.changes if c.path == created)
    how = " ".join(change.details)
    assert f'uv run alembic revision --autogenerate --rev-id {rev.group(1)} -m "add' in how
    assert "from `backend/`" in how and "follows revision `1a31ce608336`" in how
    assert "`alembic downgrade -1`" in how  # tried both ways before review
    model = next(c for c in plan.changes if c.path == "backend/app/models.py")
    # each table in its own idiom, the API schemas left alone
    assert "class User(SQLModel, table=True):" in model.code_sketch
    assert "class Item(ItemBase, table=True):" in model.code_sketch
    assert "created_at: datetime | None = Field(default=None)" in model.code_sketch
    assert "ItemPublic" not in model.code_sketch
    assert any("`user.created_at`" in note for note in plan.migration)
    assert ", 2 new stored field(s), 0 new table(s); 1 file to create" in plan.summary
    assert "migrated by a revision of their own" in plan.approach
    assert any("postgresql_concurrently=True" in note for note in plan.performance)


def test_a_one_line_commit_request_finds_its_table_and_the_environment_holding_it(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, DOMAINS)
    plan = plan_for(tmp_path, "feat(customer): add first_event_at column").plan
    found = changes(plan)
    # the field's own words ("event") name no table
    assert found.pop("src/shop/customer/models.py") == MODIFY
    (created,) = found
    assert re.fullmatch(
        r"src/shop/database/revisions/tenant/versions/YYYY-MM-DD_[0-9a-f]{12}\.py", created
    ), created
    change = next(c for c in plan.changes if c.path == created)
    assert "from `src/shop/` with `poetry run alembic revision" in change.details[0]
    model = next(c for c in plan.changes if c.path == "src/shop/customer/models.py")
    assert "first_event_at = Column(DateTime, nullable=True)" in model.code_sketch


def test_a_field_stored_on_a_table_is_a_new_column_of_it(tmp_path: Path) -> None:
    write_tree(tmp_path, DOMAINS)
    plan = plan_for(
        tmp_path, "Order lines: store the gift_note on the order line table, with a migration."
    ).plan
    model = next(c for c in plan.changes if c.path == "src/shop/order/models.py")
    assert "class OrderLine(RecordModel):" in model.code_sketch
    assert "gift_note" in model.code_sketch
    assert any("/versions/" in c.path for c in plan.changes)


def test_the_longest_table_name_wins_and_mapped_columns_stay_mapped(tmp_path: Path) -> None:
    write_tree(tmp_path, DOMAINS)
    plan = plan_for(tmp_path, "orders: add max_items_per_customer column to order lines").plan
    model = next(c for c in plan.changes if c.path == "src/shop/order/models.py")
    assert "class OrderLine(RecordModel):" in model.code_sketch
    assert "class Order(RecordModel)" not in model.code_sketch
    assert "max_items_per_customer: Mapped[int | None] = mapped_column(" in model.code_sketch


@pytest.mark.parametrize(
    "title",
    [
        # a method added to an interface is no stored field
        "Add `invalidate_tokens_for(customer_id)` to the customer repository interface",
        # a column named, but no table of this repository
        "Add a `nickname` field to profiles",
        # a row added to a table, not a field
        "Adding a customer to an archived order answers 409",
        # "add the ability to …": an infinitive, not a table a field goes to
        "Add the ability to flag a customer as a VIP",
        # a field the table has already
        "Add name column to customers",
        # the session rules the schema change out
        "Customers get an `archived_at` timestamp. No database migration: it exists.",
    ],
)
def test_no_revision_where_no_table_gains_a_field(tmp_path: Path, title: str) -> None:
    write_tree(tmp_path, DOMAINS)
    write_tree(
        tmp_path,
        {
            "src/shop/customer/repository.py": (
                "from typing import Protocol\n\n\nclass CustomerRepository(Protocol):\n"
                "    def get(self, customer_id: int) -> object: ...\n"
            )
        },
    )
    sessions = tmp_path / ".claude" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "context_session_f.md").write_text(f"# {title}\n\n## Goal\n\n- {title}\n")
    planning = api.plan_session(str(tmp_path), "f")
    planning.scope()
    scope = planning.scope_result
    assert scope.stored_fields == ()
    assert not [p for p in scope.created if "/versions/" in p]


def test_an_archive_instead_of_a_delete_is_no_deletion(tmp_path: Path) -> None:
    write_tree(tmp_path, TEMPLATE)
    planning = plan_for(
        tmp_path,
        "Archive items",
        "- Owners archive an item instead of deleting it.\n"
        "- Items get an `archived_at` timestamp (null until archived).\n",
    )
    scope = planning.scope_result
    assert "deletion" not in scope.kinds
    assert scope.stored_fields == ("item.archived_at",)
    assert not any("Delete in bounded batches" in note for note in planning.plan.performance)


def test_stored_models_are_tables_not_their_bases_mixins_or_schemas() -> None:
    sources = [
        (
            Module("shop.database.core", "src/shop/database/core.py", False),
            DOMAINS["src/shop/database/core.py"],
        ),
        *(
            (Module(p.removeprefix("src/").removesuffix(".py").replace("/", "."), p, False), t)
            for p, t in DOMAIN_MODELS.items()
        ),
        (Module("app.models", "app/models.py", False), SQLMODEL_MODELS),
        # a data migration's own copy of a table, and a test's model, are no tables
        (
            Module("migrations.versions.r1", "migrations/versions/2024-01-01_r1.py", False),
            "from shop.database.core import Base\n\n\nclass Legacy(Base):\n"
            "    __tablename__ = 'legacy'\n",
        ),
        (
            Module("tests.test_models", "tests/test_models.py", False),
            "from shop.database.core import Base\n\n\nclass Probe(Base):\n"
            "    __tablename__ = 'probes'\n",
        ),
    ]
    found = {(m.name, m.table) for m in stored_models(CodeModel.build(sources))}
    assert found == {
        ("Customer", "customer"),
        ("Event", "event"),
        ("Order", "orders"),
        ("OrderLine", "order_lines"),
        ("Item", "item"),
        ("User", "user"),
    }
    core = {
        (m.name, m.table)
        for m in stored_models(
            CodeModel.build(
                [
                    (
                        Module("todo.infra.db", "todo/infra/db.py", False),
                        CORE_TABLES["todo/infra/db.py"],
                    ),
                    (
                        Module("todo.infra.models", "todo/infra/models.py", False),
                        CORE_TABLES["todo/infra/models.py"],
                    ),
                    (
                        Module("todo.infra.queries", "todo/infra/queries.py", False),
                        CORE_TABLES["todo/infra/queries.py"],
                    ),
                ]
            )
        )
    }
    assert core == {("TodoItem", "todo_item"), ("User", "user")}  # not pypika's


@pytest.mark.parametrize(
    ("newest", "newest_rev", "expected"),
    [
        ("e2412789c190_initialize_models.py", "e2412789c190", "{rev}_{slug}.py"),
        (
            "2023-02-10-21.18.32_16160bf731a0_add_more_indices.py",
            "16160bf731a0",
            "YYYY-MM-DD-HH.MM.SS_{rev}_{slug}.py",
        ),
        ("2026-07-16-1538_add_risk_signals.py", "0f1e2d3c4b5a", "YYYY-MM-DD-HHMM_{slug}.py"),
        ("2023-08-11_4e57f5b1f3f3.py", "4e57f5b1f3f3", "YYYY-MM-DD_{rev}.py"),
        # written without a message: the default template's slug is empty
        ("a2db5de794b4_.py", "a2db5de794b4", "{rev}_{slug}.py"),
        # the date, then its own separator ("-") before the revision
        (
            "2022_12_09_1825-60d1844cb5d3_initial_migration_fo_account_table.py",
            "60d1844cb5d3",
            "YYYY_MM_DD_HHMM-{rev}_{slug}.py",
        ),
    ],
)
def test_a_revision_is_named_like_the_newest_one(
    newest: str, newest_rev: str, expected: str
) -> None:
    rev, slug = "abcdef012345", "add_archived_at_to_items"
    assert revision_file_name(newest, newest_rev, rev, slug) == expected.format(rev=rev, slug=slug)


# One table per module, listed again in the package's __init__ for the metadata, and
# revisions named by date and message only.
ONE_TABLE_PER_MODULE = {
    "server/pyproject.toml": '[project]\nname = "shop"\n',
    "server/uv.lock": "version = 1\n",
    "server/alembic.ini": "[alembic]\nscript_location = migrations\n",
    "server/migrations/env.py": "",
    "server/migrations/versions/2026-07-16-1538_add_orders.py": revision(
        "0f1e2d3c4b5a", None, "orders", "add orders"
    ),
    "server/shop/__init__.py": "",
    "server/shop/models/base.py": (
        "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Model(DeclarativeBase):\n"
        "    pass\n\n\nclass RecordModel(Model):\n    __abstract__ = True\n"
    ),
    "server/shop/models/__init__.py": (
        "from .base import Model, RecordModel\nfrom .customer import Customer\n"
        "from .order import Order\nfrom .product import Product\n\n"
        "__all__ = ['Model', 'RecordModel', 'Customer', 'Order', 'Product']\n"
    ),
    **{
        f"server/shop/models/{name}.py": (
            "from .base import RecordModel\n\n\n"
            f"class {name.title()}(RecordModel):\n    __tablename__ = '{name}s'\n"
        )
        for name in ("customer", "order", "product")
    },
}


def test_a_relation_stored_in_a_new_table_names_the_table(tmp_path: Path) -> None:
    write_tree(tmp_path, ONE_TABLE_PER_MODULE)
    planning = plan_for(
        tmp_path,
        "Users follow each other. The follower/followee relation is stored in a new "
        "table, with its migration.",
    )
    assert planning.scope_result.new_tables == ("followers",)
    assert changes(planning.plan)["server/shop/models/follower.py"] == CREATE


def test_a_new_table_gets_a_module_like_its_neighbours_and_a_revision(tmp_path: Path) -> None:
    write_tree(tmp_path, ONE_TABLE_PER_MODULE)
    planning = plan_for(tmp_path, "Add feedbacks table and model")
    plan = planning.plan
    assert planning.scope_result.new_tables == ("feedbacks",)
    assert changes(plan) == {
        "server/shop/models/feedback.py": CREATE,
        "server/shop/models/__init__.py": MODIFY,
        "server/migrations/versions/YYYY-MM-DD-HHMM_add_feedbacks_table.py": CREATE,
    }
    model = next(c for c in plan.changes if c.path == "server/shop/models/feedback.py")
    assert model.code_sketch == (
        'class Feedback(RecordModel):\n    __tablename__ = "feedbacks"\n    ...\n'
    )
    assert any("creates `feedbacks` empty" in note for note in plan.migration)


@pytest.mark.parametrize(
    ("files", "title", "path", "header"),
    [
        # a table named after another joins its module, written like its tables
        (DOMAINS, "add CustomerNote model", "src/shop/customer/models.py",
         "class CustomerNote(Base, TimeStampMixin):"),
        # every table in one models.py: a singular table, SQLModel's own idiom
        (TEMPLATE, "Add a `Tag` model for items", "backend/app/models.py",
         "class Tag(SQLModel, table=True):"),
        # a new table named without "add"
        (TEMPLATE, "Audit: a new `ItemDeletion` table records who deleted an item",
         "backend/app/models.py", "class ItemDeletion(SQLModel, table=True):"),
    ],
)  # fmt: skip
def test_a_new_table_joins_the_module_its_kin_or_all_tables_live_in(
    tmp_path: Path, files: dict[str, str], title: str, path: str, header: str
) -> None:
    write_tree(tmp_path, files)
    plan = plan_for(tmp_path, title).plan
    model = next(c for c in plan.changes if c.path == path)
    assert model.action == MODIFY and model.code_sketch.startswith(header)
    assert sum("/versions/" in c.path for c in plan.changes) == 1


def test_fields_added_to_existing_models_make_no_new_table(tmp_path: Path) -> None:
    write_tree(tmp_path, TEMPLATE)
    planning = plan_for(tmp_path, "Add created_at field to Item models")
    assert planning.scope_result.new_tables == ()
    assert planning.scope_result.stored_fields == ("item.created_at",)


OTHERS_PLAN = """# Backend plan: archive items

## Files

| action | path |
|---|---|
| modify | `backend/app/models.py` |

### `backend/app/models.py`

```python
class Item(ItemBase, table=True):
    archived_at: datetime | None = Field(default=None)
```
"""


@pytest.mark.parametrize(
    ("extra", "warned"),
    [
        ("", True),
        ("\n## Database\n\nAdd an alembic revision for the new column.\n", False),
    ],
)
def test_a_reviewed_plan_that_changes_a_table_without_a_migration_is_warned(
    tmp_path: Path, extra: str, warned: bool
) -> None:
    write_tree(tmp_path, TEMPLATE)
    doc = tmp_path / ".claude" / "doc" / "archive" / "backend.md"
    doc.parent.mkdir(parents=True)
    doc.write_text(OTHERS_PLAN + extra, encoding="utf-8")
    reviewed = api.review(str(tmp_path), "archive", known=api.knowledge(str(tmp_path), cache=False))
    assert reviewed is not None
    rules = {f.rule: f for f in reviewed.findings}
    assert ("no-migration" in rules) == warned
    if warned:
        finding = rules["no-migration"]
        assert finding.path == "backend/app/models.py" and "Item" in finding.message
        assert "backend/app/alembic/versions/" in finding.message


def test_a_drafted_plan_without_its_revision_is_warned_when_validated(tmp_path: Path) -> None:
    write_tree(tmp_path, TEMPLATE)
    planning = plan_for(tmp_path, "Add created_at field to Item models")
    plan = planning.plan
    assert plan.validation == ()  # the offline plan writes its revision
    # a draft (a model's, say) that adds the column and says nothing of the schema
    forgetful = dataclasses.replace(
        plan,
        changes=tuple(c for c in plan.changes if "/versions/" not in c.path),
        migration=(),
    )
    findings = plan_migration_findings(forgetful, planning.known)
    assert [(f.rule, f.path) for f in findings] == [("no-migration", "backend/app/models.py")]
    assert plan_migration_findings(plan, planning.known) == []


@pytest.mark.parametrize(
    ("title", "backfill"),
    [
        ("feat(customer): add nullable loyalty_tier column", True),
        ("feat(customer): add loyalty_tier column", False),
    ],
)
def test_a_nullable_column_gets_a_backfill_script_where_the_repository_keeps_them(
    tmp_path: Path, title: str, backfill: bool
) -> None:
    write_tree(tmp_path, ONE_TABLE_PER_MODULE)
    write_tree(
        tmp_path,
        {
            "server/scripts/__init__.py": "",
            "server/scripts/backfill_order_total.py": "def run() -> None:\n    pass\n",
            "server/scripts/backfill_product_slug.py": "def run() -> None:\n    pass\n",
        },
    )
    found = changes(plan_for(tmp_path, title).plan)
    assert ("server/scripts/backfill_customer_loyalty_tier.py" in found) == backfill
    assert found["server/shop/models/customer.py"] == MODIFY


@pytest.mark.parametrize(
    ("title", "router"),
    [
        ("Add created_at field to Item models and update endpoints", True),
        ("Add created_at field to Item models", False),
    ],
)
def test_the_router_of_a_table_changes_where_the_session_shows_the_field(
    tmp_path: Path, title: str, router: bool
) -> None:
    write_tree(tmp_path, TEMPLATE)
    found = changes(plan_for(tmp_path, title).plan)
    assert ("backend/app/api/routes/items.py" in found) == router


def test_the_revision_command_carries_no_shell_syntax_from_the_title(tmp_path: Path) -> None:
    """The command is meant to be pasted into a shell: a title's `$(…)`, backticks or
    quotes do not reach it."""
    write_tree(tmp_path, DOMAINS)
    plan = plan_for(tmp_path, 'add nullable column to customers $(touch x) `id` "y"').plan
    revision = next(c for c in plan.changes if "/versions/" in c.path)
    command = revision.details[0].split("with `", 1)[1].rsplit("` (alembic", 1)[0]
    message = command.split(" -m ", 1)[1]
    assert message.startswith('"add nullable column to customers') and message.endswith('"')
    assert not set("$`") & set(message) and message.count('"') == 2


# SQLAlchemy Core tables mapped imperatively, as hexagonal repositories often write them.
CORE_TABLES = {
    "pyproject.toml": '[project]\nname = "todo"\n',
    "alembic.ini": "[alembic]\nscript_location = todo/infra/alembic\n",
    "todo/__init__.py": "",
    "todo/infra/__init__.py": "",
    "todo/infra/alembic/env.py": "",
    "todo/infra/alembic/versions/b6dab5e5cdac_initial.py": revision(
        "b6dab5e5cdac", None, "todo_item", "initial"
    ),
    "todo/infra/db.py": "from sqlalchemy import MetaData\n\nmetadata = MetaData()\n",
    "todo/infra/models.py": (
        "from sqlalchemy.schema import Column, Table\nfrom sqlalchemy.types import Integer, "
        "String\n\nfrom todo.infra.db import metadata\n\n"
        'TodoItem = Table(\n    "todo_item",\n    metadata,\n'
        '    Column("id", Integer, primary_key=True),\n    Column("msg", String(100)),\n)\n'
        'User = Table("user", metadata, Column("id", Integer, primary_key=True))\n'
    ),
    # another library's Table is no stored table
    "todo/infra/queries.py": 'from pypika import Table\n\nusers = Table("users")\n',
}


def test_a_core_table_gains_its_column_as_a_column_argument(tmp_path: Path) -> None:
    write_tree(tmp_path, CORE_TABLES)
    planning = plan_for(tmp_path, "add is_archived column to todo items")
    assert planning.scope_result.stored_fields == ("todo_item.is_archived",)
    model = next(c for c in planning.plan.changes if c.path == "todo/infra/models.py")
    assert model.code_sketch == (
        'TodoItem = Table(\n    "todo_item",\n    metadata,\n    ...,\n'
        '    Column("is_archived", Boolean, nullable=True),\n)\n'
    )
    assert [c.path for c in planning.plan.changes if "/versions/" in c.path] == [
        next(c.path for c in planning.plan.changes if c.action == CREATE)
    ]
    # a field the Core table has already
    sessions = tmp_path / ".claude" / "sessions"
    (sessions / "context_session_again.md").write_text("# add msg column to todo items\n")
    again = api.plan_session(str(tmp_path), "again")
    again.scope()
    assert again.scope_result.stored_fields == ()


# SQLAlchemy 2.0's declarative base, subclassed directly and then aliased as the
# tables' base (``Base: type[DeclarativeBase] = DBTable``), and a session that names
# its field as "a new nullable `x` column of the account table" (no "add").
ALIASED_BASE = {
    "backend/pyproject.toml": '[project]\nname = "svc"\ndependencies = ["sqlalchemy"]\n',
    "backend/alembic.ini": "[alembic]\nscript_location = src/repository/migrations\n",
    "backend/src/__init__.py": "",
    "backend/src/repository/__init__.py": "",
    "backend/src/repository/table.py": (
        "import typing\n\nfrom sqlalchemy.orm import DeclarativeBase\n\n\n"
        "class DBTable(DeclarativeBase):\n    pass\n\n\n"
        "Base: typing.Type[DeclarativeBase] = DBTable\n"
    ),
    "backend/src/repository/migrations/env.py": "from alembic import context\n",
    "backend/src/repository/migrations/versions/"
    "2022_12_09_1825-60d1844cb5d3_initial_migration_fo_account_table.py": revision(
        "60d1844cb5d3", None, "account", "initial migration for account table"
    ),
    "backend/src/models/__init__.py": "",
    "backend/src/models/db/__init__.py": "",
    "backend/src/models/db/account.py": (
        "from sqlalchemy.orm import Mapped, mapped_column\n\n"
        "from src.repository.table import Base\n\n\n"
        "class Account(Base):\n    __tablename__ = 'account'\n\n"
        "    id: Mapped[int] = mapped_column(primary_key=True)\n"
    ),
}


def test_a_new_column_named_without_add_on_an_aliased_declarative_base(tmp_path: Path) -> None:
    write_tree(tmp_path, ALIASED_BASE)
    planning = plan_for(
        tmp_path,
        "Account avatars",
        "- Store its URL in a new nullable `avatar_url` column of the account table.\n",
    )
    assert planning.scope_result is not None
    assert planning.scope_result.stored_fields == ("account.avatar_url",)
    found = changes(planning.plan)
    assert found.pop("backend/src/models/db/account.py") == MODIFY
    (created,) = [p for p, action in found.items() if action == CREATE and "/versions/" in p]
    assert re.fullmatch(
        r"backend/src/repository/migrations/versions/"
        r"YYYY_MM_DD_HHMM-[0-9a-f]{12}_add_avatar_url_to_account\.py",
        created,
    ), created
    # the declarative base itself is no table
    assert {m.name for m in stored_models(planning.known.model)} == {"Account"}


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("Add a nullable column `archived_at` to the item table.", ("item.archived_at",)),
        ("Ajouter une colonne `archived_at` à la table item.", ("item.archived_at",)),
        ("Añadir un nuevo campo `archived_at` a la tabla item.", ("item.archived_at",)),
        ("Add the `archived_at` column to the item table.", ("item.archived_at",)),
    ],
)
def test_a_field_named_after_its_field_word_in_any_language_is_a_field(
    tmp_path: Path, request_text: str, expected: tuple[str, ...]
) -> None:
    """The name may follow the field word (``une colonne `x```), not only precede it;
    the words before it (``une``, ``un nuevo``) are never fields."""
    write_tree(tmp_path, TEMPLATE)
    planning = plan_for(tmp_path, "Archive items", f"- {request_text}\n")
    assert planning.scope_result is not None
    assert planning.scope_result.stored_fields == expected
    assert any("_add_archived_at_to_item.py" in c.path for c in planning.plan.changes)


def test_a_table_named_after_its_table_word_and_no_revision_in_a_slice(tmp_path: Path) -> None:
    """ "Crear una tabla `account_audit`" names a new table (the table word first, as
    French and Spanish write it); and however the account resource's files are
    gathered, the repository's existing revisions are history, never changed."""
    write_tree(tmp_path, ALIASED_BASE)
    planning = plan_for(
        tmp_path,
        "Auditoría de cuentas",
        "- Crear una tabla `account_audit` con los cambios de cada cuenta.\n",
    )
    assert planning.scope_result is not None
    assert planning.scope_result.new_tables == ("account_audit",)
    found = changes(planning.plan)
    assert found["backend/src/models/db/account.py"] == MODIFY  # AccountAudit beside Account
    revisions = [p for p in found if "/versions/" in p]
    assert len(revisions) == 1 and found[revisions[0]] == CREATE
    index = RepoIndex.build(planning.known, lambda path: (tmp_path / path).exists())
    assert index.resource_files("account") == ["backend/src/models/db/account.py"]


def test_columns_announced_by_their_count_are_the_ones_named_after_it(tmp_path: Path) -> None:
    """ "Two columns, `lat` and `lng`" adds those two; "add the two columns" names no
    column called ``two``."""
    write_tree(tmp_path, TEMPLATE)
    planning = plan_for(
        tmp_path,
        "Item position",
        "- The item keeps its position mapped to two columns, `lat` and `lng`.\n"
        "- Add the two columns to the item table in a new revision.\n",
    )
    assert planning.scope_result is not None
    assert planning.scope_result.stored_fields == ("item.lat", "item.lng")
    assert any("_add_lat_lng_to_item.py" in c.path for c in planning.plan.changes)


def test_a_column_of_a_table_class_kept_apart_from_its_entity_reaches_the_entity(
    tmp_path: Path,
) -> None:
    """``UserModel`` stores the domain's ``User``: a column it gains is a field of the
    entity too, in the entity's own module."""
    write_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "svc"\ndependencies = ["sqlalchemy"]\n',
            "alembic.ini": "[alembic]\nscript_location = app/migrations\n",
            "app/__init__.py": "",
            "app/migrations/env.py": "from alembic import context\n",
            "app/migrations/versions/a1_init.py": revision("a1", None, "users", "init"),
            "app/domain/__init__.py": "",
            "app/domain/entities.py": (
                "from dataclasses import dataclass\n\n\n@dataclass\nclass User:\n"
                "    id: int\n    email: str\n"
            ),
            "app/infrastructure/__init__.py": "",
            "app/infrastructure/models.py": (
                "from sqlalchemy import Column, Integer, String\n"
                "from sqlalchemy.orm import DeclarativeBase\n\n\n"
                "class Base(DeclarativeBase):\n    pass\n\n\n"
                'class UserModel(Base):\n    __tablename__ = "users"\n'
                "    id = Column(Integer, primary_key=True)\n    email = Column(String)\n"
            ),
        },
    )
    planning = plan_for(tmp_path, "User roles", "- Add a `role` column to the users table.\n")
    found = changes(planning.plan)
    assert found["app/infrastructure/models.py"] == MODIFY
    assert found["app/domain/entities.py"] == MODIFY
    entity = next(c for c in planning.plan.changes if c.path == "app/domain/entities.py")
    assert "`User`" in entity.purpose and "`role`" in entity.purpose


def test_the_tables_a_list_names_are_new_tables_and_what_the_session_excludes_is_not_planned(
    tmp_path: Path,
) -> None:
    """A phase guide lists its new tables after "models for", names them again in
    words (one with a qualifier), and lists what the phase leaves out: routes,
    schemas and a message broker, none of which is planned."""
    write_tree(tmp_path, ONE_TABLE_PER_MODULE)
    session = (
        "# Phase 3 — Wallet schema\n\n"
        "Add wallet persistence: SQLAlchemy ORM models for `currencies`, `user_wallets`, "
        "and `transactions`, plus a reviewed Alembic migration.\n\n"
        "## Scope\n\nThis phase includes:\n\n"
        "- ORM models under `server/shop/models/` for currencies, user wallets, and "
        "business transactions;\n"
        "- registration of those models in `server/shop/models/__init__.py`.\n\n"
        "This phase deliberately excludes:\n\n"
        "- HTTP routes under `POST /wallets`, Pydantic schemas;\n"
        "- Kafka diagnostics and `REDIS_URL` caching — see "
        "[PHASE_6_KAFKA.md](PHASE_6_KAFKA.md).\n\n"
        "Use manual checks only.\n"
    )
    planning = planned(tmp_path, session)
    assert planning.scope_result.new_tables == ("currencies", "user_wallets", "transactions")
    planned_paths = changes(planning.plan)
    for stem in ("currency", "user_wallet", "transaction"):
        assert planned_paths[f"server/shop/models/{stem}.py"] == CREATE
    assert planned_paths["server/shop/models/__init__.py"] == MODIFY
    revisions = [p for p in planned_paths if "/versions/" in p]
    # one revision for all of them, its slug cut as alembic cuts it
    assert revisions == [
        "server/migrations/versions/YYYY-MM-DD-HHMM_add_currencies_user_wallets_and_.py"
    ]
    scope = planning.scope_result
    assert "integration" not in scope.kinds and not scope.externals
    assert not scope.packages and not scope.settings  # no broker, no REDIS_URL, no PHASE_6
    assert not any("/api/" in p or "schema" in p for p in planned_paths)


def test_a_list_of_an_apis_models_names_no_tables(tmp_path: Path) -> None:
    write_tree(tmp_path, ONE_TABLE_PER_MODULE)
    planning = plan_for(
        tmp_path,
        "Checkout API",
        "- Pydantic models for requests, responses and errors of `POST /checkout`.\n",
    )
    assert planning.scope_result.new_tables == ()
    # code that serves no route yet gets its first router in its own package
    assert "server/shop/api/checkout_api.py" in changes(planning.plan) or any(
        p.startswith("server/shop/api/") for p in changes(planning.plan)
    )
    # code that serves no route yet gets its first router in its own package, and
    # its first use case beside it
    created = [p for p, action in changes(planning.plan).items() if action == CREATE]
    assert any(re.fullmatch(r"server/shop/api/\w+\.py", p) for p in created), created
    assert any(p.startswith("server/shop/services/") for p in created), created


def test_a_field_written_on_its_table_or_in_a_sentence_naming_one_changes_that_table_only(
    tmp_path: Path,
) -> None:
    """A long task spec names many tables as context; the field it adds goes on the
    table it is written on (``orders.priority``), or else on the tables the sentence
    adding it names, never on every table the spec mentions. A document it cites as
    its origin is not changed; one it says to update is."""
    write_tree(tmp_path, {**ONE_TABLE_PER_MODULE, "docs/next-steps.md": "# Next\n"})
    context = (
        "Customers place orders for products; each product belongs to customers' carts.\n"
        "Origin: `docs/next-steps.md` §3.\n"
    )
    dotted = plan_for(
        tmp_path,
        "Order priority",
        context + "- the new `priority` field (see the `orders.priority` column).\n",
    )
    assert dotted.scope_result.stored_fields == ("orders.priority",)
    assert "docs/next-steps.md" not in changes(dotted.plan)
    sentence = plan_for(
        tmp_path,
        "Product rank",
        context + "- Products get a new `rank` field. Update `docs/next-steps.md`.\n",
    )
    assert sentence.scope_result.stored_fields == ("products.rank",)
    assert changes(sentence.plan)["docs/next-steps.md"] == MODIFY


def test_a_new_entity_named_after_its_kind_is_a_new_table(tmp_path: Path) -> None:
    write_tree(tmp_path, ONE_TABLE_PER_MODULE)
    planning = plan_for(
        tmp_path, "Invoices", "- Add a new domain entity `Invoice` and its table.\n"
    )
    assert planning.scope_result.new_tables == ("invoices",)
    assert changes(planning.plan)["server/shop/models/invoice.py"] == CREATE


@pytest.mark.parametrize(
    "body",
    [
        "- This task adds **Pattern B**: a `priority` flag on the order entity that, when "
        "set to `HIGH`, makes the checkout file a `Customer` callback instead.\n",
        "- A `priority` column on the orders table.\n",
    ],
)
def test_a_field_on_a_named_entity_goes_on_its_table_alone(tmp_path: Path, body: str) -> None:
    """ "a `x` flag on the order entity" puts the field on the order table; what a colon
    explains after "adds" is no field added to what the sentence names later."""
    write_tree(tmp_path, ONE_TABLE_PER_MODULE)
    planning = plan_for(tmp_path, "Order priority", body)
    assert planning.scope_result.stored_fields == ("orders.priority",)


SQL_SKETCH = """```sql
ALTER TABLE coins_v2 ADD COLUMN grade_certainty VARCHAR(20) DEFAULT 'certain';
ALTER TABLE coins_v2 ADD CONSTRAINT ck_grade CHECK (grade_certainty <> '');
CREATE INDEX ix_coins_grade ON coins_v2(grade_certainty);

CREATE TABLE IF NOT EXISTS grading_hypotheses (
    id INTEGER PRIMARY KEY,
    coin_id INTEGER NOT NULL REFERENCES coins_v2(id)
);
```
"""

# A layered collection backend: the domain's ``Coin`` in its own module, the tables
# in one ``orm.py``, a repository mapping one to the other, and an older copy of
# the models kept in an archive folder.
COINS = {
    "pyproject.toml": '[project]\nname = "coins"\ndependencies = ["sqlalchemy"]\n',
    "alembic.ini": "[alembic]\nscript_location = alembic\n",
    "alembic/env.py": "from alembic import context\n",
    "alembic/versions/a1_init.py": revision("a1", None, "coins_v2", "init"),
    "src/__init__.py": "",
    "src/domain/__init__.py": "",
    "src/domain/coin.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Coin:\n    id: int\n"
    ),
    "src/infrastructure/__init__.py": "",
    "src/infrastructure/persistence/__init__.py": "",
    "src/infrastructure/persistence/orm.py": (
        "from sqlalchemy import Column, Integer\nfrom sqlalchemy.orm import DeclarativeBase\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        'class CoinModel(Base):\n    __tablename__ = "coins_v2"\n'
        "    id = Column(Integer, primary_key=True)\n\n\n"
        'class MintModel(Base):\n    __tablename__ = "mints"\n'
        "    id = Column(Integer, primary_key=True)\n"
    ),
    "src/infrastructure/repositories/__init__.py": "",
    "src/infrastructure/repositories/coin_repository.py": (
        "from src.domain.coin import Coin\n"
        "from src.infrastructure.persistence.orm import CoinModel\n\n\n"
        "class SqlCoinRepository:\n"
        "    def to_domain(self, row: CoinModel) -> Coin:\n        return Coin(row.id)\n"
    ),
    "v1_archive/__init__.py": "",
    "v1_archive/models/__init__.py": "",
    **{
        f"v1_archive/models/{name}.py": (
            "from sqlalchemy import Column, Integer\n"
            "from sqlalchemy.orm import declarative_base\n\n"
            f"Base = declarative_base()\n\n\nclass {name.capitalize()}(Base):\n"
            f'    __tablename__ = "{name}s"\n    id = Column(Integer, primary_key=True)\n'
        )
        for name in ("ruler", "issuer", "hoard", "dealer")
    },
}


def test_a_schema_change_sketched_in_sql_reaches_tables_entity_mapper_and_revision(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, COINS)
    planning = plan_for(tmp_path, "Grade certainty", SQL_SKETCH)
    scope = planning.scope_result
    assert scope is not None
    # ``ADD CONSTRAINT`` and ``CREATE INDEX`` add no field
    assert scope.stored_fields == ("coins_v2.grade_certainty",)
    assert scope.new_tables == ("grading_hypotheses",)
    found = changes(planning.plan)
    assert found["src/infrastructure/persistence/orm.py"] == MODIFY
    assert found["src/domain/coin.py"] == MODIFY
    # the repository turning rows into coins maps the new field too
    assert found["src/infrastructure/repositories/coin_repository.py"] == MODIFY
    # the new table goes beside the table the change alters, not in the archived copy
    assert not any(path.startswith("v1_archive/") for path in found)
    orm = next(c for c in planning.plan.changes if c.path.endswith("orm.py"))
    assert "GradingHypothesis" in " ".join((orm.purpose, *orm.details))
    revision_change = next(c for c in planning.plan.changes if c.path.startswith("alembic/"))
    assert "grading_hypotheses" in revision_change.purpose


# A schema kept in its migrations alone: SQL through a driver, no ORM class anywhere.
DRIVER_ONLY = {
    "api/__init__.py": "",
    "api/repositories/__init__.py": "",
    "api/repositories/trips.py": (
        "import asyncpg\n\n\nclass TripRepository:\n"
        "    def __init__(self, pool: asyncpg.Pool) -> None:\n        self._pool = pool\n\n"
        "    async def get(self, key: str) -> dict:\n"
        '        return await self._pool.fetchrow("SELECT * FROM trips WHERE id = $1", key)\n'
    ),
    "api/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    "api/alembic.ini": "[alembic]\nscript_location = alembic\n",
    "api/alembic/env.py": "from alembic import context\n",
    "api/alembic/versions/a1b2c3d4e5f6_trips.py": revision("a1b2c3d4e5f6", None, "trips", "trips"),
}


def test_a_new_table_of_a_schema_kept_in_migrations_gets_a_revision(tmp_path: Path) -> None:
    write_tree(tmp_path, DRIVER_ONLY)
    body = "- New `forecast` database table keeping each forecast of a trip.\n"
    planning = plan_for(tmp_path, "Keep trip forecasts", body)
    assert planning.scope_result.new_tables == ("forecasts",)
    created = [p for p, action in changes(planning.plan).items() if action == CREATE]
    assert any(
        re.fullmatch(r"api/alembic/versions/[0-9a-f]{12}_add_forecasts_table\.py", p)
        for p in created
    ), created


def test_numbered_revisions_are_followed_by_the_next_number(tmp_path: Path) -> None:
    """Where a team numbers its revisions (``047_…`` with revision ``"047"``) the new one
    takes the next number, padded alike, in its name and in the command making it."""
    tree = {k: v for k, v in TEMPLATE.items() if "/versions/" not in k}
    versions = "backend/app/alembic/versions"
    tree[f"{versions}/008_initialize_models.py"] = revision("008", None, "user", "init")
    tree[f"{versions}/009_add_cascade_delete.py"] = revision("009", "008", "item", "cascade")
    write_tree(tmp_path, tree)
    plan = plan_for(tmp_path, "Add created_at field to User and Item models").plan
    created = [c for c in plan.changes if "/versions/" in c.path]
    assert [c.path for c in created] == [f"{versions}/010_add_created_at_to_user_and_item.py"]
    assert "--rev-id 010 " in " ".join(created[0].details)
