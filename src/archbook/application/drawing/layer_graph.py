"""Use case: the layer graph a reviewer reads — strict rows or hexagonal rings.

Tests are hidden unless asked for (their many imports would dominate), opposite edges
between two layers become one line carrying both counts, unclassified modules become a
small note saying why and which setting would classify them, and the title says what
was left out.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from archbook.application.layers.analysis import Analysis
from archbook.domain.analysis import LayerEdge
from archbook.domain.drawing import LAYOUTS, RINGS, ROWS, DrawEdge, Drawing, DrawNode
from archbook.domain.layers import (
    APPLICATION,
    COMPOSITION,
    DOMAIN,
    INFRASTRUCTURE,
    PORTS,
    PRESENTATION,
    TESTS,
    UNCLASSIFIED,
)
from archbook.domain.plan_review import PlanEdge
from archbook.exceptions import RenderError

# Where the hexagon puts each layer: (ring, angle in degrees). The driving side (routes,
# use cases) on the left, the driven side (ports, adapters) on the right, the wiring on top.
HEXAGON = {
    DOMAIN: (0, 90.0),
    APPLICATION: (1, 150.0),
    PORTS: (1, 30.0),
    PRESENTATION: (2, 210.0),
    INFRASTRUCTURE: (2, 330.0),
    COMPOSITION: (2, 90.0),
}
# Layers drawn beside the rows rather than in them: they may import everything.
BESIDE = frozenset({COMPOSITION})
HINT_PREFIXES = 2


@dataclass(frozen=True)
class LayerPair:
    """Imports between two layers in both directions, for one line with both counts."""

    upper: str
    lower: str
    down: LayerEdge | None
    up: LayerEdge | None

    @property
    def count(self) -> int:
        return sum(edge.count for edge in (self.down, self.up) if edge)


def layer_drawing(
    analysis: Analysis,
    highlight: frozenset[str] = frozenset(),
    *,
    view: str = ROWS,
    show_tests: bool = False,
    added: frozenset[tuple[str, str]] = frozenset(),
) -> Drawing:
    """The layer graph in ``view`` (``rows``: rule order top to bottom, ``rings``: the
    hexagon, domain in the middle). ``highlight`` names layers to emphasise, ``added``
    layer pairs (importer, imported) to mark as new."""
    if view not in LAYOUTS:
        raise RenderError(f"unknown view '{view}'; use {' or '.join(LAYOUTS)}")
    counts = analysis.shown_layer_counts()
    hidden = set() if show_tests else {TESTS}
    shown = [
        layer
        for layer in counts
        if layer not in hidden and layer != UNCLASSIFIED and (counts[layer] or layer != TESTS)
    ]
    # Layers drawn beside the rows come last, so they sit right of the top row.
    shown.sort(key=lambda layer: layer in BESIDE)
    rank = _rows(shown)
    placed = _rings(shown, analysis.rules.order)
    nodes = [
        DrawNode(
            layer,
            f"{layer}\n{counts[layer]} module{'s' if counts[layer] != 1 else ''}",
            layer,
            rank[layer],
            highlighted=layer in highlight,
            muted=not counts[layer],
            ring=placed[layer][0],
            angle=placed[layer][1],
        )
        for layer in shown
    ]
    if counts.get(UNCLASSIFIED):
        outer = max((ring for ring, _ in placed.values()), default=0) + 1
        nodes.append(
            DrawNode(
                UNCLASSIFIED,
                unclassified_note(analysis),
                UNCLASSIFIED,
                max(rank.values(), default=0),
                muted=True,
                ring=outer,
                angle=270.0,
                small=True,
            )
        )
    pairs = paired_edges(analysis.layer_edges, rank, set(shown))
    edges = tuple(_edge(pair, added) for pair in pairs)
    title = _title(analysis, hidden, view)
    return Drawing(title, tuple(nodes), edges, layout=view)


def projected_drawing(analysis: Analysis, added: Iterable[PlanEdge]) -> Drawing:
    """The layer graph plus the layer edges a plan's code would add, labelled ``+N plan``
    and red where the layer rules forbid them."""
    base = layer_drawing(analysis)
    counts = Counter((e.importer_layer, e.target_layer) for e in added)
    allowed = {(e.importer_layer, e.target_layer): e.allowed for e in added}
    present = {node.id for node in base.nodes}
    edges = tuple(
        DrawEdge(source, target, f"+{count} plan", count, violation=not allowed[source, target])
        for (source, target), count in sorted(counts.items())
        if source != target and {source, target} <= present
    )
    touched = {layer for pair in counts for layer in pair}
    nodes = tuple(replace(n, highlighted=n.id in touched) for n in base.nodes)
    broken = sum(1 for e in edges if e.violation)
    return Drawing(
        f"{base.title}; the plan adds {len(edges)} layer edges, {broken} forbidden",
        nodes,
        base.edges + edges,
    )


def paired_edges(edges: list[LayerEdge], rank: dict[str, int], shown: set[str]) -> list[LayerPair]:
    """Edges between shown layers grouped by unordered pair, the upper layer first."""
    grouped: dict[tuple[str, str], dict[str, LayerEdge]] = {}
    for edge in edges:
        if edge.source not in shown or edge.target not in shown:
            continue
        upper, lower = sorted((edge.source, edge.target), key=lambda name: (rank[name], name))
        grouped.setdefault((upper, lower), {})["down" if edge.source == upper else "up"] = edge
    return [
        LayerPair(upper, lower, found.get("down"), found.get("up"))
        for (upper, lower), found in grouped.items()
    ]


def unclassified_note(analysis: Analysis) -> str:
    """Why modules are unclassified and the setting that would classify the biggest
    packages among them, in a few short lines."""
    names = analysis.modules_in(UNCLASSIFIED)
    rules = analysis.rules
    why = (
        "no layer folder or file name in their paths"
        if rules.use_path_tokens
        else f"no module prefix of {rules.source}"
    )
    prefixes = Counter(".".join(name.split(".")[:HINT_PREFIXES]) for name in names)
    hint = [f'"{prefix}" = "<layer>"' for prefix, _ in prefixes.most_common(HINT_PREFIXES)]
    lines = [
        f"{UNCLASSIFIED}: {len(names)} module{'s' if len(names) != 1 else ''}",
        why,
        "classify with [tool.archbook.modules]",
        *hint,
    ]
    return "\n".join(lines)


def _rows(shown: list[str]) -> dict[str, int]:
    """Rule order top to bottom; layers that may import everything sit beside the top row."""
    in_rows = [layer for layer in shown if layer not in BESIDE]
    rank = {layer: index for index, layer in enumerate(in_rows)}
    for layer in shown:
        if layer in BESIDE:
            rank[layer] = 0
    return rank


def _rings(shown: list[str], order: tuple[str, ...]) -> dict[str, tuple[int, float]]:
    """The hexagon's places for its own layers; other layers (a team's own contract) on
    rings by their place in the rule order, the lowest layer in the middle."""
    placed = {layer: HEXAGON[layer] for layer in shown if layer in HEXAGON}
    others = [layer for layer in shown if layer not in HEXAGON]
    if not others:
        return placed
    if placed:
        outer = max(ring for ring, _ in placed.values()) + 1
        step = 360.0 / len(others)
        placed.update({layer: (outer, 90.0 - i * step) for i, layer in enumerate(others)})
        return placed
    rank = {layer: order.index(layer) if layer in order else len(order) for layer in others}
    bottom = max(rank.values())
    by_ring: dict[int, list[str]] = {}
    for layer in others:
        by_ring.setdefault(bottom - rank[layer], []).append(layer)
    for ring, members in by_ring.items():
        step = 360.0 / len(members)
        placed.update(
            {layer: (ring, 90.0 + 45.0 * ring - i * step) for i, layer in enumerate(members)}
        )
    return placed


def _edge(pair: LayerPair, added: frozenset[tuple[str, str]]) -> DrawEdge:
    first, second = pair.down or pair.up, pair.up if pair.down else None
    assert first is not None
    new = any(e is not None and (e.source, e.target) in added for e in (first, second))
    if second is None:
        return DrawEdge(
            first.source,
            first.target,
            str(first.count),
            first.count,
            violation=not first.allowed,
            highlighted=new,
        )
    return DrawEdge(
        first.source,
        first.target,
        f"{first.count} → {first.target}",
        pair.count,
        violation=not first.allowed,
        back_label=f"{second.count} → {second.target}",
        back_violation=not second.allowed,
        highlighted=new,
    )


def _title(analysis: Analysis, hidden: set[str], view: str) -> str:
    name = os.path.basename(analysis.scan.root.rstrip("/")) or analysis.scan.root
    count = len(analysis.violations)
    lines = [f"Layers of {name} ({count} violation{'s' if count != 1 else ''})"]
    left_out = []
    for layer in sorted(hidden):
        modules = analysis.layer_counts().get(layer, 0)
        if modules:
            imports = sum(e.count for e in analysis.layer_edges if layer in (e.source, e.target))
            left_out.append(f"{layer} hidden ({modules} modules, {imports} imports)")
    unclassified = analysis.layer_counts().get(UNCLASSIFIED, 0)
    if unclassified:
        left_out.append(f"imports of {unclassified} unclassified modules not drawn")
    if left_out:
        lines.append("; ".join(left_out))
    if view == RINGS:
        lines.append("domain in the middle, adapters outside; red: imports breaking the rules")
    return "\n".join(lines)
