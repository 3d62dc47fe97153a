"""A repository whose use cases are command and query handlers in a folder per
resource (namespace folders, files named ``<action>_cmd.py``/``<action>_query.py``),
re-exported up through the packages above them, built by ``build_…`` factories in a
composition module and served by routers named after their path: a new feature
follows each of those habits."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook import api
from archbook.application.planning.offline.conventions import learn_conventions
from archbook.domain.plan import CREATE, MODIFY


def handler(name: str, port: str, module: str) -> str:
    return (
        "from dataclasses import dataclass\n\n"
        f"from lib.domain.ports.{module} import {port}\n"
        "from lib.domain.outcome import Outcome\n\n\n"
        f"@dataclass(frozen=True)\nclass {name}Command:\n    key: str\n\n\n"
        f"class {name}Handler:\n"
        f"    def __init__(self, store: {port}) -> None:\n        self.store = store\n\n"
        f"    async def handle(self, command: {name}Command) -> Outcome[None]:\n"
        "        return Outcome(None)\n"
    )


def router(prefix: str, function: str, executor: str) -> str:
    return (
        "from fastapi import APIRouter, Depends\n\n"
        f"from lib.web.dependencies import current_member, {executor}\n\n"
        f'router = APIRouter(prefix="/{prefix}")\n\n\n'
        f'@router.post("/start")\nasync def {function}(\n'
        f"    run=Depends({executor}), member=Depends(current_member)\n):\n"
        "    return await run()\n"
    )


TREE = {
    "lib/__init__.py": "",
    "lib/domain/__init__.py": (
        "from .use_cases import ResendCodeHandler, ShowProfileHandler, StartTrialHandler\n\n"
        '__all__ = ["ResendCodeHandler", "ShowProfileHandler", "StartTrialHandler"]\n'
    ),
    # a generic result type, not a stored resource however often a session names it
    "lib/domain/outcome.py": (
        "from dataclasses import dataclass\nfrom typing import Generic, TypeVar\n\n"
        'T = TypeVar("T")\n\n\n@dataclass(frozen=True)\nclass Outcome(Generic[T]):\n'
        "    data: T | None = None\n"
    ),
    "lib/domain/entities/__init__.py": "",
    "lib/domain/entities/member.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Member:\n    id: str\n"
    ),
    "lib/domain/entities/trial.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Trial:\n    id: str\n"
    ),
    "lib/domain/ports/__init__.py": "",
    "lib/domain/ports/member_store.py": (
        "from typing import Protocol\n\n\nclass MemberStore(Protocol):\n"
        "    async def get(self, key: str) -> object: ...\n"
    ),
    "lib/domain/ports/trial_store.py": (
        "from typing import Protocol\n\n\nclass TrialStore(Protocol):\n"
        "    async def get(self, key: str) -> object: ...\n"
    ),
    "lib/domain/use_cases/__init__.py": (
        "from .code.resend_code_cmd import ResendCodeHandler\n"
        "from .member.show_profile_query import ShowProfileHandler\n"
        "from .trial.start_trial_cmd import StartTrialHandler\n\n"
        '__all__ = ["ResendCodeHandler", "ShowProfileHandler", "StartTrialHandler"]\n'
    ),
    "lib/domain/use_cases/code/resend_code_cmd.py": handler(
        "ResendCode", "MemberStore", "member_store"
    ),
    "lib/domain/use_cases/member/show_profile_query.py": handler(
        "ShowProfile", "MemberStore", "member_store"
    ),
    "lib/domain/use_cases/trial/start_trial_cmd.py": handler(
        "StartTrial", "TrialStore", "trial_store"
    ),
    "lib/db/__init__.py": "",
    "lib/db/stores.py": (
        "from lib.domain.ports.member_store import MemberStore\n"
        "from lib.domain.ports.trial_store import TrialStore\n\n\n"
        "class SqlMemberStore(MemberStore):\n"
        "    async def get(self, key: str) -> object:\n        return key\n\n\n"
        "class SqlTrialStore(TrialStore):\n"
        "    async def get(self, key: str) -> object:\n        return key\n"
    ),
    # the composition module: one factory per handler
    "lib/dependencies.py": (
        "from lib.db.stores import SqlMemberStore, SqlTrialStore\n"
        "from lib.domain import ResendCodeHandler, ShowProfileHandler, StartTrialHandler\n\n\n"
        "def build_resend_code_handler() -> ResendCodeHandler:\n"
        "    return ResendCodeHandler(SqlMemberStore())\n\n\n"
        "def build_show_profile_handler() -> ShowProfileHandler:\n"
        "    return ShowProfileHandler(SqlMemberStore())\n\n\n"
        "def build_start_trial_handler() -> StartTrialHandler:\n"
        "    return StartTrialHandler(SqlTrialStore())\n"
    ),
    # the web layer's own Depends helpers, which the routes use
    "lib/web/__init__.py": "from .routers import code_router, trial_router\n",
    "lib/web/dependencies.py": (
        "from lib.domain.entities.member import Member\n"
        "from lib.dependencies import build_resend_code_handler, build_start_trial_handler\n\n\n"
        "def current_member() -> Member:\n    return Member('me')\n\n\n"
        "def resend_code_executor():\n    return build_resend_code_handler().handle\n\n\n"
        "def start_trial_executor():\n    return build_start_trial_handler().handle\n"
    ),
    "lib/web/routers/__init__.py": (
        "from .code import router as code_router\nfrom .trial import router as trial_router\n\n"
        '__all__ = ["code_router", "trial_router"]\n'
    ),
    "lib/web/routers/code.py": router("code", "resend", "resend_code_executor"),
    "lib/web/routers/trial.py": router("trial", "start", "start_trial_executor"),
    "lib/main.py": (
        "from fastapi import FastAPI\n\nfrom lib.web import code_router, trial_router\n\n"
        "app = FastAPI()\napp.include_router(code_router)\napp.include_router(trial_router)\n"
    ),
}
SESSION = """# Member deposit

