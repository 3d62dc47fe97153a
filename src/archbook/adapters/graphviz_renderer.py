"""Draws with the Graphviz ``dot`` binary (or ``sfdp`` for large unranked views).

The DOT source is built with the ``graphviz`` package; the binary runs in a
subprocess with a time cap and capped layout effort, so a big graph fails fast
with a clear message instead of hanging.
"""

from __future__ import annotations

import shutil
import subprocess

import graphviz

from archbook.application.ports.renderer import GraphRenderer
from archbook.domain.drawing import Drawing
from archbook.exceptions import GraphvizNotFoundError, RenderError

DEFAULT_TIMEOUT_S = 20.0
SFDP_THRESHOLD = 200
LAYER_COLOURS = {
    "tests": "#f2f2f2",
    "composition": "#e8daef",
    "presentation": "#d6eaf8",
    "infrastructure": "#fdebd0",
    "application": "#d5f5e3",
    "ports": "#fcf3cf",
    "domain": "#fadbd8",
    "unclassified": "#eeeeee",
}
FALLBACK_COLOUR = "#e5e8e8"
VIOLATION = "#c0392b"
MUTED = "#9e9e9e"
HIGHLIGHT = "#1f618d"
# Caps on dot's layout effort: enough for readable drawings, bounded time.
EFFORT_ARGS = ("-Gnslimit=2", "-Gnslimit1=2", "-Gmclimit=0.5")


def dot_available() -> bool:
    """True when the Graphviz ``dot`` binary is on PATH."""
    return shutil.which("dot") is not None


class GraphvizRenderer(GraphRenderer):
    """Renders drawings to SVG with Graphviz."""

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self._timeout = timeout_s

    def render_svg(self, drawing: Drawing) -> str:
        engine = "dot" if drawing.ranked and len(drawing.nodes) <= SFDP_THRESHOLD else "sfdp"
        binary = shutil.which(engine)
        if binary is None:
            raise GraphvizNotFoundError()
        source = dot_source(drawing)
        command = [binary, "-Tsvg", *(EFFORT_ARGS if engine == "dot" else ())]
        try:
            done = subprocess.run(
                command, input=source.encode(), capture_output=True, timeout=self._timeout
            )
        except subprocess.TimeoutExpired as error:
            raise RenderError(
                f"Graphviz `{engine}` took more than {self._timeout:g} s for "
                f"{len(drawing.nodes)} nodes; draw one layer (--layer) or a slice instead"
            ) from error
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip()
            raise RenderError(f"Graphviz `{engine}` failed: {message[:300]}")
        return done.stdout.decode()


def dot_source(drawing: Drawing) -> str:
    """The DOT text of a drawing: rows by rank, red violations, grey unclassified."""
    graph = graphviz.Digraph(
        graph_attr={
            "rankdir": "TB",
            "label": drawing.title,
            "labelloc": "t",
            "fontname": "Helvetica",
            "fontsize": "12",
            "nodesep": "0.4",
            "ranksep": "0.6",
            "splines": "true" if len(drawing.edges) < 400 else "false",
        },
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fontname": "Helvetica",
            "fontsize": "11",
        },
        edge_attr={"fontname": "Helvetica", "fontsize": "9", "color": "#555555"},
    )
    # Plain ids: DOT reads ``a:b`` as node ``a``, port ``b``; labels carry the names.
    ids = {node.id: f"n{index}" for index, node in enumerate(drawing.nodes)}
    ranks: dict[int, list[str]] = {}
    for node in drawing.nodes:
        attrs = {"fillcolor": LAYER_COLOURS.get(node.group, FALLBACK_COLOUR), "tooltip": node.group}
        if node.muted:
            attrs.update(fontcolor=MUTED, color=MUTED, style="rounded,filled,dashed")
        if node.highlighted:
            attrs.update(color=HIGHLIGHT, penwidth="3")
        graph.node(ids[node.id], node.label, **attrs)
        ranks.setdefault(node.rank, []).append(ids[node.id])
    if drawing.ranked:
        for rank in sorted(ranks):
            with graph.subgraph() as row:
                row.attr(rank="same")
                for node_id in ranks[rank]:
                    row.node(node_id)
        ordered = [ranks[rank][0] for rank in sorted(ranks)]
        for upper, lower in zip(ordered, ordered[1:], strict=False):
            graph.edge(upper, lower, style="invis", weight="10")
    for edge in drawing.edges:
        attrs = {"label": edge.label, "penwidth": str(min(1 + edge.weight / 10, 4))}
        if edge.violation:
            attrs.update(color=VIOLATION, fontcolor=VIOLATION, penwidth="2.5")
        elif edge.muted:
            attrs.update(color=MUTED, fontcolor=MUTED, style="dashed")
        graph.edge(ids[edge.source], ids[edge.target], **attrs)
    return graph.source
