"""A router folder that keeps one endpoint per module, each built by a factory of its
own and all included by one module: a new endpoint is a new module beside them,
included where they are, and no neighbour's module changes."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree


def _endpoint(name: str, method: str, path: str, command: str) -> str:
    return (
        "from fastapi import APIRouter\n\n"
        f"from app.core.commands.{name} import {command}\n\n\n"
        f"def make_{name}_router() -> APIRouter:\n"
        "    router = APIRouter()\n\n"
        f'    @router.{method}("{path}")\n'
        f"    def {name}(user_id: int = 0) -> None:\n"
        f"        {command}().execute(user_id)\n\n"
        "    return router\n"
    )


def _command(command: str) -> str:
    return f"class {command}:\n    def execute(self, user_id: int) -> None:\n        pass\n"


ENDPOINTS = {
    "create_user": ("post", "/", "CreateUser"),
    "grant_admin": ("put", "/{user_id}/roles/admin", "GrantAdmin"),
    "deactivate_user": ("delete", "/{user_id}/activation", "DeactivateUser"),
}


def _tree(endpoints: dict[str, tuple[str, str, str]]) -> dict[str, str]:
    tree = {
        "app/__init__.py": "",
        "app/core/__init__.py": "",
        "app/core/commands/__init__.py": "",
        "app/http/__init__.py": "",
        "app/http/users/__init__.py": "",
        "app/main.py": (
            "from fastapi import FastAPI\n\nfrom app.http.users.router import make_users_router\n\n"
            "app = FastAPI()\napp.include_router(make_users_router())\n"
        ),
    }
    imports, includes = "", ""
    for name, (method, path, command) in endpoints.items():
        tree[f"app/http/users/{name}.py"] = _endpoint(name, method, path, command)
        tree[f"app/core/commands/{name}.py"] = _command(command)
        imports += f"from app.http.users.{name} import make_{name}_router\n"
        includes += f"    router.include_router(make_{name}_router())\n"
    tree["app/http/users/router.py"] = (
        f"from fastapi import APIRouter\n\n{imports}\n\n"
        "def make_users_router() -> APIRouter:\n"
        '    router = APIRouter(prefix="/users")\n'
        f"{includes}    return router\n"
    )
    return tree


SESSION = """# Rename a user

## Goal
- Admins rename a user: `PUT /users/{user_id}/username` stores the new username.
"""


def test_a_new_endpoint_gets_its_own_module_included_with_the_others(tmp_path: Path) -> None:
    """Its use case is a class of its own with the one action method its neighbours
    have."""
    write_tree(tmp_path, _tree(ENDPOINTS))
    plan = planned(tmp_path, SESSION, "rename_user").plan
    changes = {c.path: c.action for c in plan.changes}
    assert changes["app/http/users/rename_user.py"] == "create"
    assert changes["app/http/users/router.py"] == "modify"
    assert changes["app/core/commands/rename_user.py"] == "create"
    neighbours = [f"app/http/users/{name}.py" for name in ENDPOINTS]
    assert not [path for path in neighbours if path in changes]
    created = next(c for c in plan.changes if c.path == "app/http/users/rename_user.py")
    assert '@router.put("/{user_id}/username")' in created.code_sketch
    # one action per use case here, ``execute``: the new one has it, and the route calls it
    assert "rename_user.execute(" in created.code_sketch
    use_case = next(c for c in plan.changes if c.path == "app/core/commands/rename_user.py")
    assert "def execute(" in use_case.code_sketch


def test_two_one_route_routers_are_no_such_layout(tmp_path: Path) -> None:
    """Two small routers of one route each may be a coincidence: the new route joins
    its closest neighbour, as anywhere else."""
    two = {name: ENDPOINTS[name] for name in ("grant_admin", "deactivate_user")}
    write_tree(tmp_path, _tree(two))
    plan = planned(tmp_path, SESSION, "rename_user").plan
    changes = {c.path: c.action for c in plan.changes}
    assert "app/http/users/rename_user.py" not in changes
    assert {"app/http/users/grant_admin.py", "app/http/users/deactivate_user.py"} & set(changes)


def test_the_endpoint_module_is_named_after_the_use_case_not_its_role(tmp_path: Path) -> None:
    """Use cases named ``…Interactor`` (``CreateUserInteractor`` in ``create_user.py``):
    the new endpoint's module is ``rename_user.py``, like its neighbours."""
    endpoints = {name: (m, p, f"{c}Interactor") for name, (m, p, c) in ENDPOINTS.items()}
    write_tree(tmp_path, _tree(endpoints))
    plan = planned(tmp_path, SESSION, "rename_user").plan
    changes = {c.path: c.action for c in plan.changes}
    assert changes["app/http/users/rename_user.py"] == "create"
    assert not [p for p in changes if p.endswith("_interactor.py") and "/http/" in p]