## Goal
- An administrator credits a member: `POST /wallet/deposits` with the member and an
  amount. The handler answers an `Outcome` like the other commands, and an `Outcome`
  failure becomes a 404 when the member is unknown. Every `Outcome` is logged.
- The member's balance grows by the amount; the member row is locked meanwhile.
"""


def test_a_new_command_follows_the_handlers_files_folders_and_factories(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    plan = planned(tmp_path, SESSION, "member_deposit").plan
    assert plan is not None
    changes = {c.path: c.action for c in plan.changes}
    # the resource's own folder, the file named like its neighbours, no __init__.py in
    # a tree of namespace folders
    assert changes["lib/domain/use_cases/member/member_deposit_cmd.py"] == CREATE
    assert not [p for p in changes if p.endswith("use_cases/member/__init__.py")]
    # re-exported as the other handlers are, through both packages above it
    assert changes["lib/domain/use_cases/__init__.py"] == MODIFY
    assert changes["lib/domain/__init__.py"] == MODIFY
    # built beside the other handlers, not among the web layer's Depends helpers
    assert changes["lib/dependencies.py"] == MODIFY
    assert "lib/web/dependencies.py" not in changes
    # a router named after the path it serves, included with the others
    assert changes["lib/web/routers/wallet.py"] == CREATE
    assert changes["lib/web/routers/__init__.py"] == MODIFY


def test_a_generic_result_type_is_no_resource(tmp_path: Path) -> None:
    write_tree(tmp_path, TREE)
    planning = planned(tmp_path, SESSION, "member_deposit")
    known = api.knowledge(str(tmp_path), cache=False)
    kinds = {m.qualname.rpartition(":")[2]: m.kind for m in known.facts.models}
    assert kinds["Member"] == "entity"
    assert "Outcome" not in kinds
    scope = planning.scope_result
    assert scope is not None and scope.about() == ("member",)


def test_the_factories_building_the_handlers_are_the_container(tmp_path: Path) -> None:
    write_tree(tmp_path, TREE)
    known = api.knowledge(str(tmp_path), cache=False)
    assert learn_conventions(known).container_module == "lib/dependencies.py"
