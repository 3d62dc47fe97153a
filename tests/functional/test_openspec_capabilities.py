"""An OpenSpec proposal tuning a library's configuration: the capabilities it lists
(``- `crawly-deep-crawl`: …`` under "New Capabilities") are no packages, even when
they start with a pinned package's name, and "new config fields" are settings, no
columns of a table."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, planned_changes, write_tree

from archbook.domain.plan import MODIFY

TREE = {
    "pyproject.toml": (
        '[project]\nname = "harvest"\nversion = "0.1.0"\n'
        'dependencies = ["fastapi>=0.110", "sqlalchemy>=2.0", "crawly>=1.2"]\n'
    ),
    "app/__init__.py": "",
    "app/config.py": (
        "from pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n    crawler_headless: bool = True\n"
    ),
    "app/crawler/__init__.py": "",
    "app/crawler/settings.py": (
        "from dataclasses import dataclass\n\n\n"
        "@dataclass\nclass CrawlerSettings:\n    headless: bool = True\n"
    ),
    "app/users/__init__.py": "",
    "app/users/models.py": (
        "from sqlalchemy import Integer, String\n"
        "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        "class User(Base):\n    __tablename__ = 'user'\n"
        "    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
        "    agent: Mapped[str] = mapped_column(String)\n"
    ),
    "app/users/routes.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        '@router.get("/users")\ndef users() -> list[dict]:\n    return []\n'
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.users.routes import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}

PROPOSAL = (
    "## Why\n\n`CrawlerSettings` covers a fifth of the crawler's options; pages come back "
    "with navigation and ads, and the user agent never changes.\n\n"
    "## What Changes\n\n"
    "- Add content filtering and user-agent rotation to `CrawlerSettings`\n"
    "- Add 6 new env vars for all new config fields\n\n"
    "## Capabilities\n\n### New Capabilities\n\n"
    "- `crawly-content-filtering`: noise filtering of the markdown\n"
    "- `crawly-deep-crawl`: native breadth-first crawling with a rate limit\n"
)


def test_capabilities_are_no_packages_and_config_fields_no_columns(tmp_path: Path) -> None:
    write_tree(tmp_path, TREE)
    planning = planned(tmp_path, PROPOSAL, "crawly-config")
    assert planning.plan is not None
    scope = planning.scope_result
    assert scope is not None
    assert scope.packages == ()
    assert scope.stored_fields == () and scope.new_tables == ()
    changes = {c.path for c in planning.plan.changes}
    assert "app/crawler/settings.py" in changes
    assert "pyproject.toml" not in changes
    assert not any("alembic" in p or p == "app/users/models.py" for p in changes)


STATES = {
    "app/__init__.py": "",
    "app/records.py": (
        "from typing import TypedDict\n\n\nclass GuardRecord(TypedDict):\n    key: str\n"
    ),
    "app/stats.py": (
        "from typing import TypedDict\n\n\nclass TallyStats(TypedDict):\n    count: int\n"
    ),
    "app/summary.py": (
        "from typing import TypedDict\n\n\nclass DigestSummary(TypedDict):\n    total: int\n"
    ),
    "app/ports.py": (
        "from typing import Protocol\n\n\n"
        "class KnowledgeGraph(Protocol):\n    def neighbours(self, key: str) -> list[str]: ...\n"
    ),
    "app/graph/__init__.py": "",
    "app/graph/state.py": (
        "from typing import TypedDict\n\nimport langgraph\n\n\n"
        "class ScoutState(TypedDict):\n    query: str\n"
    ),
    "app/tasks.py": (
        "from app.stats import TallyStats\nfrom app.summary import DigestSummary\n\n\n"
        "def digest() -> DigestSummary:\n    return {'total': 0}\n\n\n"
        "def tally() -> TallyStats:\n    return {'count': 0}\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.tasks import digest\n\napp = FastAPI()\n\n\n"
        '@app.get("/digest")\ndef read() -> dict:\n    return dict(digest())\n'
    ),
}

MIGRATION = (
    "## Why\n\nRecords cross a Redis boundary unchecked; LangGraph state schemas follow "
    "the interior-state pattern.\n\n"
    "## What Changes\n\n"
    "- Convert `GuardRecord` from TypedDict to a Pydantic `BaseModel`.\n"
    "- Keep `TallyStats`, `DigestSummary` as TypedDict: internal return types. No change.\n"
    "- LangGraph state schemas stay TypedDict; their graph boundaries get Pydantic "
    "input and output schemas.\n"
)


def test_a_kept_list_changes_nothing_and_a_library_s_name_is_no_new_class(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, STATES, MIGRATION, "typeddict-to-pydantic")
    assert changes["app/records.py"].action == MODIFY  # the one converted
    # kept, alone or in a list
    assert "app/stats.py" not in changes and "app/summary.py" not in changes
    # `LangGraph` is the `langgraph` library the code imports: no port, no adapter
    assert not any("lang_graph" in path for path in changes)
