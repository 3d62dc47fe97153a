"""Routes registered the ways real FastAPI code does, on the ``route_idioms`` fixture.

Expected routes are worked out by hand from the fixture's source (see its README),
never by running archbook.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import write_tree

from archbook import api
from archbook.cli.text_reports import routes_text

ASSETS = Path(__file__).resolve().parents[1] / "assets"

LIBRARY_HANDLER = "prometheus_fastapi_instrumentator:Instrumentator.expose (library)"
EXPECTED = {
    # _make_router() builds the router; `router = _make_router()` is in ROUTERS, which
    # register(app: FastAPI) includes in a loop under settings.api_prefix ("/api").
    # Both handlers are called list_tickets: each method keeps its own def line.
    ("GET", "/api/tickets", "svc.api.tickets:_make_router.list_tickets", "svc/api/tickets.py:8"),
    ("POST", "/api/tickets", "svc.api.tickets:_make_router.list_tickets", "svc/api/tickets.py:12"),
    # @controller(router) class: its methods carry the router's decorators.
    ("GET", "/api/notes/{note_id}", "svc.api.controller:NotesController.get_one",
     "svc/api/controller.py:17"),
    ("DELETE", "/api/notes/{note_id}", "svc.api.controller:NotesController.delete_one",
     "svc/api/controller.py:21"),
    # extras.health is included twice: once bare, once under /internal.
    ("GET", "/health", "svc.api.extras:health_check", "svc/api/extras.py:9"),
    ("GET", "/internal/health", "svc.api.extras:health_check", "svc/api/extras.py:9"),
    # self.router.add_api_route in Server.__init__, on a router subclass that
    # registers every path with and without a trailing slash.
    ("GET", "/v2/ping", "svc.api.server:Server.ping", "svc/api/server.py:19"),
    ("GET", "/v2/ping/", "svc.api.server:Server.ping", "svc/api/server.py:19"),
    ("POST", "/v2/items", "svc.api.server:Server.add_item", "svc/api/server.py:22"),
    ("POST", "/v2/items/", "svc.api.server:Server.add_item", "svc/api/server.py:22"),
    # Instrumentator (imported as Metrics) handed the app: .expose(app, endpoint=...)
    # adds its endpoint; the location is the line of the .expose( call in the chain.
    ("GET", "/ops/metrics", LIBRARY_HANDLER, "svc/main.py:12"),
    # the same class under its module's own name, kept in a variable: default path.
    ("GET", "/metrics", LIBRARY_HANDLER, "svc/api/routing.py:21"),
}  # fmt: skip


@pytest.fixture(scope="module")
def known() -> api.RepoKnowledge:
    return api.knowledge(str(ASSETS / "route_idioms"), cache=False)


def test_every_route_once_per_include_with_every_prefix(known: api.RepoKnowledge) -> None:
    rows = [(r.method, r.path, r.handler, str(r.location)) for r in known.facts.routes]
    assert sorted(rows) == sorted(EXPECTED)


def test_switched_off_never_included_and_unresolvable_routes_are_not_counted(
    known: api.RepoKnowledge,
) -> None:
    paths = {r.path for r in known.facts.routes}
    # `if settings.debug_tools:` is False by the class default; `forgotten` is never
    # included; `@plugin_registry().get(...)` decorates an object archbook cannot name.
    assert not paths & {"/debug/state", "/forgotten/x", "/plugged"}


def test_unresolved_route_code_is_reported_with_its_place(known: api.RepoKnowledge) -> None:
    notes = {str(u.location): u.reason for u in known.facts.unresolved_routes}
    assert set(notes) == {"svc/api/extras.py:4", "svc/api/extras.py:5", "svc/api/extras.py:27"}
    assert "never included" in notes["svc/api/extras.py:5"]
    assert "cannot resolve" in notes["svc/api/extras.py:27"]
    text = routes_text(known.facts.routes, known.facts.unresolved_routes)
    assert "3 route-like call(s) archbook could not resolve:" in text
    assert "svc/api/extras.py:27" in text


def test_no_routes_found_still_names_what_was_not_resolved(tmp_path: Path) -> None:
    (tmp_path / "web.py").write_text(
        "def make():\n    return object()\n\n@make().post('/orders')\ndef place():\n    pass\n"
    )
    known = api.knowledge(str(tmp_path), cache=False)
    text = routes_text(known.facts.routes, known.facts.unresolved_routes)
    assert text.splitlines()[0] == "no routes found"
    assert "web.py:4" in text


def test_a_library_route_keeps_its_tags_and_names_its_library(known: api.RepoKnowledge) -> None:
    metrics = {r.path: r for r in known.facts.routes if r.handler == LIBRARY_HANDLER}
    assert metrics["/metrics"].tags == ("ops",)
    text = routes_text(known.facts.routes, known.facts.unresolved_routes)
    assert "Instrumentator.expose (library) svc/main.py:12" in text


def test_a_library_route_archbook_cannot_place_is_a_note_not_a_route(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text(
        "from fastapi import FastAPI\n"
        "from prometheus_fastapi_instrumentator import Instrumentator\n\n"
        "app = FastAPI()\n"
        "Instrumentator().expose(app, endpoint=pick_path())\n"
        "Instrumentator().expose(make_app())\n"
        "SomethingElse().expose(app)\n"
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert known.facts.routes == ()
    notes = {str(u.location): u.reason for u in known.facts.unresolved_routes}
    assert "path archbook cannot resolve" in notes["main.py:5"]
    assert "app archbook cannot resolve" in notes["main.py:6"]
    assert "main.py:7" not in notes


# An API app built by a factory and mounted by keyword (``app=``) under a path that a
# setting may replace, the way large servers serve their API beside a UI app.
FACTORY_APP = {
    "server/__init__.py": "",
    "server/admin.py": (
        "from fastapi import APIRouter\n\n"
        'router = APIRouter(prefix="/admin")\n\n\n'
        '@router.get("/version")\n'
        "def read_version():\n"
        '    return "1"\n'
    ),
    "server/app.py": (
        "from fastapi import FastAPI\n"
        "from server import admin, settings\n\n\n"
        'def create_api_app(health_path: str = "/health") -> FastAPI:\n'
        "    api = FastAPI()\n\n"
        "    @api.get(health_path)\n"
        "    def health():\n"
        "        return True\n\n"
        "    api.include_router(router=admin.router)\n"
        "    return api\n\n\n"
        "def create_app() -> FastAPI:\n"
        "    from fastapi.staticfiles import StaticFiles\n"
        "    app = FastAPI()\n"
        "    api_app = create_api_app()\n"
        "    if settings.BASE_PATH:\n"
        "        app.mount(settings.BASE_PATH.value(), app=api_app)\n"
        "    else:\n"
        '        app.mount("/api", app=api_app, name="api")\n'
        '    app.mount(settings.STATIC, StaticFiles(directory="static"), name="static")\n'
        "    return app\n"
    ),
    "server/settings.py": "import os\n\nBASE_PATH = os.environ.get('BASE_PATH')\n",
    # endpoints made by factories that return a nested def, handed to add_api_route
    "server/runner.py": (
        "from fastapi import APIRouter, FastAPI\n\n\n"
        "def run_count(runner):\n"
        "    def _run_count():\n"
        "        return runner.count\n\n"
        "    return _run_count\n\n\n"
        "def build_server(runner) -> FastAPI:\n"
        "    app = FastAPI()\n"
        "    router = APIRouter()\n"
        '    router.add_api_route("/run_count", run_count(runner=runner), methods=["GET"])\n'
        '    router.add_api_route("/other", make_other(runner), methods=["GET"])\n'
        "    app.include_router(router)\n"
        "    return app\n"
    ),
}


def test_an_app_mounted_by_keyword_has_its_routes_under_the_mount_path_once(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, FACTORY_APP)
    known = api.knowledge(str(tmp_path), cache=False)
    rows = sorted((r.method, r.path, r.handler, str(r.location)) for r in known.facts.routes)
    assert rows == [
        # include_router(router=...) by keyword; the default of the factory's
        # parameter is the health path; the mount on a setting's path is not guessed
        ("GET", "/api/admin/version", "server.admin:read_version", "server/admin.py:7"),
        ("GET", "/api/health", "server.app:create_api_app.health", "server/app.py:9"),
        ("GET", "/run_count", "server.runner:run_count._run_count", "server/runner.py:5"),
    ]
    notes = {str(u.location): u.reason for u in known.facts.unresolved_routes}
    assert notes["server/app.py:21"] == "mount on a path archbook cannot resolve"
    assert "server/app.py:24" not in notes  # static files mounted: no app, no note
    assert notes["server/runner.py:15"] == "add_api_route with an endpoint archbook cannot resolve"


def test_a_router_handed_to_an_app_factory_is_included_without_notes(tmp_path: Path) -> None:
    """``app = create_application(router=api_router)`` at module level, where the
    factory includes its ``router`` parameter: the router's routes are reached from
    the app (no "never included" notes), and so are those of a second call that
    hands the router by position."""
    files = {
        "svc/__init__.py": "",
        "svc/api.py": (
            "from fastapi import APIRouter\n\n"
            'router = APIRouter(prefix="/api")\n'
            'admin = APIRouter(prefix="/admin")\n\n\n'
            '@router.get("/items")\ndef list_items() -> list:\n    return []\n\n\n'
            '@admin.get("/stats")\ndef stats() -> dict:\n    return {}\n'
        ),
        "svc/setup.py": (
            "from fastapi import APIRouter, FastAPI\n\n\n"
            "def create_application(router: APIRouter, **kwargs: object) -> FastAPI:\n"
            "    application = FastAPI(**kwargs)\n"
            "    application.include_router(router)\n"
            "    return application\n"
        ),
        "svc/main.py": (
            "from svc.api import admin, router\nfrom svc.setup import create_application\n\n"
            "app = create_application(router=router, title='x')\n"
            "admin_app = create_application(admin)\n"
        ),
    }
    write_tree(tmp_path, files)
    known = api.knowledge(str(tmp_path), cache=False)
    assert sorted((r.method, r.path) for r in known.facts.routes) == [
        ("GET", "/admin/stats"),
        ("GET", "/api/items"),
    ]
    assert known.facts.unresolved_routes == ()


def test_another_frameworks_routes_in_the_repository_are_no_notes(tmp_path: Path) -> None:
    """A Flask app beside the FastAPI one (examples, an admin tool) declares
    ``@app.get("/")`` too: neither a route nor a note; an unresolved FastAPI router
    still is one."""
    write_tree(
        tmp_path,
        {
            "web/flask_app.py": (
                "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
                '@app.get("/")\ndef index() -> str:\n    return "ok"\n'
            ),
            "web/fastapi_app.py": (
                "from fastapi import FastAPI\n\nfrom web.registry import make\n\n"
                "app = FastAPI()\n\n\n"
                '@app.get("/")\ndef index() -> str:\n    return "ok"\n\n\n'
                '@make().get("/other")\ndef other() -> str:\n    return "ok"\n'
            ),
            "web/registry.py": "def make():\n    return object()\n",
        },
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert [(r.path, str(r.location)) for r in known.facts.routes] == [
        ("/", "web/fastapi_app.py:9")
    ]
    assert [str(u.location) for u in known.facts.unresolved_routes] == ["web/fastapi_app.py:13"]


# Every endpoint in a factory of its own that builds its router with a helper returning
# a library router class; factories of factories include them by calling them.
FACTORY_TREE = {
    "shop/__init__.py": "",
    "shop/web/__init__.py": "",
    "shop/web/routing.py": (
        "from typing import Any\n\nfrom fastapi_extras import TranslatingRouter\n\n\n"
        "def make_translating_router(**kwargs: Any) -> TranslatingRouter:\n"
        "    return TranslatingRouter(translate=True, **kwargs)\n"
    ),
    "shop/web/orders/__init__.py": "",
    "shop/web/orders/cancel.py": (
        "from fastapi import APIRouter\n\n"
        "from shop.web.routing import make_translating_router\n\n\n"
        "def make_cancel_order_router() -> APIRouter:\n"
        "    router = make_translating_router()\n\n"
        '    @router.post("/{order_id}/cancel/", errors={KeyError: 404})\n'
        "    async def cancel_order(order_id: int) -> None:\n        return None\n\n"
        "    return router\n"
    ),
    "shop/web/orders/listing.py": (
        "from fastapi import APIRouter\n\n"
        "from shop.web.routing import make_translating_router\n\n\n"
        "def make_list_orders_router() -> APIRouter:\n"
        "    router = make_translating_router()\n\n"
        '    @router.get("/")\n    async def list_orders() -> list:\n        return []\n\n'
        "    return router\n\n\n"
        "def make_helper() -> APIRouter:\n"
        "    helper = make_translating_router()\n\n"
        '    @helper.get("/hidden")\n    async def hidden() -> None:\n        return None\n\n'
        "    return APIRouter()\n"
    ),
    "shop/web/orders/router.py": (
        "from fastapi import APIRouter\n\n"
        "from shop.web.orders.cancel import make_cancel_order_router\n"
        "from shop.web.orders.listing import make_list_orders_router\n\n\n"
        "def make_orders_router() -> APIRouter:\n"
        '    router = APIRouter(prefix="/orders")\n'
        "    router.include_router(make_cancel_order_router())\n"
        "    router.include_router(make_list_orders_router())\n"
        "    return router\n"
    ),
    "shop/main.py": (
        "from fastapi import FastAPI\n\nfrom shop.web.orders.router import make_orders_router\n\n\n"
        "def create_app() -> FastAPI:\n"
        "    app = FastAPI()\n"
        '    app.include_router(make_orders_router(), prefix="/api/v1")\n'
        "    return app\n"
    ),
}


def test_a_router_a_helper_builds_is_a_router_when_its_factory_returns_an_api_router(
    tmp_path: Path,
) -> None:
    """``router = make_translating_router()`` in ``def make_x_router() -> APIRouter``,
    then ``return router``: the return annotation says what the helper's library class
    is, so the decorators on it are routes and the factory calls are includes. A
    helper's result the function does not return stays what it was."""
    write_tree(tmp_path, FACTORY_TREE)
    known = api.knowledge(str(tmp_path), cache=False)
    assert sorted((r.method, r.path, r.handler) for r in known.facts.routes) == [
        ("GET", "/api/v1/orders/", "shop.web.orders.listing:make_list_orders_router.list_orders"),
        (
            "POST",
            "/api/v1/orders/{order_id}/cancel/",
            "shop.web.orders.cancel:make_cancel_order_router.cancel_order",
        ),
    ]
    notes = {str(u.location): u.reason for u in known.facts.unresolved_routes}
    assert notes == {"shop/web/orders/listing.py:19": "@…get on a router archbook cannot resolve"}


