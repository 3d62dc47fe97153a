"""The offline planner end to end on copies of real repositories: the sample's three
features, an architecture question, a greenfield repository, a monorepo's backend/
folder and the other fixture layouts. No model, no network, same bytes every run."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fakes.planned_trees import write_tree
from fakes.snapshots import PLAN_SECTIONS as SECTIONS

from archbook import api
from archbook.application.planning.offline.filing import filing_for
from archbook.application.planning.session import PlanningSession
from archbook.domain.plan import CREATE, MODIFY, Plan

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SAMPLE_KINDS = {
    "password_reset": "new_feature",
    "thread_subscriptions": "new_feature",
    "threads_listing_performance": "performance",
}


def copy(source: Path | str, into: Path, name: str = "repo") -> Path:
    root = into / name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def write_session(root: Path, feature: str, text: str) -> None:
    path = root / ".claude" / "sessions" / f"context_session_{feature}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def run(root: Path, feature: str, **options: object) -> tuple[PlanningSession, Plan, str]:
    session = api.plan(str(root), feature, **options)  # type: ignore[arg-type]
    assert session.plan is not None
    text = (root / ".claude" / "doc" / feature / "backend.md").read_text()
    return session, session.plan, text


def changes(plan: Plan) -> dict[str, str]:
    return {c.path: c.action for c in plan.changes}


def existing_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def assert_sound(plan: Plan, text: str, before: set[str]) -> None:
    """Valid, every section, and every path consistent with the tree it was planned on."""
    assert plan.valid and plan.validation == ()
    assert re.findall(r"^## (.+)$", text, re.M) == list(SECTIONS)
    for change in plan.changes:
        assert (change.path in before) == (change.action != CREATE), change
    if plan.kind == "new_feature":  # the summary counts the changes the plan lists
        creates = sum(c.action == CREATE for c in plan.changes)
        modifies = sum(c.action == MODIFY for c in plan.changes)
        files = "file" if creates == 1 else "files"
        assert f"; {creates} {files} to create and {modifies} to modify across " in plan.summary


@pytest.mark.parametrize("feature", sorted(SAMPLE_KINDS))
def test_each_sample_feature_gets_a_sound_plan_of_the_right_kind(
    tmp_path: Path, feature: str
) -> None:
    root = copy(api.sample_path(), tmp_path)
    before = existing_files(root)
    session, plan, text = run(root, feature)
    assert plan.kind == SAMPLE_KINDS[feature]
    assert_sound(plan, text, before)
    assert plan.planner == "offline"
    assert session.results["write"].details[-1] == (
        f"I've created a plan at `.claude/doc/{feature}/backend.md`, please read it first "
        "before you proceed."
    )
    assert any("poetry add" in note for note in plan.notes)
    assert plan.install_command == "poetry install"


def test_password_reset_names_every_file_of_the_feature(tmp_path: Path) -> None:
    root = copy(api.sample_path(), tmp_path)
    _, plan, _ = run(root, "password_reset")
    planned = changes(plan)
    expected = {
        "src/presentation/api/routes/auth.py": MODIFY,
        "src/presentation/api/schemas/auth.py": MODIFY,
        "src/application/services/password_reset_service.py": CREATE,
        "src/application/ports/password_reset_repository.py": CREATE,
        "src/application/ports/mailer.py": CREATE,
        "src/infrastructure/adapters/mongo/mongo_password_reset_repository.py": CREATE,
        "src/infrastructure/adapters/memory/memory_password_reset_repository.py": CREATE,
        "src/infrastructure/adapters/memory/memory_mailer.py": CREATE,
        "src/infrastructure/container.py": MODIFY,
        "src/tests/conftest.py": MODIFY,
        "src/tests/test_password_reset_service.py": CREATE,
        "src/tests/test_password_reset_api.py": CREATE,
    }
    assert {path: planned.get(path) for path in expected} == expected
    # "in a new PasswordResetService, not in AuthService": AuthService stays as it is
    assert "src/application/services/auth_service.py" not in planned
    route = next(c for c in plan.changes if c.path == "src/presentation/api/routes/auth.py")
    assert "`POST /api/auth/password-reset` → status.HTTP_202_ACCEPTED" in route.details
    assert "Provide[Container.password_reset_service]" in route.code_sketch
    assert [(e.status) for e in plan.error_handling] == [400]
    # a constraint whose only security words are code (`hashlib`, `hmac`) is no
    # security note; one whose prose says so is
    assert not [s for s in plan.security if s.startswith("Use poetry")]
    assert "Store only a hash of the reset token, never the token itself." in plan.security


def test_the_performance_plan_follows_the_request_path(tmp_path: Path) -> None:
    root = copy(api.sample_path(), tmp_path)
    _, plan, text = run(root, "threads_listing_performance")
    planned = changes(plan)
    for path in (
        "src/application/services/thread_service.py",
        "src/application/ports/thread_repository.py",
        "src/infrastructure/adapters/mongo/mongo_thread_repository.py",
        "src/infrastructure/adapters/memory/memory_thread_repository.py",
        "src/application/ports/user_repository.py",
        "src/infrastructure/adapters/mongo/mongo_user_repository.py",
        "src/infrastructure/adapters/memory/memory_user_repository.py",
        "src/infrastructure/adapters/mongo/indexes.py",
        "src/tests/test_thread_service.py",
        "src/tests/test_threads_api.py",
    ):
        assert planned.get(path) == MODIFY, path
    assert all(action == MODIFY for action in planned.values())
    user_port = next(c for c in plan.changes if c.path.endswith("ports/user_repository.py"))
    assert "get_many" in user_port.purpose
    rules = " ".join(plan.performance)
    for rule in ("await-in-loop", "unbounded-query", "find-without-projection", "unindexed-sort"):
        assert rule in rules
    assert "GET /api/threads" in plan.summary
    assert "maintenance window" in text


def test_two_runs_on_two_copies_give_the_same_bytes(tmp_path: Path) -> None:
    first = copy(api.sample_path(), tmp_path, "one")
    second = copy(api.sample_path(), tmp_path, "two")
    for feature in ("password_reset", "threads_listing_performance"):
        _, _, a = run(first, feature)
        _, _, b = run(second, feature)
        assert a.encode() == b.encode()


def test_the_offline_planner_never_opens_a_socket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use is not allowed in the offline planner")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    root = copy(api.sample_path(), tmp_path)
    for feature in SAMPLE_KINDS:
        _, plan, _ = run(root, feature)
        assert plan.valid
    assert attempts == []


def test_an_architecture_question_is_answered_from_the_repository(tmp_path: Path) -> None:
    root = copy(api.sample_path(), tmp_path)
    write_session(
        root,
        "thread_closing",
        """
        # Context session: Should thread closing live in the service or the route handler?

        ## Goal

        Decide where the rules for closing a thread belong before we add moderators.
        """,
    )
    before = existing_files(root)
    _, plan, text = run(root, "thread_closing")
    assert plan.kind == "architecture_question"
    assert_sound(plan, text, before)
    assert plan.changes == ()
    assert "`src/application/services`" in plan.approach
    assert "route handlers delegate to 4 application services" in plan.summary
    assert any("handlers are longer than 25 lines" in r for r in plan.rationale)


def test_a_greenfield_repository_gets_the_hexagon_first(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    _, plan, text = run(
        root,
        "todo_items",
        describe="Users keep a todo list: POST /api/todos creates an item (201) and "
        "GET /api/todos lists them. Items are stored behind a TodoRepository port.",
    )
    assert_sound(plan, text, set())
    planned = changes(plan)
    assert set(planned.values()) == {CREATE}
    for path in (
        "src/main.py",
        "src/infrastructure/container.py",
        "src/application/ports/todo_repository.py",
        "src/application/services/todo_items_service.py",
        "src/presentation/api/routes/todo_items.py",
        "src/tests/conftest.py",
        "src/tests/test_todo_items_api.py",
    ):
        assert path in planned, path
    assert any("Greenfield" in note for note in plan.notes)
    assert (root / ".claude" / "sessions" / "context_session_todo_items.md").exists()


def test_a_backend_folder_in_a_monorepo_is_planned_from_the_repo_root(tmp_path: Path) -> None:
    root = copy(ASSETS / "monorepo_backend", tmp_path)
    write_session(
        root,
        "x",
        """
        # Context session: Archive a project

        ## Requirements

        - `POST /api/projects/{project_id}/archive` archives the project (`200`).
        - An unknown project answers `404`.

        ## Decisions so far

        - `ProjectService` gets an `archive(project_id)` use case.
        - `ProjectRepository` gets an `update(project)` method.
        """,
    )
    before = existing_files(root)
    _, plan, text = run(root, "x")
    assert_sound(plan, text, before)
    assert plan.changes
    assert all(c.path.startswith("backend/") for c in plan.changes)
    assert all(t.path.startswith("backend/") for t in plan.tests)
    planned = changes(plan)
    assert planned["backend/app/api/routes/projects.py"] == MODIFY
    assert planned["backend/app/services/project_service.py"] == MODIFY
    assert planned["backend/app/domain/project/interfaces.py"] == MODIFY
    assert planned["backend/app/infrastructure/repositories/project_repository.py"] == MODIFY
    # the in-memory repository of the tests implements the port: it must follow
    assert planned["backend/tests/test_project_service.py"] == MODIFY
    assert not any(p.startswith("frontend/") for p in planned)


LAYOUTS = {
    "feature_slices": (
        "cancel_order",
        """
        # Context session: Cancel an order

        ## Requirements

        - `POST /api/v1/orders/{order_id}/cancel` cancels the order (`200`).

        ## Decisions so far

        - `Order` gets a `cancel()` method.
        - A new `CancelOrderUseCase` interface in `app/orders/domain/usecase/`,
          implemented by the existing `OrderService`.
        """,
        {
            "app/orders/domain/usecase/cancel_order.py": CREATE,
            "app/orders/domain/entity/order.py": MODIFY,
            "app/orders/application/service/order_service.py": MODIFY,
            "app/orders/adapter/input/api/order_router.py": MODIFY,
        },
    ),
    "dishka_core": (
        "delete_task",
        """
        # Context session: Delete a task

        ## Requirements

        - `DELETE /api/tasks/{task_id}` deletes the task and answers `204`.
        - An unknown task answers `404` through the existing `TaskNotFound` handler.

        ## Decisions so far

        - A new `DeleteTaskHandler` in `app/core/commands/delete_task.py`.
        """,
        {
            "app/core/commands/delete_task.py": CREATE,
            "app/core/ports/task_repository.py": MODIFY,
            "app/outbound/adapters/sqlalchemy_task_repository.py": MODIFY,
            "app/inbound/http/tasks.py": MODIFY,
            "app/ioc.py": MODIFY,
        },
    ),
    "bounded_contexts": (
        "close_account",
        """
        # Context session: Close an account

        ## Requirements

        - `POST /accounts/{account_id}/close` closes the account (`204`).

        ## Decisions so far

        - A new `CloseAccountHandler`, like `create_account`.
        """,
        {
            "src/account/application/close_account/handler.py": CREATE,
            "src/account/application/close_account/command.py": CREATE,
            "src/account/application/close_account/__init__.py": CREATE,
            "src/account/infrastructure/http/router.py": MODIFY,
            "src/account/infrastructure/http/dependencies.py": MODIFY,
            # `Account.close()` exists already: the handler calls it as it is
            "src/account/domain/account.py": None,
        },
    ),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_other_layouts_get_valid_plans_in_their_own_folders(tmp_path: Path, layout: str) -> None:
    feature, context, expected = LAYOUTS[layout]
    root = copy(ASSETS / layout, tmp_path)
    write_session(root, feature, context)
    before = existing_files(root)
    _, plan, text = run(root, feature)
    assert plan.kind == "new_feature"
    assert_sound(plan, text, before)
    planned = changes(plan)
    assert {path: planned.get(path) for path in expected} == expected


def test_a_changed_port_changes_every_implementation_even_in_the_tests(tmp_path: Path) -> None:
    root = copy(ASSETS / "seed_layout", tmp_path)
    write_session(
        root,
        "order_email",
        """
        # Context session: Order confirmation e-mail

        ## Decisions so far

        - `Notifier` gets a `send_order_confirmation(user, order)` method.
        - `OrderService` receives the notifier through the container, like `UserService`.
        """,
    )
    before = existing_files(root)
    _, plan, text = run(root, "order_email")
    assert_sound(plan, text, before)
    planned = changes(plan)
    assert planned == {
        "src/application/ports/notifier.py": MODIFY,
        "src/infrastructure/adapters/smtp_notifier.py": MODIFY,
        "src/application/services/order_service.py": MODIFY,
        "src/infrastructure/container.py": MODIFY,
        # RecordingNotifier lives in this test module and implements Notifier
        "src/tests/test_user_service.py": MODIFY,
        "src/tests/test_order_service.py": CREATE,
    }
    fake = next(c for c in plan.changes if c.path == "src/tests/test_user_service.py")
    assert "tests using it break" in fake.details[0]


def test_a_route_of_someone_elses_api_is_not_a_new_endpoint(tmp_path: Path) -> None:
    root = copy(ASSETS / "namespace_pkgs", tmp_path)
    write_session(
        root,
        "refund",
        """
        # Context session: Refund an invoice

        ## Requirements

        - `POST /invoices/{invoice_id}/refund` refunds a paid invoice (`200`).

        ## Decisions so far

        - `PaymentGateway` gets a `refund()` method; `StripePaymentGateway`
          implements it with `POST /refunds`.
        - `BillingService` gets a `refund(invoice_id)` use case.
        """,
    )
    before = existing_files(root)
    _, plan, text = run(root, "refund")
    assert_sound(plan, text, before)
    planned = changes(plan)
    assert planned["src/billing/routes/invoices.py"] == MODIFY
    assert planned["src/billing/adapters/stripe_gateway.py"] == MODIFY
    assert "src/main.py" not in planned  # no new router to include
    created = sorted(p for p, a in planned.items() if a == CREATE)
    assert created == ["tests/test_billing_service.py", "tests/test_refund_api.py"]


def test_a_delete_route_extends_the_routers_service_and_its_port(tmp_path: Path) -> None:
    root = copy(ASSETS / "monorepo_backend", tmp_path)
    write_session(
        root,
        "delete_project",
        """
        # Context session: Delete a project

        ## Requirements

        - `DELETE /api/projects/{project_id}` deletes the project and answers `204`.
        """,
    )
    before = existing_files(root)
    _, plan, text = run(root, "delete_project")
    assert_sound(plan, text, before)
    planned = changes(plan)
    # ProjectService is imported through `from ...services import ...` (a re-export)
    assert planned["backend/app/services/project_service.py"] == MODIFY
    assert planned["backend/app/domain/project/interfaces.py"] == MODIFY
    assert planned["backend/app/infrastructure/repositories/project_repository.py"] == MODIFY
    assert planned["backend/tests/test_project_service.py"] == MODIFY
    assert planned["backend/tests/test_projects_api.py"] == MODIFY
    assert not [p for p, a in planned.items() if a == CREATE]


@pytest.mark.parametrize(
    ("name", "analogs", "expected"),
    [
        (
            "PasswordResetService",
            [("ThreadService", "src/app/services/thread_service.py")],
            ("src/app/services/password_reset_service.py", []),
        ),
        (
            "DeleteTaskHandler",
            [("CompleteTaskHandler", "app/core/commands/complete_task.py")],
            ("app/core/commands/delete_task.py", []),
        ),
        (
            "CloseAccountHandler",
            [("CreateAccountHandler", "src/account/application/create_account/handler.py")],
            (
                "src/account/application/close_account/handler.py",
                [
                    "src/account/application/close_account/__init__.py",
                    "src/account/application/close_account/command.py",
                ],
            ),
        ),
        ("Mailer", [], ("fallback/mailer.py", [])),
    ],
    ids=["class-named", "stem-named", "folder-per-use-case", "no-analog"],
)
def test_new_classes_are_filed_like_their_existing_kind(
    name: str, analogs: list[tuple[str, str]], expected: tuple[str, list[str]]
) -> None:
    files = {path for _, path in analogs}
    files |= {
        "src/account/application/create_account/__init__.py",
        "src/account/application/create_account/command.py",
    }
    filing = filing_for(name, analogs, "fallback", files)
    assert filing.place(name) == expected


def test_a_new_route_beside_the_only_route_of_a_slice_goes_in_that_slices_router(
    tmp_path: Path,
) -> None:
    """A router holding one route (``POST /api/butler/ask``) still owns its folder of
    the API: ``POST /api/butler/ask-voice`` is added there, not to a new router filed
    in another feature's folder."""
    root = tmp_path / "repo"
    files = {
        "app/__init__.py": "",
        "app/main.py": (
            "from fastapi import FastAPI\n"
            "from app.features.auth.router import router as auth_router\n"
            "from app.features.butler.router import router as butler_router\n\n"
            "app = FastAPI()\napp.include_router(auth_router)\napp.include_router(butler_router)\n"
        ),
        "app/features/__init__.py": "",
        "app/features/auth/__init__.py": "",
        "app/features/auth/router.py": (
            "from fastapi import APIRouter\n\nrouter = APIRouter(prefix='/api/auth')\n\n\n"
            "@router.post('/login')\nasync def login() -> dict:\n    return {}\n\n\n"
            "@router.post('/logout')\nasync def logout() -> dict:\n    return {}\n"
        ),
        "app/features/butler/__init__.py": "",
        "app/features/butler/service.py": (
            "class ButlerService:\n    async def run(self, message: str) -> str:\n"
            "        return message\n"
        ),
        "app/features/butler/router.py": (
            "from fastapi import APIRouter\n\n"
            "from app.features.butler.service import ButlerService\n\n"
            "router = APIRouter(prefix='/api/butler')\n\n\n"
            "@router.post('/ask')\nasync def ask(message: str) -> str:\n"
            "    return await ButlerService().run(message)\n"
        ),
    }
    write_tree(root, files)
    write_session(
        root,
        "voice",
        """
        # Context session: Ask by voice

        ## Requirements

        - `POST /api/butler/ask-voice` takes an audio file, transcribes it and answers
          like `POST /api/butler/ask`.
        """,
    )
    before = existing_files(root)
    _, plan, text = run(root, "voice")
    assert_sound(plan, text, before)
    planned = changes(plan)
    assert planned["app/features/butler/router.py"] == MODIFY
    assert not [p for p in planned if p.startswith("app/features/auth/")]
    # the extended service's tests are named after its slice, not "test_service.py"
    assert planned.get("tests/test_butler_service.py") == CREATE


