"""Use case: a scan's imports grouped by importing pair and by library, for the analysis.

The grouping of the last scan is kept per importing module: after a re-scan that the
scanner derived from it (see ``reuse``), only the changed modules' imports are grouped
again, and the tables are rebuilt from the kept groups at C speed, in the very order
grouping the whole scan gives (the scanner lists each module's imports together, in
module order).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain, repeat
from typing import NamedTuple

from archbook.application.layers.reuse import derived_changes
from archbook.domain.source import Import, Module, Scan

PairImports = tuple[tuple[str, str], list[Import]]


class _Grouped(NamedTuple):
    """A scan's imports grouped by importing module, in scan order: the importing
    pairs of each module and the libraries it imports."""

    imports: tuple[Import, ...]
    pairs: dict[str, list[PairImports]]
    externals: dict[str, list[str]]
    modules: tuple[Module, ...]
    names: list[str]  # their names, in order


_grouped: list[_Grouped] = []


def group_imports(
    scan: Scan, previous: Scan | None, changed: dict[str, tuple[Import, ...]]
) -> tuple[dict[tuple[str, str], list[Import]], Counter[str], dict[str, list[PairImports]]]:
    """(imports of each importing pair, how often each library is imported), both in
    the order of the scan's imports, and each module's pairs. When the scanner derived
    ``scan`` from ``previous``, the last scan grouped, changing the imports of
    ``changed`` only, only those are grouped again."""
    last = _grouped[0] if _grouped else None
    if (
        previous is not None
        and last is not None
        and last.imports is previous.imports
        and last.modules is scan.modules
        and derived_changes(previous.imports, scan.imports) is changed
    ):
        pairs_of, externals_of = dict(last.pairs), dict(last.externals)
        for name, items in changed.items():
            pairs_of[name], externals_of[name] = _group_one(name, items)
        # the scanner lists each module's imports together, in module order
        names = last.names
        grouped = _Grouped(scan.imports, pairs_of, externals_of, scan.modules, names)
        by_pair = dict(chain.from_iterable(map(pairs_of.get, names, repeat(()))))
        externals = Counter(chain.from_iterable(map(externals_of.get, names, repeat(()))))
        _grouped[:] = [grouped]
        return by_pair, externals, pairs_of
    pairs: dict[tuple[str, str], list[Import]] = defaultdict(list)
    libraries: dict[str, list[str]] = defaultdict(list)
    counted: Counter[str] = Counter()
    for item in scan.imports:
        if item.external:
            counted[item.imported] += 1
            libraries[item.importer].append(item.imported)
        else:
            pairs[(item.importer, item.imported)].append(item)
    by_module: dict[str, list[PairImports]] = defaultdict(list)
    for key, found in pairs.items():
        by_module[key[0]].append((key, found))
    names = [m.name for m in scan.modules]
    grouped = _Grouped(scan.imports, dict(by_module), dict(libraries), scan.modules, names)
    _grouped[:] = [grouped]
    return dict(pairs), counted, by_module


def _group_one(name: str, items: tuple[Import, ...]) -> tuple[list[PairImports], list[str]]:
    """(importing pairs, libraries imported) of one module's imports, in order."""
    pairs: dict[tuple[str, str], list[Import]] = {}
    externals: list[str] = []
    for item in items:
        if item.external:
            externals.append(item.imported)
        else:
            pairs.setdefault((name, item.imported), []).append(item)
    return list(pairs.items()), externals
