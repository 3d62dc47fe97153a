"""Draws with the Graphviz ``dot`` binary (or ``sfdp`` for large unranked views).

The DOT source is built with the ``graphviz`` package; the binary runs in a
subprocess with a time cap and capped layout effort, so a big graph fails fast
with a clear message instead of hanging.
"""

from __future__ import annotations

import html
import math
import shutil
import subprocess

import graphviz

from archbook.application.ports.renderer import GraphRenderer
from archbook.domain.drawing import RINGS, DrawEdge, Drawing, DrawNode
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
EDGE = "#555555"
# The rings view: distance between rings, and the discs' fills from the outside in.
RING_STEP_PT = 125.0
POINTS_PER_INCH = 72.0
RING_FILLS = ("#fcfcfc", "#f6f7f8", "#eef3f7", "#e6eef5", "#dde8f1")
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
        options: tuple[str, ...]
        if drawing.layout == RINGS:
            engine, options = "neato", ("-n",)
        elif drawing.ranked and len(drawing.nodes) <= SFDP_THRESHOLD:
            engine, options = "dot", EFFORT_ARGS
        else:
            engine, options = "sfdp", ()
        binary = shutil.which(engine)
        if binary is None:
            raise GraphvizNotFoundError()
        source = dot_source(drawing)
        command = [binary, "-Tsvg", *options]
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
    """The DOT text of a drawing: rows by rank (or rings around the centre), red
    violations, grey unclassified, one line with two arrowheads for opposite imports."""
    rings = drawing.layout == RINGS
    graph = graphviz.Digraph(
        graph_attr={
            "rankdir": "TB",
            "label": drawing.title,
            "labelloc": "t",
            "fontname": "Helvetica",
            "fontsize": "13",
            "nodesep": "0.5",
            "ranksep": "0.7",
            "splines": "curved" if rings else ("false" if len(drawing.edges) >= 400 else "true"),
            "outputorder": "nodesfirst" if rings else "breadthfirst",
        },
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fontname": "Helvetica",
            "fontsize": "12",
        },
        edge_attr={"fontname": "Helvetica", "fontsize": "11", "color": EDGE},
    )
    # Plain ids: DOT reads ``a:b`` as node ``a``, port ``b``; labels carry the names.
    ids = {node.id: f"n{index}" for index, node in enumerate(drawing.nodes)}
    if rings:
        _ring_backgrounds(graph, drawing)
    ranks: dict[int, list[str]] = {}
    for node in drawing.nodes:
        attrs = _node_attrs(node)
        if rings:
            attrs["pos"] = _position(node.ring, node.angle)
        # A note's lines are left-justified (``\l``), which also keeps a line ending in
        # a quote from running into the next.
        label = node.label.replace("\n", "\\l") + "\\l" if node.small else node.label
        graph.node(ids[node.id], label, **attrs)
        ranks.setdefault(node.rank, []).append(ids[node.id])
    if drawing.ranked and not rings:
        for rank in sorted(ranks):
            with graph.subgraph() as row:
                row.attr(rank="same")
                for node_id in ranks[rank]:
                    row.node(node_id)
        ordered = [ranks[rank][0] for rank in sorted(ranks)]
        for upper, lower in zip(ordered, ordered[1:], strict=False):
            graph.edge(upper, lower, style="invis", weight="10")
    for edge in drawing.edges:
        attrs = _edge_attrs(edge)
        if drawing.ranked and not rings:
            # Rows come from the ranks alone, so an upward import cannot bend them.
            attrs["constraint"] = "false"
        graph.edge(ids[edge.source], ids[edge.target], **attrs)
    return graph.source


def _node_attrs(node: DrawNode) -> dict[str, str]:
    attrs = {"fillcolor": LAYER_COLOURS.get(node.group, FALLBACK_COLOUR), "tooltip": node.group}
    if node.muted:
        attrs.update(fontcolor=MUTED, color=MUTED, style="rounded,filled,dashed")
    if node.small:
        attrs.update(shape="note", fontsize="9", style="filled,dashed", fillcolor="#fafafa")
    if node.highlighted:
        attrs.update(color=HIGHLIGHT, penwidth="3")
    return attrs


def _edge_attrs(edge: DrawEdge) -> dict[str, str]:
    width = min(1 + edge.weight / 10, 4)
    attrs = {"label": edge.label, "penwidth": f"{width:g}"}
    bad = edge.violation or edge.back_violation
    if edge.back_label:
        attrs.update(dir="both", label=_two_way_label(edge))
    if bad:
        attrs.update(color=VIOLATION, fontcolor=VIOLATION, penwidth=f"{max(width, 2.5):g}")
    elif edge.muted:
        attrs.update(color=MUTED, fontcolor=MUTED, style="dashed")
    if edge.highlighted:
        colour = VIOLATION if bad else HIGHLIGHT
        attrs.update(style="bold", penwidth=f"{max(width, 3):g}", color=colour)
    return attrs


def _two_way_label(edge: DrawEdge) -> str:
    lines = [
        f'<font color="{VIOLATION if bad else EDGE}">{html.escape(text)}</font>'
        for text, bad in ((edge.label, edge.violation), (edge.back_label, edge.back_violation))
    ]
    return f"<{'<br/>'.join(lines)}>"


def _position(ring: int, angle: float) -> str:
    radius = ring * RING_STEP_PT
    x = radius * math.cos(math.radians(angle))
    y = radius * math.sin(math.radians(angle))
    return f"{x:.1f},{y:.1f}!"


def _ring_backgrounds(graph: graphviz.Digraph, drawing: Drawing) -> None:
    """Concentric discs, outermost first so inner ones paint over it: the onion."""
    used = sorted({n.ring for n in drawing.nodes if not n.small}, reverse=True)
    for index, ring in enumerate(used):
        diameter = 2 * (ring + 0.5) * RING_STEP_PT / POINTS_PER_INCH
        graph.node(
            f"ring{ring}",
            "",
            shape="circle",
            fixedsize="true",
            width=f"{diameter:.2f}",
            pos="0,0!",
            style="filled,dashed",
            color="#c8c8c8",
            fillcolor=RING_FILLS[index % len(RING_FILLS)],
        )
