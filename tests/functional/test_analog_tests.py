"""A new resource or route module gets tests laid out like those of the existing ones
it is laid out like: a carrier's endpoint like the other carriers', a resource like
its closest one."""

from __future__ import annotations

import shutil
from pathlib import Path

from fakes.planned_trees import planned, planned_session, write_tree

from archbook.domain.plan import CREATE

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def _courier(name: str) -> str:
    return (
        f"class {name.capitalize()}Tracker:\n"
        "    def track(self, code: str) -> str:\n"
        "        return code\n"
    )


def _test(text: str) -> str:
    return f"def test_it() -> None:\n    assert {text!r}\n"


COURIERS = {
    "app/__init__.py": "",
    "app/services/__init__.py": "",
    "app/services/couriers/__init__.py": "",
    "app/services/couriers/acme.py": _courier("acme"),
    "app/services/couriers/zenith.py": _courier("zenith"),
    "app/api/__init__.py": "",
    "app/api/track.py": (
        "from fastapi import APIRouter\n\n"
        "from app.services.couriers.acme import AcmeTracker\n"
        "from app.services.couriers.zenith import ZenithTracker\n\n"
        "router = APIRouter()\n\n\n"
        '@router.post("/track/acme")\n'
        "def track_acme(code: str) -> str:\n"
        "    return AcmeTracker().track(code)\n\n\n"
        '@router.post("/track/zenith")\n'
        "def track_zenith(code: str) -> str:\n"
        "    return ZenithTracker().track(code)\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.track import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    # each carrier's endpoint and work have tests named after it
    "tests/__init__.py": "",
    "tests/api/test_acme_endpoint.py": _test("acme endpoint"),
    "tests/api/test_zenith_endpoint.py": _test("zenith endpoint"),
    "tests/services/test_acme_track.py": _test("acme work"),
    "tests/services/test_zenith_track.py": _test("zenith work"),
    # one carrier's own
    "tests/services/test_acme_label_printer.py": _test("acme labels"),
}


def test_a_route_module_like_its_siblings_gets_the_tests_they_all_have(
    tmp_path: Path,
) -> None:
    session, changes = planned_session(
        tmp_path,
        COURIERS,
        "# Polaris tracking\n\n- Endpoint: `POST /track/polaris`, like `/track/acme`.\n",
        "polaris_tracking",
    )
    assert changes["app/services/couriers/polaris.py"].action == CREATE
    for path in ("tests/api/test_polaris_endpoint.py", "tests/services/test_polaris_track.py"):
        assert changes[path].action == CREATE, path
        assert "like `tests/" in changes[path].purpose
    # what one carrier alone has tests nothing the new one must have
    assert "tests/services/test_polaris_label_printer.py" not in changes
    # the carriers' endpoint test is the API test: none is made up after the feature
    assert not any(path.endswith("_api.py") for path in changes)
    assert session.plan is not None
    tests = {test.path: test for test in session.plan.tests}
    assert tests["tests/api/test_polaris_endpoint.py"].kind == "api"
    assert any("/track/polaris" in c for c in tests["tests/api/test_polaris_endpoint.py"].covers)
    assert tests["tests/services/test_polaris_track.py"].kind == "unit"


INVOICES = """# Rooms: invoices

## Requirements Summary
- **Invoices**: every confirmed booking gets an invoice guests can download.
"""


def test_a_new_resource_gets_its_analog_s_tests_named_by_roles_alone(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(ASSETS / "use_case_files", root, ignore=shutil.ignore_patterns("__pycache__"))
    write_tree(
        root,
        {
            "backend/tests/__init__.py": "",
            "backend/tests/application/test_create_booking_use_case.py": _test("create"),
            "backend/tests/web/test_bookings_router.py": _test("router"),
            "backend/tests/web/test_booking_pdf_layout.py": _test("pdf"),
        },
    )
    session = planned(root, INVOICES, "booking_invoices")
    assert session.scope_result is not None
    assert session.scope_result.new_resources == ("invoice",)
    assert session.plan is not None
    changes = {c.path: c.action for c in session.plan.changes}
    for path in (
        "backend/tests/application/test_create_invoice_use_case.py",
        "backend/tests/web/test_invoices_router.py",
    ):
        assert changes.get(path) == CREATE, path
    # a booking's PDF layout is something of the booking's, not of every resource
    assert "backend/tests/web/test_invoice_pdf_layout.py" not in changes
    assert {t.path for t in session.plan.tests} >= {
        "backend/tests/application/test_create_invoice_use_case.py",
        "backend/tests/web/test_invoices_router.py",
    }
