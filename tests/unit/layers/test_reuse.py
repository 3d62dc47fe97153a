"""Which modules' imports changed between two scans, told by object identity."""

from __future__ import annotations

from dataclasses import replace

from archbook.application.layers.reuse import changed_imports, same_scan
from archbook.domain.source import Import, Module, Scan

MODULES = (Module("a", "a.py"), Module("b", "b.py"), Module("c", "c.py"))


def _imp(importer: str, imported: str, line: int = 1) -> Import:
    return Import(importer, imported, line, f"import {imported}", False, False, False)


def changed_importers(old: Scan, new: Scan) -> set[str] | None:
    changed = changed_imports(old, new)
    return None if changed is None else set(changed)


def _scan(imports: tuple[Import, ...], modules: tuple[Module, ...] = MODULES) -> Scan:
    return Scan("/r", (".",), modules, imports)


def test_only_the_modules_with_new_or_dropped_import_objects_changed() -> None:
    ab, bc, ca = _imp("a", "b"), _imp("b", "c"), _imp("c", "a")
    old = _scan((ab, bc, ca))
    assert same_scan(old, replace(old))
    assert changed_importers(old, _scan((ab, bc, ca))) == set()
    # b's import rebuilt (even if equal), c's dropped
    assert changed_importers(old, _scan((ab, _imp("b", "c")))) == {"b", "c"}
    assert changed_importers(old, _scan((ab, bc, ca, _imp("a", "c", 2)))) == {"a"}
    ac = _imp("a", "c", 2)
    assert changed_imports(old, _scan((ab, ac, bc))) == {"a": (ab, ac), "c": ()}


def test_other_modules_or_a_new_order_cannot_be_compared() -> None:
    ab, bc = _imp("a", "b"), _imp("b", "c")
    old = _scan((ab, bc))
    assert changed_importers(old, _scan((ab, bc), modules=MODULES)) is not None
    assert changed_importers(old, _scan((ab, bc), modules=MODULES[:2])) is None
    assert changed_importers(old, _scan((bc, ab))) is None
    assert not same_scan(old, _scan((ab, bc)))