def test_a_goal_that_introduces_a_list_is_digested_with_the_list(tmp_path: Path) -> None:
    root = copy(api.sample_path(), tmp_path)
    write_session(
        root,
        "purge",
        """
        ## Why

        Two collections grow forever:

        1. `threads` keeps deleted threads.
        2. `messages` keeps the messages of deleted threads.

        ## What Changes

        - Purge both every night.
        """,
    )
    _, plan, _ = run(root, "purge")
    assert plan.context_digest[0] == (
        "Goal: Two collections grow forever: (1) `threads` keeps deleted threads. "
        "(2) `messages` keeps the messages of deleted threads."
    )


SIBLINGS = {
    "app/__init__.py": "",
    "app/main.py": (
        "from fastapi import FastAPI\n"
        "from app.api.root import router as root_router\n"
        "from app.api.users import router as users_router\n\n"
        "app = FastAPI()\napp.include_router(root_router)\napp.include_router(users_router)\n"
    ),
    "app/api/__init__.py": "",
    "app/api/root.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        "@router.get('/')\nasync def index() -> dict:\n    return {}\n\n\n"
        "@router.get('/health/live')\nasync def live() -> dict:\n    return {'status': 'ok'}\n"
    ),
    "app/api/users.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter(prefix='/api/users')\n\n\n"
        "@router.get('')\nasync def users() -> list:\n    return []\n\n\n"
        "@router.get('/{user_id}')\nasync def user(user_id: int) -> dict:\n    return {}\n"
    ),
}