# Routes registered by functions the app is handed to: without an annotation, from
# inside another function, with the routers imported inside the function; a list of
# routers handed to a loop; and a router parameter the app's factory includes.
HANDED_APP_TREE = {
    "svc/__init__.py": "",
    "svc/routers/__init__.py": "",
    "svc/routers/notes.py": (
        "from fastapi import APIRouter\n\nnotes = APIRouter()\n\n\n"
        '@notes.get("/{note_id}")\ndef read_note(note_id: int) -> dict:\n    return {}\n'
    ),
    "svc/routers/tags.py": (
        'from fastapi import APIRouter\n\ntags = APIRouter(prefix="/tags")\n'
        'labels = APIRouter(prefix="/labels")\n\n\n'
        '@tags.get("")\ndef list_tags() -> list:\n    return []\n\n\n'
        '@labels.get("")\ndef list_labels() -> list:\n    return []\n'
    ),
    "svc/routers/health.py": (
        "from fastapi import APIRouter\n\nhealth = APIRouter()\n\n\n"
        '@health.get("/health")\ndef ping() -> str:\n    return "ok"\n'
    ),
    "svc/configure.py": (
        "def configure_routes(app):\n"
        "    from svc.routers.notes import notes\n\n"
        '    app.include_router(notes, prefix="/api/notes")\n\n\n'
        "def add_routers(routers, app):\n"
        "    for router in routers:\n"
        '        app.include_router(router, prefix="/api")\n\n\n'
        "def add_health(target):\n"
        '    @target.get("/live")\n    def live() -> str:\n        return "ok"\n\n\n'
        "def install(app, extra):\n"
        "    app.include_router(extra)\n"
    ),
    "svc/versions.py": (
        "from fastapi import APIRouter, FastAPI\n\n\n"
        "def add_versioned_routers(app: FastAPI, api_router: APIRouter) -> None:\n"
        "    app.include_router(api_router)\n"
    ),
    "svc/main.py": (
        "from fastapi import APIRouter, FastAPI\n\n"
        "from svc.configure import add_health, add_routers, configure_routes, install\n"
        "from svc.routers.health import health\n"
        "from svc.routers.tags import labels, tags\n"
        "from svc.versions import add_versioned_routers\n\n"
        "app = FastAPI()\nadmin = APIRouter(prefix='/admin')\n"
        "add_versioned_routers(app, health)\n"
        "add_routers([tags, labels], app)\n"
        "add_health(app)\nadd_health(admin)\n"
        "app.include_router(admin)\n\n\n"
        "def run() -> None:\n"
        "    configure_routes(app)\n"
        "    install(app, extra=plugins.load())\n"
    ),
    "tests/conftest.py": (
        "from fastapi import FastAPI\n\nfrom svc.configure import configure_routes\n\n\n"
        "def make_app() -> FastAPI:\n"
        "    test_app = FastAPI()\n    configure_routes(test_app)\n    return test_app\n"
    ),
}


