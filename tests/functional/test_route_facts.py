"""Routes read from source: full paths through include_router chains (in loops, three
levels deep, twice), mounts, api_route methods, websockets; handler and file:line.

Expected routes are worked out by hand from the fixture sources and the bundled
sample (``src/archbook/samples/threads_api``), never by running archbook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.domain.facts import Route

ASSETS = Path(__file__).resolve().parents[1] / "assets"

Row = tuple[str, str, str, str]  # method, full path, handler, declared at

SAMPLE_ROUTES: set[Row] = {
    ("POST", "/api/auth/register", "src.presentation.api.routes.auth:register",
     "src/presentation/api/routes/auth.py:18"),
    ("POST", "/api/auth/login", "src.presentation.api.routes.auth:login",
     "src/presentation/api/routes/auth.py:29"),
    ("GET", "/api/auth/me", "src.presentation.api.routes.auth:me",
     "src/presentation/api/routes/auth.py:39"),
    ("PATCH", "/api/users/me", "src.presentation.api.routes.users:update_my_profile",
     "src/presentation/api/routes/users.py:21"),
    ("GET", "/api/users/{user_id}", "src.presentation.api.routes.users:get_user",
     "src/presentation/api/routes/users.py:33"),
    ("GET", "/api/threads", "src.presentation.api.routes.threads:list_threads",
     "src/presentation/api/routes/threads.py:24"),
    ("POST", "/api/threads", "src.presentation.api.routes.threads:create_thread",
     "src/presentation/api/routes/threads.py:57"),
    ("GET", "/api/threads/{thread_id}", "src.presentation.api.routes.threads:get_thread",
     "src/presentation/api/routes/threads.py:71"),
    ("POST", "/api/threads/{thread_id}/close", "src.presentation.api.routes.threads:close_thread",
     "src/presentation/api/routes/threads.py:82"),
    ("GET", "/api/threads/{thread_id}/messages",
     "src.presentation.api.routes.messages:list_messages",
     "src/presentation/api/routes/messages.py:22"),
    ("POST", "/api/threads/{thread_id}/messages",
     "src.presentation.api.routes.messages:post_message",
     "src/presentation/api/routes/messages.py:43"),
    ("GET", "/api/health", "src.presentation.api.routes.health:health",
     "src/presentation/api/routes/health.py:13"),
}  # fmt: skip

FIXTURE_ROUTES: dict[str, set[Row]] = {
    # main.create_app: app.include_router(api_router, prefix="/api"); routes/__init__:
    # api_router.include_router(users.router, prefix="/users") and orders likewise.
    "seed_layout": {
        ("POST", "/api/users", "src.presentation.api.routes.users:register_user",
         "src/presentation/api/routes/users.py:16"),
        ("GET", "/api/users/{user_id}", "src.presentation.api.routes.users:get_user",
         "src/presentation/api/routes/users.py:29"),
        ("POST", "/api/orders", "src.presentation.api.routes.orders:place_order",
         "src/presentation/api/routes/orders.py:16"),
        ("GET", "/api/orders/{order_id}", "src.presentation.api.routes.orders:get_order",
         "src/presentation/api/routes/orders.py:32"),
    },
    # app.main.create_app includes each slice's router under /api/v1/<slice>.
    "feature_slices": {
        ("POST", "/api/v1/users", "app.users.adapter.input.api.user_router:register_user",
         "app/users/adapter/input/api/user_router.py:14"),
        ("GET", "/api/v1/users/{user_id}", "app.users.adapter.input.api.user_router:get_user",
         "app/users/adapter/input/api/user_router.py:27"),
        ("POST", "/api/v1/orders", "app.orders.adapter.input.api.order_router:place_order",
         "app/orders/adapter/input/api/order_router.py:15"),
        ("GET", "/api/v1/orders/users/{user_id}",
         "app.orders.adapter.input.api.order_router:order_history",
         "app/orders/adapter/input/api/order_router.py:28"),
    },
    # api_router = APIRouter(prefix="/api") includes tasks router (prefix="/tasks").
    "dishka_core": {
        ("POST", "/api/tasks", "app.inbound.http.tasks:create_task",
         "app/inbound/http/tasks.py:14"),
        ("POST", "/api/tasks/{task_id}/complete", "app.inbound.http.tasks:complete_task",
         "app/inbound/http/tasks.py:19"),
        ("GET", "/api/tasks/{task_id}", "app.inbound.http.tasks:get_task",
         "app/inbound/http/tasks.py:24"),
        ("GET", "/api/tasks", "app.inbound.http.tasks:list_tasks",
         "app/inbound/http/tasks.py:29"),
    },
    # main.py: app.include_router(account_router); the router has prefix="/accounts".
    "bounded_contexts": {
        ("POST", "/accounts", "account.infrastructure.http.router:create_account",
         "src/account/infrastructure/http/router.py:26"),
        ("GET", "/accounts/{account_id}", "account.infrastructure.http.router:get_account",
         "src/account/infrastructure/http/router.py:35"),
    },
    "namespace_pkgs": {
        ("POST", "/users", "src.users.routes.users:register", "src/users/routes/users.py:21"),
        ("POST", "/users/login", "src.users.routes.users:login", "src/users/routes/users.py:30"),
        ("POST", "/invoices/{invoice_id}/pay", "src.billing.routes.invoices:pay_invoice",
         "src/billing/routes/invoices.py:20"),
    },
    # backend/ is the source root; api_router(prefix="/api") includes projects
    # (prefix="/projects") and tasks (no prefix); @app.get("/healthz") on the app.
    "monorepo_backend": {
        ("POST", "/api/projects", "app.api.routes.projects:create_project",
         "backend/app/api/routes/projects.py:27"),
        ("GET", "/api/projects", "app.api.routes.projects:list_projects",
         "backend/app/api/routes/projects.py:33"),
        ("GET", "/api/projects/{project_id}", "app.api.routes.projects:get_project",
         "backend/app/api/routes/projects.py:38"),
        ("POST", "/api/projects/{project_id}/tasks", "app.api.routes.tasks:add_task",
         "backend/app/api/routes/tasks.py:29"),
        ("PATCH", "/api/tasks/{task_id}", "app.api.routes.tasks:move_task",
         "backend/app/api/routes/tasks.py:37"),
        ("GET", "/healthz", "app.main:healthz", "backend/app/main.py:17"),
    },
    # create_app includes payments.router (prefix="/payments") and refunds.router.
    "violations_cycles": {
        ("POST", "/payments", "src.presentation.api.routes.payments:charge",
         "src/presentation/api/routes/payments.py:22"),
        ("POST", "/payments/webhooks/stripe", "src.presentation.api.routes.payments:stripe_webhook",
         "src/presentation/api/routes/payments.py:32"),
        ("POST", "/refunds", "src.presentation.api.routes.refunds:create_refund",
         "src/presentation/api/routes/refunds.py:22"),
    },
    # app → api_router (prefix="/api") → v1_router (prefix="/v1") → users router
    # (prefix="/users"); items router included twice: under /api/v1/items and /legacy;
    # admin_app mounted at /admin.
    "facts_routes": {
        ("GET", "/", "app.main:root", "app/main.py:15"),
        ("WEBSOCKET", "/ws/echo", "app.main:echo", "app/main.py:20"),
        ("GET", "/admin/stats", "app.admin:stats", "app/admin.py:7"),
        ("GET", "/api/v1/users", "app.api.v1.users:list_users", "app/api/v1/users.py:7"),
        ("GET", "/api/v1/users/{user_id}", "app.api.v1.users:get_user", "app/api/v1/users.py:12"),
        ("GET", "/api/v1/users/search", "app.api.v1.users:search_users",
         "app/api/v1/users.py:17"),
        ("POST", "/api/v1/users/search", "app.api.v1.users:search_users",
         "app/api/v1/users.py:17"),
        ("GET", "/api/v1/users/count", "app.api.v1.users:count_users", "app/api/v1/users.py:22"),
        ("DELETE", "/api/v1/users/{user_id}", "app.api.v1.users:delete_user",
         "app/api/v1/users.py:27"),
        ("WEBSOCKET", "/api/v1/users/{user_id}/events", "app.api.v1.users:user_events",
         "app/api/v1/users.py:32"),
        ("GET", "/api/v1/items/{item_id}", "app.api.v1.items:get_item", "app/api/v1/items.py:7"),
        ("PUT", "/api/v1/items/{item_id}", "app.api.v1.items:put_item", "app/api/v1/items.py:12"),
        ("GET", "/legacy/{item_id}", "app.api.v1.items:get_item", "app/api/v1/items.py:7"),
        ("PUT", "/legacy/{item_id}", "app.api.v1.items:put_item", "app/api/v1/items.py:12"),
    },
}  # fmt: skip


def rows(routes: tuple[Route, ...]) -> set[Row]:
    return {(r.method, r.path, r.handler, str(r.location)) for r in routes}


@pytest.fixture(scope="module")
def sample() -> api.RepoKnowledge:
    return api.knowledge(cache=False)


@pytest.fixture(scope="module")
def deep() -> api.RepoKnowledge:
    return api.knowledge(str(ASSETS / "facts_routes"), cache=False)


def by_key(known: api.RepoKnowledge) -> dict[str, Route]:
    return {route.key: route for route in known.facts.routes}


# ------------------------------------------------------------------------ sample


def test_the_sample_has_its_twelve_routes_with_full_paths(sample: api.RepoKnowledge) -> None:
    # main.create_app: `for module in (auth, users, threads, messages, health):
    #     app.include_router(module.router, prefix="/api")`
    assert len(sample.facts.routes) == 12
    assert rows(sample.facts.routes) == SAMPLE_ROUTES


def test_routes_are_sorted_by_path_then_method(sample: api.RepoKnowledge) -> None:
    keys = [route.key for route in sample.facts.routes]
    assert keys[:5] == [
        "POST /api/auth/login",
        "GET /api/auth/me",
        "POST /api/auth/register",
        "GET /api/health",
        "GET /api/threads",
    ]
    assert keys == [r.key for r in sorted(sample.facts.routes, key=lambda r: (r.path, r.method))]


def test_route_details_of_the_sample(sample: api.RepoKnowledge) -> None:
    routes = by_key(sample)
    register = routes["POST /api/auth/register"]
    assert register.response_model == "src.presentation.api.schemas.users:UserResponse"
    assert register.status_code == "status.HTTP_201_CREATED"
    assert register.tags == ("auth",)
    assert register.dependencies == (
        "Provide[src.infrastructure.container:Container.auth_service]",
    )
    create = routes["POST /api/threads"]
    assert create.dependencies == (
        "src.presentation.api.dependencies:get_current_user",
        "Provide[src.infrastructure.container:Container.thread_service]",
    )
    listing = routes["GET /api/threads"]
    assert listing.response_model == "src.presentation.api.schemas.threads:ThreadListResponse"
    assert listing.status_code is None
    assert listing.tags == ("threads",)
    assert routes["GET /api/health"].dependencies == (
        "Provide[src.infrastructure.container:Container.config.storage]",
    )


def test_finding_a_route_by_key(sample: api.RepoKnowledge) -> None:
    facts = sample.facts
    found = facts.route("get /api/threads/{thread_id}/messages")
    assert found is not None
    assert found.handler == "src.presentation.api.routes.messages:list_messages"
    assert facts.route("  GET   /api/health ") is not None
    assert facts.route("DELETE /api/threads") is None
    assert facts.route("GET /api/thread") is None


# ---------------------------------------------------------------- fixture repos


@pytest.mark.parametrize("name", sorted(FIXTURE_ROUTES))
def test_routes_of_each_fixture_repo(name: str) -> None:
    known = api.knowledge(str(ASSETS / name), cache=False)
    assert rows(known.facts.routes) == FIXTURE_ROUTES[name]
    assert len(known.facts.routes) == len(FIXTURE_ROUTES[name])
    assert known.facts.problems == ()


def test_include_router_tags_are_added_in_fastapi_order(deep: api.RepoKnowledge) -> None:
    routes = by_key(deep)
    # app include tags=["api"], v1_router tags=["v1"], users router tags=["users"]
    assert routes["GET /api/v1/users"].tags == ("api", "v1", "users")
    # include of items with tags=["items"], route's own tags=["write"]
    assert routes["PUT /api/v1/items/{item_id}"].tags == ("api", "v1", "items", "write")
    assert routes["GET /legacy/{item_id}"].tags == ()
    assert routes["PUT /legacy/{item_id}"].tags == ("write",)


def test_include_router_dependencies_reach_every_route(deep: api.RepoKnowledge) -> None:
    routes = by_key(deep)
    assert routes["DELETE /api/v1/users/{user_id}"].dependencies == ("app.security:audit",)
    assert routes["GET /legacy/{item_id}"].dependencies == ("app.security:require_token",)
    assert routes["GET /api/v1/items/{item_id}"].dependencies == ()


def test_a_router_included_twice_gives_two_routes(deep: api.RepoKnowledge) -> None:
    handlers = [r.path for r in deep.facts.routes if r.handler == "app.api.v1.items:get_item"]
    assert sorted(handlers) == ["/api/v1/items/{item_id}", "/legacy/{item_id}"]


def test_api_route_methods_keyword_path_and_status(deep: api.RepoKnowledge) -> None:
    routes = by_key(deep)
    search = [r.method for r in deep.facts.routes if r.handler == "app.api.v1.users:search_users"]
    assert sorted(search) == ["GET", "POST"]
    assert routes["GET /api/v1/users/count"].handler == "app.api.v1.users:count_users"
    assert routes["GET /api/v1/users/{user_id}"].response_model == "str"  # path="..." keyword
    assert routes["DELETE /api/v1/users/{user_id}"].status_code == "status.HTTP_204_NO_CONTENT"


def test_annotated_alias_dependencies_are_listed() -> None:
    # `service: UserServiceDep` where UserServiceDep = Annotated[..., Depends(get_user_service)]
    namespace = by_key(api.knowledge(str(ASSETS / "namespace_pkgs"), cache=False))
    assert namespace["POST /users"].dependencies == (
        "src.users.routes.dependencies:get_user_service",
    )
    monorepo = by_key(api.knowledge(str(ASSETS / "monorepo_backend"), cache=False))
    assert monorepo["GET /api/projects"].dependencies == (
        "app.api.dependencies:get_project_service",
    )
    assert monorepo["PATCH /api/tasks/{task_id}"].dependencies == (
        "app.api.dependencies:get_task_service",
    )


def test_routes_registered_in_a_loop_inside_a_factory(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "a.py").write_text(
        'from fastapi import APIRouter\nrouter = APIRouter(prefix="/a")\n\n'
        '@router.get("/x")\ndef x():\n    return 1\n'
    )
    (tmp_path / "app" / "b.py").write_text(
        "from fastapi import APIRouter\nrouter = APIRouter()\n\n"
        '@router.post("/y")\ndef y():\n    return 1\n'
    )
    (tmp_path / "app" / "main.py").write_text(
        "from fastapi import FastAPI\nfrom app import a, b\n\n"
        "def build():\n    app = FastAPI()\n"
        "    for module in [a, b]:\n"
        '        app.include_router(module.router, prefix="/v2")\n'
        "    return app\n"
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert rows(known.facts.routes) == {
        ("GET", "/v2/a/x", "app.a:x", "app/a.py:5"),
        ("POST", "/v2/y", "app.b:y", "app/b.py:5"),
    }


def test_a_handler_s_return_annotation_is_its_response_model(tmp_path: Path) -> None:
    """FastAPI answers with the return annotation's model when no ``response_model=``
    says otherwise; a response class, ``None`` or ``response_model=None`` give none."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "dtos.py").write_text("class UserDTO:\n    id: int\n")
    (tmp_path / "app" / "main.py").write_text(
        "import fastapi\nfrom fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\n"
        "from app.dtos import UserDTO\n\napp = FastAPI()\n\n"
        '@app.get("/one")\ndef one() -> UserDTO: ...\n\n'
        '@app.get("/many")\ndef many() -> list[UserDTO]: ...\n\n'
        '@app.get("/raw")\ndef raw() -> JSONResponse: ...\n\n'
        '@app.get("/plain")\ndef plain() -> fastapi.Response: ...\n\n'
        '@app.get("/none")\ndef none() -> None: ...\n\n'
        '@app.get("/off", response_model=None)\ndef off() -> UserDTO: ...\n'
    )
    routes = by_key(api.knowledge(str(tmp_path), cache=False))
    assert routes["GET /one"].response_model == "app.dtos:UserDTO"
    assert routes["GET /many"].response_model == "list[UserDTO]"
    for key in ("GET /raw", "GET /plain", "GET /none", "GET /off"):
        assert routes[key].response_model is None, key
