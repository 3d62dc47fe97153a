"""Use case: describe what to draw — the layer graph, or one layer's modules.

Large module views are collapsed to packages until they fit, so no drawing asks a
layout engine for thousands of nodes.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from archbook.application.layers.analysis import Analysis
from archbook.domain.drawing import DrawEdge, Drawing, DrawNode
from archbook.domain.layers import UNCLASSIFIED
from archbook.domain.plan_review import PlanEdge
from archbook.exceptions import RenderError

MAX_MODULE_NODES = 120


def layer_drawing(analysis: Analysis, highlight: frozenset[str] = frozenset()) -> Drawing:
    """Layers top to bottom in rule order, edges labelled with import counts.

    ``highlight`` names layers to emphasise (for example the layers a plan touches).
    """
    counts = analysis.layer_counts()
    rank = {layer: index for index, layer in enumerate(counts)}
    nodes = tuple(
        DrawNode(
            layer,
            f"{layer}\n{count} module{'s' if count != 1 else ''}",
            layer,
            rank[layer],
            highlighted=layer in highlight,
            muted=layer == UNCLASSIFIED,
        )
        for layer, count in counts.items()
        if count or layer != UNCLASSIFIED
    )
    edges = tuple(
        DrawEdge(
            e.source,
            e.target,
            str(e.count),
            e.count,
            violation=not e.allowed,
            muted=UNCLASSIFIED in (e.source, e.target),
        )
        for e in analysis.layer_edges
    )
    name = os.path.basename(analysis.scan.root.rstrip("/")) or analysis.scan.root
    title = f"Layers of {name} ({len(analysis.violations)} violations)"
    return Drawing(title, nodes, edges)


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


def module_drawing(
    analysis: Analysis,
    focus: str,
    highlight: frozenset[str] = frozenset(),
    max_nodes: int = MAX_MODULE_NODES,
) -> Drawing:
    """Modules of one layer (``focus`` is a layer name) or one slice (a module prefix),
    with the modules they import from or are imported by, collapsed to packages when
    there are more than ``max_nodes``."""
    members = _members(analysis, focus)
    touching = {(a, b) for a, b in analysis.pairs if a in members or b in members}
    names = members | {n for pair in touching for n in pair}
    depth = _collapse_depth(names, max_nodes)
    group_of = {name: _collapse(name, depth) for name in names}
    rank = {layer: index for index, layer in enumerate(analysis.layer_counts())}
    node_layers: dict[str, Counter[str]] = {}
    for name in names:
        node_layers.setdefault(group_of[name], Counter())[analysis.layer_of(name)] += 1
    nodes = []
    for node_id, layers in sorted(node_layers.items()):
        layer = layers.most_common(1)[0][0]
        inside = any(group_of[m] == node_id for m in members)
        nodes.append(
            DrawNode(
                node_id,
                node_id,
                layer,
                rank[layer],
                highlighted=any(h == node_id or h.startswith(node_id + ".") for h in highlight),
                muted=not inside,
            )
        )
    weights: Counter[tuple[str, str]] = Counter()
    bad: set[tuple[str, str]] = set()
    for a, b in touching:
        key = (group_of[a], group_of[b])
        if key[0] == key[1]:
            continue
        weights[key] += len(analysis.pairs[(a, b)])
        if not analysis.rules.allows(analysis.layer_of(a), analysis.layer_of(b)):
            bad.add(key)
    edges = tuple(
        DrawEdge(a, b, str(w) if w > 1 else "", w, violation=(a, b) in bad)
        for (a, b), w in sorted(weights.items())
    )
    collapsed = f", collapsed to depth {depth}" if depth else ""
    return Drawing(f"Modules of {focus}{collapsed}", tuple(nodes), edges)


def _members(analysis: Analysis, focus: str) -> set[str]:
    if focus in analysis.layer_counts():
        members = set(analysis.modules_in(focus))
    else:
        members = {m for m in analysis.classifications if m == focus or m.startswith(focus + ".")}
    if not members:
        known = ", ".join(layer for layer, n in analysis.layer_counts().items() if n)
        raise RenderError(
            f"'{focus}' is neither a populated layer nor a module prefix; layers: {known}"
        )
    return members


def _collapse_depth(names: set[str], max_nodes: int) -> int:
    """0 keeps modules whole; otherwise the package depth that fits ``max_nodes``."""
    if len(names) <= max_nodes:
        return 0
    deepest = max(name.count(".") + 1 for name in names)
    for depth in range(deepest - 1, 0, -1):
        if len({_collapse(n, depth) for n in names}) <= max_nodes:
            return depth
    return 1


def _collapse(name: str, depth: int) -> str:
    return ".".join(name.split(".")[:depth]) if depth else name
