"""A neutral description of a graph to draw; renderers turn it into SVG."""

from __future__ import annotations

from dataclasses import dataclass

ROWS = "rows"
RINGS = "rings"
LAYOUTS = (ROWS, RINGS)


@dataclass(frozen=True, slots=True)
class DrawNode:
    """A box: ``group`` is the layer it belongs to, ``rank`` its row (top is 0).

    In the rings layout ``ring`` is the node's ring (0 is the centre) and ``angle`` its
    direction in degrees (0 is right, 90 up); ``small`` draws a side note, not a box.
    """

    id: str
    label: str
    group: str
    rank: int
    highlighted: bool = False
    muted: bool = False
    ring: int = 0
    angle: float = 0.0
    small: bool = False


@dataclass(frozen=True, slots=True)
class DrawEdge:
    """An arrow from ``source`` to ``target``; ``violation`` draws it red.

    An edge with a ``back_label`` stands for both directions (one line, two arrowheads):
    ``label``/``violation`` describe source → target, ``back_label``/``back_violation``
    target → source. ``highlighted`` marks an edge a change added.
    """

    source: str
    target: str
    label: str = ""
    weight: int = 1
    violation: bool = False
    muted: bool = False
    back_label: str = ""
    back_violation: bool = False
    highlighted: bool = False


@dataclass(frozen=True)
class Drawing:
    """Nodes and edges with a title; ``ranked`` asks for rows in rank order, ``layout``
    for rows (``rows``) or concentric rings (``rings``)."""

    title: str
    nodes: tuple[DrawNode, ...]
    edges: tuple[DrawEdge, ...]
    ranked: bool = True
    layout: str = ROWS
