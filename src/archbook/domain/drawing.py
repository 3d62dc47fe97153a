"""A neutral description of a graph to draw; renderers turn it into SVG."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DrawNode:
    """A box: ``group`` is the layer it belongs to, ``rank`` its row (top is 0)."""

    id: str
    label: str
    group: str
    rank: int
    highlighted: bool = False
    muted: bool = False


@dataclass(frozen=True, slots=True)
class DrawEdge:
    """An arrow from ``source`` to ``target``; ``violation`` draws it red."""

    source: str
    target: str
    label: str = ""
    weight: int = 1
    violation: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Drawing:
    """Nodes and edges with a title; ``ranked`` asks for rows in rank order."""

    title: str
    nodes: tuple[DrawNode, ...]
    edges: tuple[DrawEdge, ...]
    ranked: bool = True
