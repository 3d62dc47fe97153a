"""Use case: draw a request trace over the layer rows it crosses."""

from __future__ import annotations

from archbook.application.layers.analysis import Analysis
from archbook.domain.drawing import DrawEdge, Drawing, DrawNode
from archbook.domain.trace import Trace, TraceNode


def trace_drawing(analysis: Analysis, trace: Trace) -> Drawing:
    """Each step a box in its layer's row (rows in rule order, each headed by a muted
    layer box); arrows follow the calls, branches fan out."""
    rank = {layer: index for index, layer in enumerate(analysis.layer_counts())}
    nodes: list[DrawNode] = []
    edges: list[DrawEdge] = []
    used_layers: set[str] = set()

    def add(node: TraceNode, parent: str | None) -> None:
        node_id = f"step{len(nodes)}"
        step = node.step
        short = step.name.rpartition(":")[2] or step.name
        where = f"\n{step.location}" if step.location else ""
        note = f"\n({step.note})" if step.note else ""
        layer = step.layer or "unclassified"
        used_layers.add(layer)
        nodes.append(
            DrawNode(
                node_id,
                f"{step.kind}: {short}{where}{note}",
                layer,
                rank.get(layer, 0),
                highlighted=step.kind == "route",
            )
        )
        if parent is not None:
            edges.append(DrawEdge(parent, node_id))
        for child in node.children:
            add(child, node_id)

    add(trace.root, None)
    bands = [
        DrawNode(f"layer:{layer}", layer, layer, rank.get(layer, 0), muted=True)
        for layer in sorted(used_layers, key=lambda name: rank.get(name, 0))
    ]
    return Drawing(f"Request path of {trace.route.key}", tuple(bands + nodes), tuple(edges))
