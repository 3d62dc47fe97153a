"""Use case: the edge explorer — the import statements behind the edge between two
layers, the ones breaking the rules first, each with ``file:line``."""

from __future__ import annotations

from archbook.application.layers.analysis import Analysis, contains
from archbook.domain.analysis import LayerImport


def layer_pairs(analysis: Analysis) -> list[tuple[str, str]]:
    """Every unordered pair of layers with imports between them, those carrying
    violations first, then by import count."""
    totals: dict[frozenset[str], tuple[int, int]] = {}
    for edge in analysis.layer_edges:
        key = frozenset((edge.source, edge.target))
        bad, count = totals.get(key, (0, 0))
        totals[key] = (bad + (0 if edge.allowed else edge.count), count + edge.count)
    rank = {layer: index for index, layer in enumerate(analysis.layer_counts())}
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1][0], -kv[1][1], sorted(kv[0])))
    return [
        (pair[0], pair[1])
        for key, _ in ordered
        for pair in [sorted(key, key=lambda layer: rank.get(layer, len(rank)))]
    ]


def edge_imports(analysis: Analysis, first: str, second: str) -> list[LayerImport]:
    """Imports from ``first`` into ``second`` and back: violations first, then by file
    and line."""
    paths = analysis.scan.module_paths
    found: list[LayerImport] = []
    for (importer, imported), items in analysis.pairs.items():
        layers = (analysis.layer_of(importer), analysis.layer_of(imported))
        if layers not in ((first, second), (second, first)):
            continue
        if contains(importer, imported, layers[1], paths):
            continue  # a package's ``__init__`` holding its sub-module: no layer edge
        allowed = analysis.rules.allows(*layers)
        found.extend(
            LayerImport(importer, imported, *layers, paths[importer], i.line, i.text, allowed)
            for i in items
        )
    return sorted(found, key=lambda i: (i.allowed, i.path, i.line, i.imported))
