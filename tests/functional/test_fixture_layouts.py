"""The seven fixture repositories of tests/assets, scanned from disk by the real
reader, against the hand-derived oracle in tests/assets/expectations.py: exact
source roots, layers, internal edges, violations, cycles and import contexts.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from archbook import api
from archbook.application.layers.analysis import Analysis

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def _load_expectations() -> ModuleType:
    # loaded by path: putting tests/assets on sys.path would make the fixture
    # repositories' own packages (src, app, ...) importable
    spec = importlib.util.spec_from_file_location("expectations", ASSETS / "expectations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXPECTED: dict[str, dict[str, Any]] = _load_expectations().EXPECTED


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request: pytest.FixtureRequest) -> tuple[str, Analysis, dict[str, Any]]:
    name = request.param
    return name, api.analyse(str(ASSETS / name), cache=False), EXPECTED[name]


def test_the_oracle_covers_every_fixture_repository() -> None:
    folders = {p.name for p in ASSETS.iterdir() if p.is_dir() and p.name in EXPECTED}
    assert folders == set(EXPECTED)
    assert len(EXPECTED) == 7


def test_source_roots(case: tuple[str, Analysis, dict[str, Any]]) -> None:
    _, analysis, expected = case
    assert list(analysis.scan.source_roots) == expected["source_roots"]


def test_every_python_file_is_a_module_in_its_layer(
    case: tuple[str, Analysis, dict[str, Any]],
) -> None:
    name, analysis, expected = case
    layers = {module: c.layer for module, c in analysis.classifications.items()}
    assert layers == expected["modules"]
    on_disk = {
        os.path.relpath(os.path.join(folder, f), ASSETS / name).replace(os.sep, "/")
        for folder, _, files in os.walk(ASSETS / name)
        for f in files
        if f.endswith(".py")
    }
    assert {m.path for m in analysis.scan.modules} == on_disk
    assert analysis.scan.skipped == ()


def test_internal_edges(case: tuple[str, Analysis, dict[str, Any]]) -> None:
    _, analysis, expected = case
    assert set(analysis.pairs) == expected["edges"]


def test_violations_with_their_lines(case: tuple[str, Analysis, dict[str, Any]]) -> None:
    _, analysis, expected = case
    found = {(v.importer, v.imported, v.line) for v in analysis.violations}
    assert found == expected["violations"]
    assert len(analysis.violations) == len(found)


def test_cycles(case: tuple[str, Analysis, dict[str, Any]]) -> None:
    _, analysis, expected = case
    assert sorted(map(sorted, analysis.cycles)) == sorted(map(sorted, expected["cycles"]))


def test_type_checking_and_function_level_edges(
    case: tuple[str, Analysis, dict[str, Any]],
) -> None:
    _, analysis, expected = case
    internal = [i for i in analysis.scan.imports if not i.external]
    type_checking = {(i.importer, i.imported) for i in internal if i.type_checking}
    in_function = {(i.importer, i.imported) for i in internal if i.in_function}
    assert type_checking == expected.get("type_checking_edges", set())
    assert in_function == expected.get("function_level_edges", set())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_strict_and_cached_scans_agree_with_the_oracle(name: str) -> None:
    path = str(ASSETS / name)
    strict = api.analyse(path, strict=True, cache=False)
    api.analyse(path)  # fills the snapshot
    warm = api.analyse(path)
    assert warm.scan.stats.cached == warm.scan.stats.files > 0
    for analysis in (strict, warm):
        assert set(analysis.pairs) == EXPECTED[name]["edges"]
        assert analysis.scan.skipped == ()
        found = {(v.importer, v.imported, v.line) for v in analysis.violations}
        assert found == EXPECTED[name]["violations"]
