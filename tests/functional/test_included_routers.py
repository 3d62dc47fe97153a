"""Routers without a prefix of their own, included under ``/api/v1`` by a chain of
``include_router`` calls, whose routes lead with a user segment
(``/api/v1/{username}/post``), and ORM tables in a ``models`` package: the layout of
popular FastAPI boilerplates. A new route joins the router of its resource (not the
first router whose routes also start with ``/api/v1``), its decorator writes the
path without the included prefix, its schemas are the resource's, and a new table
module takes the layer of the tables beside it."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

POSTS = (
    "from fastapi import APIRouter\n\nfrom ...schemas.post import PostRead\n\n"
    'router = APIRouter(tags=["posts"])\n\n\n'
    '@router.post("/{username}/post")\nasync def write_post(username: str) -> PostRead:\n'
    "    return PostRead()\n\n\n"
    '@router.get("/{username}/posts")\nasync def read_posts(username: str) -> list:\n'
    "    return []\n\n\n"
    '@router.get("/{username}/post/{id}")\nasync def read_post(username: str, id: int) -> dict:\n'
    "    return {}\n"
)
USERS = (
    "from fastapi import APIRouter\n\nfrom ...schemas.tier import TierRead\n"
    "from ...schemas.user import UserRead\n\n"
    'router = APIRouter(tags=["users"])\n\n\n'
    '@router.get("/user/{username}")\nasync def read_user(username: str) -> UserRead:\n'
    "    return UserRead()\n\n\n"
    '@router.get("/users")\nasync def read_users() -> list:\n    return []\n\n\n'
    '@router.get("/user/{username}/tier")\nasync def read_user_tier(username: str) -> TierRead:\n'
    "    return TierRead()\n"
)
TABLE = (
    "from sqlalchemy import Integer\nfrom sqlalchemy.orm import Mapped, mapped_column\n\n"
    "from ..core.db.database import Base\n\n\n"
    "class {cls}(Base):\n"
    '    __tablename__ = "{table}"\n\n'
    "    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
)
SCHEMA = "from pydantic import BaseModel\n\n\nclass {cls}(BaseModel):\n    pass\n"
TREE = {
    "pyproject.toml": '[project]\nname = "boilerplate"\n',
    "src/app/__init__.py": "",
    "src/app/main.py": (
        "from fastapi import FastAPI\n\nfrom .api import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    "src/app/api/__init__.py": (
        "from fastapi import APIRouter\n\nfrom ..api.v1 import router as v1_router\n\n"
        'router = APIRouter(prefix="/api")\nrouter.include_router(v1_router)\n'
    ),
    "src/app/api/v1/__init__.py": (
        "from fastapi import APIRouter\n\nfrom .posts import router as posts_router\n"
        "from .users import router as users_router\n\n"
        'router = APIRouter(prefix="/v1")\nrouter.include_router(users_router)\n'
        "router.include_router(posts_router)\n"
    ),
    "src/app/api/v1/users.py": USERS,
    "src/app/api/v1/posts.py": POSTS,
    "src/app/core/__init__.py": "",
    "src/app/core/db/__init__.py": "",
    "src/app/core/db/database.py": (
        "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n"
    ),
    "src/app/models/__init__.py": (
        "from .post import Post\nfrom .tier import Tier\nfrom .user import User\n"
    ),
    "src/app/models/post.py": TABLE.format(cls="Post", table="post"),
    "src/app/models/tier.py": TABLE.format(cls="Tier", table="tier"),
    "src/app/models/user.py": TABLE.format(cls="User", table="user"),
    "src/app/schemas/__init__.py": "",
    "src/app/schemas/post.py": SCHEMA.format(cls="PostRead"),
    "src/app/schemas/tier.py": SCHEMA.format(cls="TierRead"),
    "src/app/schemas/user.py": SCHEMA.format(cls="UserRead"),
}
SESSION = (
    "# Post likes\n\nUsers like posts. Add a `likes` table and the endpoint "
    "`POST /api/v1/{username}/post/{id}/like`.\n"
)


def test_a_new_route_joins_its_resources_router_with_the_path_its_decorators_write(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    plan = planned(tmp_path, SESSION).plan
    assert plan is not None
    by_path = {change.path: change for change in plan.changes}
    assert "src/app/api/v1/users.py" not in by_path
    assert "src/app/schemas/tier.py" not in by_path
    posts = by_path["src/app/api/v1/posts.py"]
    assert '@router.post("/{username}/post/{id}/like")' in posts.code_sketch
    assert "src/app/schemas/post.py" in by_path
    like = by_path["src/app/models/like.py"]
    assert like.action == "create"
    assert like.layer == "infrastructure"  # the layer its neighbours' imports gave them
