"""Routes registered the ways real FastAPI code does, on the ``route_idioms`` fixture.

Expected routes are worked out by hand from the fixture's source (see its README),
never by running archbook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
