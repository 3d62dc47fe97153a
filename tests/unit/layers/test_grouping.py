"""Grouping a re-scan's imports from the last grouping gives the tables, in the order,
that grouping the whole scan gives."""

from __future__ import annotations

from typing import Any

from archbook.application.layers.grouping import group_imports
from archbook.application.layers.reuse import note_derived
from archbook.domain.source import Import, Module, Scan

MODULES = tuple(Module(name, f"{name}.py") for name in ("a", "b", "c", "d"))


def _imp(importer: str, imported: str, line: int = 1, external: bool = False) -> Import:
    return Import(importer, imported, line, f"import {imported}", external, False, False)


def _scan(per_module: dict[str, tuple[Import, ...]]) -> Scan:
    imports = tuple(i for m in MODULES for i in per_module.get(m.name, ()))
    return Scan("/r", (".",), MODULES, imports)


def _tables(scan: Scan, previous: Scan | None, changed: dict[str, tuple[Import, ...]]) -> Any:
    by_pair, externals, _ = group_imports(scan, previous, changed)
    return list(by_pair.items()), list(externals.items())


def test_a_module_gaining_its_first_imports_keeps_the_cold_order() -> None:
    old_imports = {
        "a": (_imp("a", "d"), _imp("a", "os", external=True)),
        "c": (_imp("c", "d"), _imp("c", "sys", external=True), _imp("c", "d", 2)),
    }
    old = _scan(old_imports)
    group_imports(old, None, {})
    # b, which imported nothing, now imports c and a library the others import too;
    # c drops one of its imports of d
    changed = {
        "b": (_imp("b", "c"), _imp("b", "sys", external=True), _imp("b", "json", external=True)),
        "c": (old_imports["c"][0], old_imports["c"][1]),
    }
    new = _scan({**old_imports, **changed})
    note_derived(old.imports, new.imports, changed)
    incremental = _tables(new, old, changed)
    assert incremental == _tables(Scan("/r", (".",), MODULES, new.imports), None, {})
    note_derived(old.imports, new.imports, changed)
    group_imports(old, None, {})
    by_pair, externals, _ = group_imports(new, old, changed)
    assert list(by_pair) == [("a", "d"), ("b", "c"), ("c", "d")]
    assert by_pair[("c", "d")] == [old_imports["c"][0]]
    assert list(externals) == ["os", "sys", "json"] and externals["sys"] == 2


def test_a_scan_the_scanner_did_not_derive_is_grouped_whole() -> None:
    old = _scan({"a": (_imp("a", "b"),)})
    group_imports(old, None, {})
    new = _scan({"a": (_imp("a", "b"), _imp("a", "c"))})
    # no derivation noted for these imports: the claimed change is not believed
    by_pair, _, _ = group_imports(new, old, {"a": ()})
    assert list(by_pair) == [("a", "b"), ("a", "c")]
