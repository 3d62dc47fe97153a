"""A team's import-linter contracts on ``tests/assets/team_contracts``.

The layers contract covers two of four features: it governs those, archbook's
defaults classify the rest; ``ignore_imports`` is honoured; forbidden and
independence contracts are reported as violations naming their contract.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.application.drawing.layer_graph import layer_drawing
from archbook.cli.text_reports import summary_text
from archbook.domain.layers import APPLICATION, INFRASTRUCTURE, UNCLASSIFIED

REPO = Path(__file__).parents[1] / "assets" / "team_contracts"


@pytest.fixture(scope="module")
def analysis() -> api.Analysis:
    return api.analyse(str(REPO), cache=False)


def test_the_contract_governs_its_modules_and_the_defaults_the_rest(
    analysis: api.Analysis,
) -> None:
    layers = {name: c.layer for name, c in analysis.classifications.items()}
    assert layers["shop.orders.api.routes"] == "api"
    assert layers["shop.billing.domain.invoice"] == "domain"
    assert layers["shop.catalog.services.pricing"] == APPLICATION
    assert layers["shop.catalog.infrastructure.prices_db"] == INFRASTRUCTURE
    assert layers["shop.notifications"] == UNCLASSIFIED
    unclassified = [n for n, layer in layers.items() if layer == UNCLASSIFIED]
    assert len(unclassified) < len(layers) / 2


def test_every_kind_of_break_is_reported_with_its_contract(analysis: api.Analysis) -> None:
    found = {(v.importer, v.imported, v.contract) for v in analysis.violations}
    assert found == {
        # the layers contract: domain may not import api
        ("shop.orders.domain.order", "shop.orders.api.schemas", ""),
        # the defaults, outside the contract: infrastructure may not import application
        ("shop.catalog.infrastructure.prices_db", "shop.catalog.services.pricing", ""),
        (
            "shop.orders.api.routes",
            "shop.billing.domain.invoice",
            "import-linter contract in .importlinter: Orders never import billing",
        ),
        (
            "shop.services.mailer",
            "shop.services.sms",
            "import-linter contract in .importlinter: Services are independent",
        ),
    }


def test_ignored_imports_are_not_violations(analysis: api.Analysis) -> None:
    assert not [v for v in analysis.violations if v.importer == "shop.orders.domain.legacy"]


def test_a_contract_break_says_which_contract(analysis: api.Analysis) -> None:
    lines = [v.describe() for v in analysis.violations if v.contract]
    assert any(
        line.endswith("breaks import-linter contract in .importlinter: Services are independent")
        for line in lines
    )


def test_a_contracts_ignore_list_spares_that_contract_only(tmp_path: Path) -> None:
    # As in import-linter, ignore_imports belong to their contract: a forbidden
    # contract ignoring an import does not silence the layer rules about it.
    for folder in ("app", "app/domain", "app/infrastructure"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "app/infrastructure/db.py").write_text("ENGINE = None\n")
    (tmp_path / "app/domain/order.py").write_text("from app.infrastructure import db\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = app\n\n"
        "[importlinter:contract:pure]\nname = Domain is pure\ntype = forbidden\n"
        "source_modules =\n    app.domain\nforbidden_modules =\n    app.infrastructure\n"
        "ignore_imports =\n    app.domain.order -> app.infrastructure.db\n"
    )
    found = {
        (v.importer, v.imported, v.contract)
        for v in api.analyse(str(tmp_path), cache=False).violations
    }
    assert found == {("app.domain.order", "app.infrastructure.db", "")}


def test_the_summary_lists_the_contracts_layers_and_only_the_defaults_in_use(
    analysis: api.Analysis,
) -> None:
    """Beside a contract, a default layer no module falls back to is no row of the
    summary (it was six rows of zeros on a repository the contract covers whole); the
    defaults some modules take, and ``unclassified``, are; the layer graph draws
    the same layers."""
    rows = [line.split()[0] for line in summary_text(analysis).splitlines()[5:] if line]
    assert rows[: rows.index("violations:")] == [
        "api",
        "domain",
        "infrastructure",
        "application",
        "unclassified",
    ]
    assert analysis.layer_counts()["ports"] == 0  # still a layer of the rules
    drawn = [node.id for node in layer_drawing(analysis).nodes]
    assert "ports" not in drawn and "composition" not in drawn
    assert {"api", "domain", "infrastructure", "application"} <= set(drawn)
