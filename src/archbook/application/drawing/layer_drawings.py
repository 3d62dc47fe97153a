"""Use case: describe what to draw for one layer's (or slice's) modules.

Large module views are collapsed to packages until they fit, so no drawing asks a
layout engine for thousands of nodes.
"""

from __future__ import annotations

from collections import Counter

from archbook.application.layers.analysis import Analysis, contains
from archbook.domain.drawing import DrawEdge, Drawing, DrawNode
from archbook.exceptions import RenderError

MAX_MODULE_NODES = 120


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
    paths = analysis.scan.module_paths
    for a, b in touching:
        key = (group_of[a], group_of[b])
        if key[0] == key[1]:
            continue
        weights[key] += len(analysis.pairs[(a, b)])
        between = (analysis.layer_of(a), analysis.layer_of(b))
        if not analysis.rules.allows(*between) and not contains(a, b, between[1], paths):
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
