"""Use case: what an architecture tour offers to drill into — layers and slices."""

from __future__ import annotations

from collections import Counter

from archbook.application.layers.analysis import Analysis

SLICE_DEPTH = 2
MIN_SLICE_MODULES = 2


def drill_down_targets(analysis: Analysis) -> list[str]:
    """Populated layers in drawing order, then slices (module prefixes) by name."""
    layers = [layer for layer, count in analysis.layer_counts().items() if count]
    return [*layers, *slices(analysis)]


def slices(analysis: Analysis, depth: int = SLICE_DEPTH) -> list[str]:
    """Module prefixes ``depth`` names deep (``app.users``) holding several modules."""
    counts: Counter[str] = Counter()
    for name in analysis.classifications:
        parts = name.split(".")
        if len(parts) > depth:
            counts[".".join(parts[:depth])] += 1
    return sorted(prefix for prefix, count in counts.items() if count >= MIN_SLICE_MODULES)


def module_prefixes(analysis: Analysis) -> list[str]:
    """Every module name and every package prefix of one, sorted (what can be moved)."""
    names: set[str] = set()
    for name in analysis.classifications:
        parts = name.split(".")
        names.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    return sorted(names)


def cycle_imports(analysis: Analysis) -> list[tuple[int, str, int, str, str]]:
    """``(cycle number, path, line, importer, imported)`` for every import inside a cycle."""
    paths = analysis.scan.module_paths
    rows: list[tuple[int, str, int, str, str]] = []
    for index, cycle in enumerate(analysis.cycles, 1):
        members = set(cycle)
        for (importer, imported), items in sorted(analysis.pairs.items()):
            if importer in members and imported in members:
                rows.extend((index, paths[importer], i.line, importer, imported) for i in items)
    return rows