def test_a_function_handed_the_app_registers_its_routes_on_that_app(tmp_path: Path) -> None:
    """``configure_routes(app)`` called from ``run()``, ``add_routers([tags, labels],
    app)`` looping over its parameter, and ``add_versioned_routers(app, health)``: each
    route is reached from the app, with the prefixes of the includes inside the
    functions. A function handed two different routers (``add_health``) registers on
    neither that archbook could prove, so its route is a note, not a guess; a plugin
    the app includes at run time is one too. A test's app handed to the same function
    changes nothing."""
    write_tree(tmp_path, HANDED_APP_TREE)
    known = api.knowledge(str(tmp_path), cache=False)
    assert sorted((r.method, r.path, r.handler) for r in known.facts.routes) == [
        ("GET", "/api/labels", "svc.routers.tags:list_labels"),
        ("GET", "/api/notes/{note_id}", "svc.routers.notes:read_note"),
        ("GET", "/api/tags", "svc.routers.tags:list_tags"),
        ("GET", "/health", "svc.routers.health:ping"),
    ]
    notes = {str(u.location): u.reason for u in known.facts.unresolved_routes}
    assert notes == {
        "svc/configure.py:13": "@…get on a router archbook cannot resolve",
        "svc/configure.py:19": "include_router of a router archbook cannot resolve",
    }