@pytest.mark.parametrize(
    ("route", "router"),
    [("GET /health/ready", "app/api/root.py"), ("POST /api/orders", None)],
)
def test_a_new_route_joins_the_router_of_its_closest_sibling(
    tmp_path: Path, route: str, router: str | None
) -> None:
    """``/health/ready`` joins the router serving ``/health/live`` (whose routes share
    only ``/``); ``/api/orders`` shares only the API prefix with ``/api/users`` and
    gets a router of its own."""
    root = tmp_path / "repo"
    write_tree(root, SIBLINGS)
    write_session(root, "f", f"# Context session: f\n\n## Requirements\n\n- `{route}` answers.\n")
    before = existing_files(root)
    _, plan, text = run(root, "f")
    assert_sound(plan, text, before)
    routers = [c for c in plan.changes if f"`{route}`" in c.details]
    assert len(routers) == 1
    if router is None:
        assert routers[0].action == CREATE
        assert "app/api/users.py" not in changes(plan)
    else:
        assert (routers[0].path, routers[0].action) == (router, MODIFY)


def test_a_method_the_session_adds_without_its_class_joins_the_port_it_resembles(
    tmp_path: Path,
) -> None:
    """``delete_expired_refresh_tokens(cutoff)`` shares "refresh" and "token" with the
    token store's methods, nothing with the mailer's: the token store's port and its
    adapter change, and the port's section quotes the session."""
    root = tmp_path / "repo"
    write_tree(
        root,
        {
            "app/__init__.py": "",
            "app/ports/__init__.py": "",
            "app/ports/token_store.py": (
                "from abc import ABC, abstractmethod\n\n\nclass TokenStore(ABC):\n"
                "    @abstractmethod\n    def create_refresh_token(self, user: str) -> str: ...\n\n"
                "    @abstractmethod\n    def revoke_refresh_token(self, token: str) -> None: ...\n"
            ),
            "app/ports/mailer.py": (
                "from abc import ABC, abstractmethod\n\n\nclass Mailer(ABC):\n"
                "    @abstractmethod\n    def send_mail(self, to: str) -> None: ...\n"
            ),
            "app/adapters/__init__.py": "",
            "app/adapters/sql_token_store.py": (
                "from app.ports.token_store import TokenStore\n\n\n"
                "class SqlTokenStore(TokenStore):\n"
                "    def create_refresh_token(self, user: str) -> str:\n        return user\n\n"
                "    def revoke_refresh_token(self, token: str) -> None:\n        return None\n"
            ),
        },
    )
    write_session(
        root,
        "purge",
        """
        # Context session: Purge expired tokens

        ## Requirements

        - Add store methods `delete_expired_refresh_tokens(cutoff)` that delete in batches.
        """,
    )
    before = existing_files(root)
    session, plan, text = run(root, "purge")
    assert_sound(plan, text, before)
    scope = session.scope_result
    assert scope is not None
    assert scope.reasons["app/ports/token_store.py"] == (
        "gains `delete_expired_refresh_tokens`, which the session adds to one of its ports"
    )
    planned = changes(plan)
    assert planned["app/adapters/sql_token_store.py"] == MODIFY
    assert "app/ports/mailer.py" not in planned
    port = next(c for c in plan.changes if c.path == "app/ports/token_store.py")
    assert port.details[0].startswith("Add store methods `delete_expired_refresh_tokens(cutoff)`")


