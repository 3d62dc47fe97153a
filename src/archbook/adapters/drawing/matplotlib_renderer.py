"""Draws without Graphviz: a networkx layout drawn by matplotlib, saved as SVG."""

from __future__ import annotations

import io

from archbook.adapters.drawing.graphviz_renderer import (
    FALLBACK_COLOUR,
    LAYER_COLOURS,
    MUTED,
    VIOLATION,
)
from archbook.application.ports.renderer import GraphRenderer
from archbook.domain.drawing import Drawing


class MatplotlibRenderer(GraphRenderer):
    """Rows by rank (networkx multipartite layout), red violations; no binary needed."""

    def render_svg(self, drawing: Drawing) -> str:
        # A bare Figure, not pyplot: switching the backend would break a notebook's plots.
        import networkx as nx
        from matplotlib.figure import Figure

        graph = nx.DiGraph()
        for node in drawing.nodes:
            graph.add_node(node.id, rank=node.rank)
        for edge in drawing.edges:
            graph.add_edge(edge.source, edge.target)
        positions = nx.multipartite_layout(graph, subset_key="rank", align="horizontal")
        positions = {node: (x, -y) for node, (x, y) in positions.items()}
        size = max(6.0, min(24.0, len(drawing.nodes) * 0.8))
        figure = Figure(figsize=(size, size * 0.75))
        axes = figure.subplots()
        labels = {node.id: node.label for node in drawing.nodes}
        colours = [LAYER_COLOURS.get(node.group, FALLBACK_COLOUR) for node in drawing.nodes]
        nx.draw_networkx_nodes(
            graph,
            positions,
            nodelist=[n.id for n in drawing.nodes],
            node_color=colours,
            node_shape="s",
            node_size=2200,
            edgecolors="#555555",
            ax=axes,
        )
        nx.draw_networkx_labels(graph, positions, labels=labels, font_size=8, ax=axes)
        edge_colours = [
            VIOLATION if e.violation or e.back_violation else (MUTED if e.muted else "#555555")
            for e in drawing.edges
        ]
        nx.draw_networkx_edges(
            graph,
            positions,
            edgelist=[(e.source, e.target) for e in drawing.edges],
            edge_color=edge_colours,
            arrows=True,
            node_size=2200,
            ax=axes,
        )
        nx.draw_networkx_edge_labels(
            graph,
            positions,
            edge_labels={
                (e.source, e.target): "\n".join(filter(None, (e.label, e.back_label)))
                for e in drawing.edges
            },
            font_size=7,
            ax=axes,
        )
        axes.set_title(drawing.title, fontsize=10)
        axes.axis("off")
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight")
        return buffer.getvalue()
