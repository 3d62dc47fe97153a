"""A monorepo of two apps, each with its own ``src`` package, the backend serving its
routers under ``/api/v1`` and the other app serving most routes without it: a session
writing ``/tools/...`` means the backend's ``/api/v1/tools`` router, and the new
tests go to the backend's tests, kept by package."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.application.planning.scoping.scope import served_prefix
from archbook.domain.plan import MODIFY

ROUTE = (
    'router = APIRouter(prefix="/{0}")\n\n\n'
    '@router.get("/")\ndef list_{0}() -> list[dict]:\n    return []\n'
)

TREE = {
    "backend/src/__init__.py": "",
    "backend/src/tool/__init__.py": "",
    "backend/src/tool/service.py": (
        "class ToolService:\n    def list_tools(self) -> list[dict]:\n        return []\n"
    ),
    "backend/src/tool/router.py": (
        "from fastapi import APIRouter\n\nfrom src.tool.service import ToolService\n\n"
        'router = APIRouter(prefix="/tools")\n\n\n'
        '@router.get("/")\ndef list_tools() -> list[dict]:\n'
        "    return ToolService().list_tools()\n\n\n"
        '@router.get("/{tool_id}")\ndef get_tool(tool_id: str) -> dict:\n'
        "    return {}\n"
    ),
    "backend/src/auth/__init__.py": "",
    "backend/src/auth/router.py": "from fastapi import APIRouter\n\n" + ROUTE.format("auth"),
    "backend/src/etl/__init__.py": "",
    "backend/src/etl/router.py": "from fastapi import APIRouter\n\n" + ROUTE.format("etl"),
    "backend/src/main.py": (
        "from fastapi import FastAPI\n\n"
        "from src.auth.router import router as auth_router\n"
        "from src.etl.router import router as etl_router\n"
        "from src.tool.router import router as tool_router\n\n"
        "app = FastAPI()\n"
        'app.include_router(tool_router, prefix="/api/v1")\n'
        'app.include_router(auth_router, prefix="/api/v1")\n'
        'app.include_router(etl_router, prefix="/api/v1")\n'
    ),
    "backend/tests/__init__.py": "",
    "backend/tests/auth/test_auth_api.py": (
        "from src.auth.router import list_auth\n\n\n"
        "def test_lists() -> None:\n    assert list_auth() == []\n"
    ),
    "backend/tests/etl/test_etl_api.py": (
        "from src.etl.router import list_etl\n\n\n"
        "def test_lists() -> None:\n    assert list_etl() == []\n"
    ),
    "storage/src/__init__.py": "",
    "storage/src/server.py": (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        + "".join(
            f'@app.post("/{verb}/{what}")\ndef {verb}_{what}() -> dict:\n    return {{}}\n\n\n'
            for verb in ("upload", "vector", "download")
            for what in ("chunk", "search", "url")
        )
    ),
    "storage/test_tools/test_server.py": (
        "from src.server import upload_chunk\n\n\n"
        "def test_upload() -> None:\n    assert upload_chunk() == {}\n"
    ),
}


def test_a_path_written_without_the_backend_s_lead_joins_its_router_and_tests(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    planning = planned(
        tmp_path,
        "# Tools of a table\n\n## What Changes\n"
        "- A read-only route `GET /tools/by-table/{table_id}` lists the tools of a table.\n",
        "tools-by-table",
    )
    assert planning.plan is not None
    changes = {c.path: c for c in planning.plan.changes}
    assert changes["backend/src/tool/router.py"].action == MODIFY
    assert not any(p.startswith("storage/") for p in changes)
    tests = [t.path for t in planning.plan.tests]
    assert tests and all(t.startswith("backend/tests/tool/") for t in tests)


def test_a_lead_few_routes_share_is_the_named_paths_lead_when_they_are_served_only_there() -> None:
    served = ["/api/v1/tools/", "/api/v1/auth/", "/upload/a", "/upload/b", "/vector/c"]
    assert served_prefix(served, ["/tools/by-table/{table_id}"]) == "/api/v1"
    assert served_prefix(served, ["/upload/d"]) == ""  # served as written
    assert served_prefix(served, ["/reports/x"]) == ""  # no route of its lead
