"""The synthetic repository the scale benchmark writes (benchmarks/synthetic_repo.py)
really has the work it is meant to measure: layers, planted violations and cycles,
routes, DI providers, ports, adapters and a feature to plan."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from archbook import api

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from synthetic_repo import write_repo
    finally:
        sys.path.remove(str(BENCHMARKS))
    root = tmp_path_factory.mktemp("synthetic") / "repo"
    return root, write_repo(str(root), 300)


def test_it_has_the_size_asked_for_and_one_violation_and_two_cycles(
    repo: tuple[Path, int],
) -> None:
    root, written = repo
    analysis = api.analyse(str(root), cache=False)
    assert len(analysis.scan.modules) == written
    assert 250 <= written <= 300
    assert analysis.scan.skipped == ()
    assert [(v.importer_layer, v.imported_layer) for v in analysis.violations] == [
        ("domain", "infrastructure")
    ]
    assert len(analysis.cycles) == 2
    counts = analysis.layer_counts()
    for layer in ("domain", "ports", "application", "infrastructure", "presentation", "tests"):
        assert counts[layer] > 0, layer


def test_facts_trace_and_plan_have_work(repo: tuple[Path, int], tmp_path: Path) -> None:
    root, _ = repo
    known = api.knowledge(str(root), cache=False)
    slices = len(known.facts.ports) - 1  # one port per slice, plus the unit of work
    assert len(known.facts.routes) == 3 * slices
    assert len(known.facts.adapters) == slices
    assert len(known.facts.providers) >= 2 * slices
    traced = api.trace(known, "GET /api/f00001/{item_id}")
    kinds = [step.kind for step in traced.steps()]
    # the adapter's session attribute is typed AsyncSession: its I/O is a library step
    assert kinds == ["route", "handler", "service", "port", "adapter", "adapter"]
    assert traced.steps()[-1].name == "sqlalchemy.ext.asyncio.AsyncSession (library)"
    assert api.features(str(root)) == ["bulk_export"]
