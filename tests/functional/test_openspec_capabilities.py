"""An OpenSpec proposal tuning a library's configuration: the capabilities it lists
(``- `crawly-deep-crawl`: …`` under "New Capabilities") are no packages, even when
they start with a pinned package's name, and "new config fields" are settings, no
columns of a table."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

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
