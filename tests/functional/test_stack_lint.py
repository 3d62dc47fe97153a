"""Performance rules for SQLAlchemy (sync and async), HTTP clients, Redis, Beanie and
ODMantic on ``tests/assets/perf_stacks``: every ``*_bad`` function shows exactly the
finding named here and no ``*_ok`` function shows any."""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.application.code_facts.code_model import FunctionModel
from archbook.application.tracing.perf_lint import lint_functions
from archbook.domain.trace import PerfFinding

REPO = Path(__file__).resolve().parents[1] / "assets" / "perf_stacks"

EXPECTED = {
    ("unbounded-select", "kitchen/dish_store.py", 14, "AsyncDishStore.list_bad"),
    ("unindexed-filter", "kitchen/dish_store.py", 23, "AsyncDishStore.by_chef_bad"),
    ("lazy-load-in-loop", "kitchen/dish_store.py", 34, "AsyncDishStore.step_counts_bad"),
    ("query-in-loop", "kitchen/dish_store.py", 50, "SyncDishStore.names_bad"),
    ("unbounded-select", "kitchen/dish_store.py", 54, "SyncDishStore.legacy_all_bad"),
    ("unindexed-filter", "kitchen/dish_store.py", 60, "SyncDishStore.legacy_filter_by_bad"),
    ("sync-session-in-async", "kitchen/dish_store.py", 64, "count_in_async_bad"),
    ("unbounded-query", "kitchen/menus.py", 19, "menus_bad"),
    ("unbounded-to-list", "kitchen/menus.py", 19, "menus_bad"),
    ("unbounded-query", "kitchen/menus.py", 27, "cards_bad"),
    ("blocking-call-in-async", "kitchen/suppliers.py", 8, "price_bad"),
    ("http-without-timeout", "kitchen/suppliers.py", 17, "stock_bad"),
    ("redis-keys", "kitchen/suppliers.py", 25, "cached_keys_bad"),
    ("unbounded-scan", "kitchen/suppliers.py", 33, "scan_bad"),
    ("unbounded-scan", "kitchen/suppliers.py", 37, "recent_bad"),
}


@pytest.fixture(scope="module")
def findings() -> list[PerfFinding]:
    known = api.knowledge(str(REPO), cache=False)
    functions: list[FunctionModel] = []
    for module in known.model.modules.values():
        functions.extend(module.functions.values())
        for klass in module.classes.values():
            functions.extend(klass.methods.values())
    return lint_functions(known.model, functions)


def test_each_slow_idiom_is_found_where_it_is_written(findings: list[PerfFinding]) -> None:
    got = {
        (f.rule, f.location.path, f.location.line, f.function.partition(":")[2]) for f in findings
    }
    assert got == EXPECTED


def test_the_fixed_versions_give_no_finding(findings: list[PerfFinding]) -> None:
    assert not [f for f in findings if f.function.endswith("_ok")]


def test_every_finding_says_why_it_is_slow_and_shows_the_code(
    findings: list[PerfFinding],
) -> None:
    for finding in findings:
        assert len(finding.message) > 30 and finding.code


def test_an_unindexed_filter_names_the_model_and_column(findings: list[PerfFinding]) -> None:
    messages = [f.message for f in findings if f.rule == "unindexed-filter"]
    assert any("Dish.chef_name" in m for m in messages)
    assert not any("Dish.cuisine" in m or "Dish.slug" in m for m in messages)
