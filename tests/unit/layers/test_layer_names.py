"""Folders outrank file names; composition modules and ORM models are told by content.

``tests/assets/layer_names`` reproduces the names that produced false violations:
a DI provider called ``application.py`` inside ``infrastructure/config/di``, an app
factory called ``application.py`` beside the routes, ``infrastructure/services``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.domain.layers import (
    APPLICATION,
    COMPOSITION,
    DOMAIN,
    INFRASTRUCTURE,
    PORTS,
    PRESENTATION,
    UNCLASSIFIED,
    composition_reason,
    orm_models_reason,
)

REPO = Path(__file__).parents[2] / "assets" / "layer_names"


@pytest.fixture(scope="module")
def analysis() -> api.Analysis:
    return api.analyse(str(REPO), cache=False)


@pytest.mark.parametrize(
    ("module", "expected", "why"),
    [
        ("shop.infrastructure.config.di.application", COMPOSITION, "'di'"),
        ("shop.adapters.entrypoints.application", COMPOSITION, "application class FastAPI"),
        ("shop.adapters.entrypoints.routes", PRESENTATION, "'entrypoints'"),
        ("shop.infrastructure.services.mailer", INFRASTRUCTURE, "'services'"),
        ("shop.application.application", APPLICATION, "'application'"),
        ("shop.application.ports.orders", PORTS, "'ports'"),
        ("shop.models.order_table", INFRASTRUCTURE, "sqlalchemy"),
        ("shop.models.money", DOMAIN, "'models'"),
        ("shop.catalog.models.product", INFRASTRUCTURE, "sqlalchemy"),
        ("shop.catalog.models", INFRASTRUCTURE, "import only infrastructure"),
        ("shop.services.reporting", APPLICATION, "'services'"),
        ("shop.initial_data", COMPOSITION, "'initial_data'"),
        # no name says: the libraries it imports suggest a layer, tentatively
        ("shop.platform.mail_client", INFRASTRUCTURE, "httpx (a guess"),
        ("shop.platform.serve", COMPOSITION, "runs the application (uvicorn)"),
        ("shop.platform.money_math", UNCLASSIFIED, "no layer"),
    ],
)
def test_each_module_gets_the_layer_a_reviewer_would_draw(
    analysis: api.Analysis, module: str, expected: str, why: str
) -> None:
    found = analysis.classifications[module]
    assert (found.layer, why in found.reason) == (expected, True), found.reason


def test_the_fixture_has_no_false_violation(analysis: api.Analysis) -> None:
    assert [v.describe() for v in analysis.violations] == []


def test_a_layer_guessed_from_libraries_is_drawn_but_never_accused(
    analysis: api.Analysis,
) -> None:
    guessed = analysis.classifications["shop.platform.mail_client"]
    assert guessed.tentative
    assert not analysis.classifications["shop.infrastructure.services.mailer"].tentative
    # it imports a use case: infrastructure → application, not reported on a guess
    assert ("shop.platform.mail_client", "shop.application.use_cases.place_order") in (
        analysis.pairs
    )
    assert not [v for v in analysis.violations if "shop.platform" in v.importer]


def test_a_composition_name_alone_is_not_enough() -> None:
    assert composition_reason("app.services.application", [], [], [APPLICATION, PORTS]) is None
    assert composition_reason("app.api.providers", [], [], [PRESENTATION]) is None


@pytest.mark.parametrize(
    ("externals", "texts", "layers", "needle"),
    [
        (["dishka"], [], [], "dishka"),
        ([], ["from fastapi import FastAPI, Depends"], [], "FastAPI"),
        ([], [], [APPLICATION, INFRASTRUCTURE], "application and infrastructure"),
    ],
)
def test_a_composition_name_with_wiring_evidence_is_composition(
    externals: list[str], texts: list[str], layers: list[str], needle: str
) -> None:
    reason = composition_reason("app.application.providers", externals, texts, layers)
    assert reason is not None and needle in reason


def test_an_app_module_importing_the_routes_assembles_the_app() -> None:
    assert composition_reason("app.app", [], [], [PRESENTATION]) is not None
    assert composition_reason("app.providers", [], [], [PRESENTATION]) is None


def test_orm_models_under_a_domain_folder_stay_domain() -> None:
    assert orm_models_reason("app.domain.models.user", ["sqlalchemy"]) is None
    assert orm_models_reason("app.models.user", ["pydantic"]) is None
    assert "beanie" in (orm_models_reason("app.models.user", ["beanie"]) or "")
    # SQLModel classes are schemas unless table=True: a models module of them stays put
    assert orm_models_reason("app.models", ["sqlmodel"]) is None
