"""A hexagonal repository whose router names a use-case interface its one service
implements (``usecase: UserUseCase = Depends(Provide[Container.user_service])``) and
whose tests mirror the source tree (``tests/app/user/application/service/test_user.py``
for ``app/user/application/service/user.py``): a new endpoint extends that service and
its interface instead of inventing a service class, and its tests extend the mirrored
test modules."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook.domain.plan import CREATE, MODIFY

PACKAGES = [
    "app",
    "app/user",
    "app/user/domain",
    "app/user/domain/usecase",
    "app/user/application",
    "app/user/application/service",
    "app/user/adapter",
    "app/user/adapter/input",
    "app/user/adapter/input/api",
    "app/user/adapter/input/api/v1",
    "tests",
    "tests/app",
    "tests/app/user",
    "tests/app/user/application",
    "tests/app/user/application/service",
    "tests/app/user/adapter",
    "tests/app/user/adapter/input",
    "tests/app/user/adapter/input/api",
    "tests/app/user/adapter/input/api/v1",
]
TREE = {
    **{f"{package}/__init__.py": "" for package in PACKAGES},
    "app/user/domain/usecase/user.py": (
        "from abc import ABC, abstractmethod\n\n\nclass UserUseCase(ABC):\n"
        "    @abstractmethod\n    async def get_user_list(self) -> list: ...\n"
    ),
    "app/user/application/service/user.py": (
        "from app.user.domain.usecase.user import UserUseCase\n\n\n"
        "class UserService(UserUseCase):\n"
        "    async def get_user_list(self) -> list:\n        return []\n"
    ),
    "app/container.py": (
        "from dependency_injector.containers import DeclarativeContainer\n"
        "from dependency_injector.providers import Factory\n\n"
        "from app.user.application.service.user import UserService\n\n\n"
        "class Container(DeclarativeContainer):\n    user_service = Factory(UserService)\n"
    ),
    "app/user/adapter/input/api/v1/user.py": (
        "from dependency_injector.wiring import Provide, inject\n"
        "from fastapi import APIRouter, Depends\n\n"
        "from app.container import Container\n"
        "from app.user.domain.usecase.user import UserUseCase\n\n"
        "user_router = APIRouter()\n\n\n"
        '@user_router.get("")\n@inject\n'
        "async def get_user_list(\n"
        "    usecase: UserUseCase = Depends(Provide[Container.user_service]),\n"
        ") -> list:\n    return await usecase.get_user_list()\n"
    ),
    "app/server.py": (
        "from fastapi import FastAPI\n\n"
        "from app.user.adapter.input.api.v1.user import user_router\n\n"
        'app = FastAPI()\napp.include_router(user_router, prefix="/api/v1/user")\n'
    ),
    "tests/app/user/application/service/test_user.py": (
        "from app.user.application.service.user import UserService\n\n\n"
        "def test_service() -> None:\n    assert UserService\n"
    ),
    "tests/app/user/adapter/input/api/v1/test_user.py": (
        "from app.server import app\n\n\ndef test_api() -> None:\n    assert app\n"
    ),
}


def test_a_new_endpoint_extends_the_service_behind_the_interface_and_mirrored_tests(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    session = "# Deactivate\n\n- `POST /api/v1/user/{user_id}/deactivate` deactivates a user.\n"
    plan = planned(tmp_path, session).plan
    assert plan is not None
    assert {c.path: c.action for c in plan.changes} == {
        "app/user/adapter/input/api/v1/user.py": MODIFY,
        "app/user/application/service/user.py": MODIFY,
        "app/user/domain/usecase/user.py": MODIFY,
        "tests/app/user/application/service/test_user.py": MODIFY,
        "tests/app/user/adapter/input/api/v1/test_user.py": MODIFY,
    }
    assert not [c for c in plan.changes if c.action == CREATE]
    interface = next(c for c in plan.changes if c.path.endswith("usecase/user.py"))
    assert "`UserUseCase` declares" in interface.purpose and "`UserService`" in interface.purpose


# Tests kept by package only: ``tests/test_api`` holds the tests of ``app/api/v1``,
# ``tests/test_services`` those of ``app/services`` (and the first folders are all a
# test folder mirrors; the rest of a module's path is not).
BY_PACKAGE = {
    "app/__init__.py": "",
    "app/api/__init__.py": "",
    "app/api/v1/__init__.py": "",
    "app/api/v1/router.py": (
        "from fastapi import APIRouter\n\n"
        "from app.api.v1.bookings import router as bookings_router\n"
        "from app.api.v1.health import router as health_router\n\n"
        "api_router = APIRouter()\napi_router.include_router(bookings_router)\n"
        "api_router.include_router(health_router)\n"
    ),
    "app/api/v1/health.py": (
        "from fastapi import APIRouter\n\n"
        'router = APIRouter(prefix="/health")\n\n\n'
        '@router.get("")\nasync def health() -> dict:\n    return {"ok": True}\n'
    ),
    "app/api/v1/bookings.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from app.services.booking_service import BookingService\n\n"
        'router = APIRouter(prefix="/bookings")\n\n\n'
        '@router.post("")\n'
        "async def start(service: BookingService = Depends(BookingService)) -> dict:\n"
        "    return await service.start()\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\n"
        "from app.api.v1.router import api_router\n\n"
        'app = FastAPI()\napp.include_router(api_router, prefix="/api/v1")\n'
    ),
    "app/services/__init__.py": "",
    "app/services/booking_service.py": (
        "class BookingService:\n    async def start(self) -> dict:\n        return {}\n"
    ),
    "app/core/__init__.py": "",
    "app/core/pricing.py": "def price(nights: int) -> int:\n    return nights\n",
    "tests/__init__.py": "",
    "tests/conftest.py": "",
    "tests/test_api/__init__.py": "",
    "tests/test_api/test_bookings.py": (
        "from app.main import app\n\n\ndef test_bookings() -> None:\n    assert app\n"
    ),
    "tests/test_api/test_health.py": (
        "from app.main import app\n\n\ndef test_health() -> None:\n    assert app\n"
    ),
    "tests/test_services/__init__.py": "",
    "tests/test_services/test_booking_service.py": (
        "from app.services.booking_service import BookingService\n\n\n"
        "def test_service() -> None:\n    assert BookingService\n"
    ),
    "tests/test_core/__init__.py": "",
    "tests/test_core/test_pricing.py": (
        "from app.core.pricing import price\n\n\n"
        "def test_pricing() -> None:\n    assert price(1) == 1\n"
    ),
}


def test_new_code_is_tested_in_the_test_folder_of_its_package(tmp_path: Path) -> None:
    write_tree(tmp_path, BY_PACKAGE)
    session = (
        "# Reports\n\n"
        "- `POST /api/v1/reports/monthly` answers a monthly summary of the bookings,\n"
        "  through a new `ReportService`.\n"
    )
    plan = planned(tmp_path, session).plan
    assert plan is not None
    created = {c.path for c in plan.changes if c.action == CREATE}
    assert "app/services/report_service.py" in created, created
    assert "app/api/v1/reports.py" in created, created
    # each beside the tests of its package's modules, not all in one folder
    assert "tests/test_services/test_report_service.py" in created, created
    assert "tests/test_api/test_reports.py" in created, created
    assert {t.path for t in plan.tests} >= {
        "tests/test_services/test_report_service.py",
        "tests/test_api/test_reports.py",
    }