def test_routers_listed_in_another_module_are_included_by_the_loop_over_that_list(
    tmp_path: Path,
) -> None:
    """``ROUTERS = [agents_router, tools_router]`` in the routers package, imported
    under another name and included in a loop, twice (the API prefix and an alias):
    the names in the list are read where the list is written."""
    write_tree(
        tmp_path,
        {
            "svc/__init__.py": "",
            "svc/routers/__init__.py": (
                "from svc.routers.agents import router as agents_router\n"
                "from svc.routers.tools import router as tools_router\n\n"
                "ROUTERS = [agents_router, tools_router]\n"
            ),
            "svc/routers/agents.py": (
                'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/agents")\n\n\n'
                '@router.get("")\ndef list_agents() -> list:\n    return []\n'
            ),
            "svc/routers/tools.py": (
                'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/tools")\n\n\n'
                '@router.get("")\ndef list_tools() -> list:\n    return []\n'
            ),
            "svc/app.py": (
                "from fastapi import FastAPI\n\nfrom svc.routers import ROUTERS as v1_routes\n\n\n"
                "def create_app() -> FastAPI:\n"
                "    app = FastAPI()\n"
                "    for route in v1_routes:\n"
                '        app.include_router(route, prefix="/v1")\n'
                '        app.include_router(route, prefix="/latest", include_in_schema=False)\n'
                "    return app\n"
            ),
        },
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert sorted(r.path for r in known.facts.routes) == [
        "/latest/agents",
        "/latest/tools",
        "/v1/agents",
        "/v1/tools",
    ]
    assert known.facts.unresolved_routes == ()


def test_a_router_bound_to_two_names_at_once_is_one_router(tmp_path: Path) -> None:
    """``users_router = r = APIRouter()``: routes declared on ``r`` are served where
    ``users_router`` is included, once."""
    write_tree(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/users.py": (
                "from fastapi import APIRouter\n\nusers_router = r = APIRouter()\n\n\n"
                '@r.get("/users")\ndef list_users() -> list:\n    return []\n'
            ),
            "app/main.py": (
                "from fastapi import FastAPI\n\nfrom app.users import users_router\n\n"
                'app = FastAPI()\napp.include_router(users_router, prefix="/api/v1")\n'
            ),
        },
    )
    known = api.knowledge(str(tmp_path), cache=False)
    assert [(r.path, r.handler) for r in known.facts.routes] == [
        ("/api/v1/users", "app.users:list_users")
    ]
    assert known.facts.unresolved_routes == ()
