"""Indirect breaches of import-linter contracts on ``tests/assets/contract_chains``.

A ``forbidden`` contract is broken by a chain of imports unless it sets
``allow_indirect_imports``; an ``independence`` contract by a chain between two of
its modules that passes through none of the others; an import a contract ignores is
out of that contract's graph; a ``layers`` contract by a chain from a lower layer to
a higher one (or to an independent sibling) through modules of no layer. Each
package pair is reported once, with its shortest chain; direct imports are reported
as before.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lint_imports_report import LINT_IMPORTS, SKIP_REASON, reported_chains, run_lint_imports

from archbook import api
from archbook.domain.analysis import Violation

REPO = Path(__file__).parents[1] / "assets" / "contract_chains"
ARCHBOOK = Path(sys.executable).with_name("archbook")
COMMAND = [str(ARCHBOOK)] if ARCHBOOK.exists() else [sys.executable, "-m", "archbook.cli"]
PREFIX = "import-linter contract in pyproject.toml: "
SHOP = "depot.shop"


@pytest.fixture(scope="module")
def violations() -> list[Violation]:
    return api.analyse(str(REPO), cache=False).violations


@pytest.fixture(scope="module")
def breaches(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.contract]


def test_each_breach_is_found_once_with_its_shortest_chain(breaches: list[Violation]) -> None:
    found = _chains(breaches)
    assert found == {
        (
            "Web never reaches storage",
            ("depot.web.views", "depot.helpers.formatting", "depot.storage.engine"),
        ),
        (
            "Teams are independent",
            ("depot.teams.alpha", "depot.shared.bridge", "depot.teams.beta"),
        ),
        # direct imports, reported as before (no chain)
        ("Teams are independent", ("depot.teams.gamma", "depot.teams.alpha")),
        (
            "Reports read storage only through helpers",
            ("depot.reports.export", "depot.storage.engine"),
        ),
        # a lower layer reaching a higher one, and an independent sibling, via no layer
        (
            "Shop layers",
            ("depot.shop.store.rows", "depot.shop.glue", "depot.shop.api"),
        ),
        (
            "Shop layers",
            ("depot.shop.pricing", "depot.shop.tax", "depot.shop.service"),
        ),
    }
    assert len(breaches) == len(found)


def test_a_layers_chain_through_another_layer_or_an_ignored_import_is_no_breach(
    breaches: list[Violation],
) -> None:
    # service → store.rows → glue → api runs through the store layer;
    # pricing → legacy → api through an import the contract ignores
    pairs = {(v.importer, v.imported) for v in breaches}
    assert ("depot.shop.service", "depot.shop.api") not in pairs
    assert ("depot.shop.pricing", "depot.shop.api") not in pairs


def test_a_layers_chain_carries_the_layers_of_its_ends(breaches: list[Violation]) -> None:
    (store,) = [v for v in breaches if v.importer == "depot.shop.store.rows"]
    assert (store.importer_layer, store.imported_layer) == ("store", "api")
    assert store.location == "depot/shop/store/rows.py:4"
    assert store.text == "from depot.shop import glue"


def test_a_layer_pair_joined_directly_is_reported_by_the_layer_rules_only(
    violations: list[Violation],
) -> None:
    direct = [v for v in violations if v.imported == "depot.shop.service" and not v.contract]
    assert [(v.importer, v.chain) for v in direct] == [("depot.shop.store.rows", ())]
    assert not [
        v
        for v in violations
        if v.contract
        and v.importer == "depot.shop.store.rows"
        and v.imported == "depot.shop.service"
    ]


def test_a_longer_chain_of_the_same_package_pair_is_not_reported_again(
    breaches: list[Violation],
) -> None:
    assert not [v for v in breaches if v.importer == "depot.web.admin"]


def test_allow_indirect_imports_keeps_chains_out(breaches: list[Violation]) -> None:
    assert not [v for v in breaches if v.importer == "depot.reports.summary"]


def test_a_chain_through_another_independent_module_is_not_its_own_breach(
    breaches: list[Violation],
) -> None:
    # gamma → alpha → bridge → beta: alpha's own breach and gamma's direct import say it
    assert not [
        v for v in breaches if (v.importer, v.imported) == ("depot.teams.gamma", "depot.teams.beta")
    ]


def test_an_ignored_import_is_removed_from_that_contracts_graph_only(
    breaches: list[Violation],
) -> None:
    contracts = {v.contract.removeprefix(PREFIX) for v in breaches}
    assert "Jobs never reach storage" not in contracts
    assert "Web never reaches storage" in contracts  # the same import, another contract


def test_a_chain_breach_says_it_is_indirect_and_where_it_starts(
    breaches: list[Violation],
) -> None:
    (web,) = [v for v in breaches if v.contract.endswith("Web never reaches storage")]
    assert web.location == "depot/web/views.py:3"
    assert web.text == "from depot.helpers.formatting import banner"
    assert web.describe().endswith(
        "depot.web.views imports depot.storage.engine indirectly "
        "(depot.web.views → depot.helpers.formatting → depot.storage.engine) "
        "breaks import-linter contract in pyproject.toml: Web never reaches storage"
    )


def test_check_fails_on_a_chain_and_json_carries_it(tmp_path: Path) -> None:
    env = {**os.environ, "ARCHBOOK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [*COMMAND, "check", str(REPO)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 1
    assert "depot.teams.alpha imports depot.teams.beta indirectly" in done.stdout
    report = subprocess.run(
        [*COMMAND, "analyse", str(REPO), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    violations = json.loads(report.stdout)["violations"]
    chains = {tuple(v["chain"]) for v in violations if v["contract"]}
    assert ("depot.teams.alpha", "depot.shared.bridge", "depot.teams.beta") in chains
    assert () in chains  # direct breaches carry an empty chain


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason=SKIP_REASON)
def test_the_breaches_are_those_lint_imports_reports(
    violations: list[Violation], tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    done = run_lint_imports(repo)
    assert done.returncode == 1, done.stdout + done.stderr
    # the layers contract's direct breaches are the layer rules' (no contract name)
    shop = [v for v in violations if not v.contract and v.importer.startswith(SHOP + ".")]
    ours = _chains([v for v in violations if v.contract]) | {
        ("Shop layers", (v.importer, v.imported)) for v in shop
    }
    assert ("Shop layers", ("depot.shop.store.rows", "depot.shop.service")) in ours
    assert reported_chains(done.stdout) == ours


def _chains(breaches: list[Violation]) -> set[tuple[str, tuple[str, ...]]]:
    """(contract name, chain) of every breach; a direct import is a chain of two."""
    return {
        (v.contract.removeprefix(PREFIX), v.chain or (v.importer, v.imported)) for v in breaches
    }