def test_plans_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # a team's contract names its own layers, which share one place in the flow of
    # layers: their order in the plan must not follow a set's, which changes with
    # the string hash seed of each process
    files = {
        ".importlinter": (
            "[importlinter:contract:layers]\nname = Shop\ntype = layers\n"
            "layers =\n    shop.web\n    shop.logic\n    shop.store\n"
        ),
        "shop/__init__.py": "",
        "shop/web/__init__.py": "",
        "shop/web/orders.py": (
            "from fastapi import APIRouter\nfrom shop.logic.orders import OrderService\n\n"
            'router = APIRouter(prefix="/orders")\n\n\n@router.get("")\n'
            "def list_orders():\n    return OrderService().all()\n"
        ),
        "shop/logic/__init__.py": "",
        "shop/logic/orders.py": (
            "from shop.store.orders import OrderStore\n\n\nclass OrderService:\n"
            "    def all(self):\n        return OrderStore().all()\n"
        ),
        "shop/store/__init__.py": "",
        "shop/store/orders.py": "class OrderStore:\n    def all(self):\n        return []\n",
        ".claude/sessions/context_session_cancel_order.md": (
            "# Cancel an order\n\n## Goal\n\n- `POST /orders/{order_id}/cancel` cancels an "
            "order that has not shipped; `OrderService` checks it and `OrderStore` saves "
            "the new state.\n"
        ),
    }
    plans = set()
    for seed in ("1", "2", "3", "4"):
        root = tmp_path / f"repo{seed}"
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        env = {**os.environ, "PYTHONHASHSEED": seed, "ARCHBOOK_CACHE_DIR": str(tmp_path / seed)}
        done = subprocess.run(
            [sys.executable, "-m", "archbook.cli", "plan", str(root), "--feature", "cancel_order"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        plan = (root / ".claude/doc/cancel_order/backend.md").read_text()
        layers = re.search(r"Layers changed: (.*)\.", plan)
        # the contract's layers in the contract's order, top down
        assert layers is not None and layers.group(1).endswith("web, logic, store")
        plans.add(plan)
    assert len(plans) == 1
