"""Tests kept by the first folders of the code they test: found where at least half
of the nested test modules follow it, and a new module's test goes to the deepest
test folder mirroring its path."""

from __future__ import annotations

from archbook.application.planning.offline.conventions import package_mirror

CODE = [
    "app/api/v1/bookings.py",
    "app/api/v1/health.py",
    "app/services/booking_service.py",
    "app/core/pricing.py",
    "app/utils/money.py",
]


def test_test_folders_named_after_packages_mirror_them() -> None:
    mirror = package_mirror(
        [
            *CODE,
            "tests/test_api/test_bookings.py",
            "tests/test_api/test_health.py",
            "tests/test_services/test_booking_service.py",
            "tests/test_core/test_pricing.py",
            "tests/test_core/test_money.py",  # a stray: app/utils holds money.py
        ]
    )
    assert mirror is not None
    assert (mirror.tests, mirror.source, mirror.prefix) == ("tests", "app", "test_")
    assert mirror.test_for("app/api/v1/reports.py") == "tests/test_api/test_reports.py"
    service_tests = "tests/test_services/test_report_service.py"
    assert mirror.test_for("app/services/report_service.py") == service_tests
    # no test folder for the package yet: no place is guessed
    assert mirror.test_for("app/models/report.py") == ""
    assert mirror.test_for("scripts/seed.py") == ""


def test_test_folders_two_deep_are_mirrored_whole_new_folders_included() -> None:
    """``backend_tests/application/use_cases`` mirrors the code two folders deep: a new
    module's test mirrors its whole folder (``…/use_cases/orders/``), which the plan
    creates, rather than stopping at the deepest test folder there is."""
    code = ["src/application/use_cases/orders/create_order.py", "src/domain/user.py"]
    tests = [
        "backend_tests/application/use_cases/test_create_order.py",
        "backend_tests/domain/test_user.py",
    ]
    mirror = package_mirror(code + tests)
    assert mirror is not None and (mirror.source, mirror.prefix) == ("src", "")
    assert (
        mirror.test_for("src/application/use_cases/orders/delete_order.py")
        == "backend_tests/application/use_cases/orders/test_delete_order.py"
    )


def test_flat_tests_or_too_few_mirrored_are_no_layout() -> None:
    assert package_mirror([*CODE, "tests/test_bookings.py", "tests/test_pricing.py"]) is None
    few = ["tests/test_api/test_bookings.py", "tests/unit/test_a.py", "tests/unit/test_b.py"]
    assert package_mirror([*CODE, *few]) is None


def test_tests_kept_by_kind_mirror_the_code_below_their_kind_folder() -> None:
    """``tests/unit/domain/…`` and ``tests/integration/api/…`` both mirror ``src/``:
    the kind folder is no part of the mirror; as many of each, the unit tests (the
    modules' own) win, whatever order the paths come in."""
    code = [
        "src/domain/use_cases/log_trip.py",
        "src/domain/use_cases/get_trip.py",
        "src/api/routes/trips.py",
        "src/api/routes/users.py",
    ]
    tests = [
        "tests/unit/domain/use_cases/test_log_trip.py",
        "tests/unit/domain/use_cases/test_get_trip.py",
        "tests/integration/api/test_trips.py",
        "tests/integration/api/test_users.py",
    ]
    for paths in ([*code, *tests], [*reversed(tests), *reversed(code)]):
        mirror = package_mirror(paths)
        assert mirror is not None
        assert (mirror.tests, mirror.source) == ("tests/unit", "src")
        unit = "tests/unit/domain/use_cases/test_delete_trip.py"
        assert mirror.test_for("src/domain/use_cases/delete_trip.py") == unit


def test_test_folders_named_like_code_folders_mirror_them_whatever_their_modules() -> None:
    """Tests named by what they check (``test_quote_entity.py``, ``test_quote_router.py``)
    in folders named like the code's (``tests/domain`` for ``backend/src/domain``)
    still mirror the code: a new use case's test mirrors its folder below
    ``tests/application`` (test folders two deep, ``tests/infrastructure/web``, say the
    whole folder is mirrored)."""
    code = [
        "backend/src/domain/entities/quote.py",
        "backend/src/application/use_cases/quote_use_cases.py",
        "backend/src/infrastructure/web/routers/quotes.py",
        "backend/src/infrastructure/web/dto/quote_dto.py",
        "frontend/scripts/build.py",
    ]
    tests = [
        "backend/tests/domain/test_quote_entity.py",
        "backend/tests/domain/test_quote_rules.py",
        "backend/tests/application/test_quote_use_cases.py",
        "backend/tests/infrastructure/web/test_quote_router.py",
        "backend/tests/infrastructure/web/test_quote_dto.py",
    ]
    mirror = package_mirror(code + tests)
    assert mirror is not None and mirror.source == "backend/src"
    new = "backend/src/application/use_cases/quotes/delete_quote_use_case.py"
    test = "backend/tests/application/use_cases/quotes/test_delete_quote_use_case.py"
    assert mirror.test_for(new) == test
