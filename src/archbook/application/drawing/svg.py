"""Use cases: the layer graph, one layer's modules and a request trace as SVG, drawn
by whichever renderer (or pydeps module view) the composition root picked."""

from __future__ import annotations

import os
from dataclasses import replace

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.drawing.layer_drawings import module_drawing
from archbook.application.drawing.layer_graph import layer_drawing
from archbook.application.drawing.trace_drawing import trace_drawing
from archbook.application.layers.analysis import Analysis
from archbook.application.layers.branch_diff import BranchReview
from archbook.application.ports.module_view import ModuleView
from archbook.application.ports.renderer import GraphRenderer
from archbook.domain.drawing import ROWS
from archbook.domain.trace import Trace
from archbook.exceptions import RenderError

ENGINES = ("graphviz", "pydeps")


def layer_svg(
    renderer: GraphRenderer,
    analysis: Analysis,
    highlight: frozenset[str] = frozenset(),
    *,
    view: str = ROWS,
    show_tests: bool = False,
) -> str:
    """The layer graph in ``view`` (rows or rings), with ``highlight``ed layers marked;
    tests hidden unless ``show_tests``."""
    return renderer.render_svg(layer_drawing(analysis, highlight, view=view, show_tests=show_tests))


def diff_svg(renderer: GraphRenderer, review: BranchReview, *, view: str = ROWS) -> str:
    """The head's layer graph, the layer edges the change added drawn bold."""
    added = frozenset((e.source, e.target) for e in review.diff.added_edges)
    drawing = layer_drawing(review.head, view=view, added=added)
    title = f"{drawing.title}\nbold: layer edges new since {review.diff.base}"
    return renderer.render_svg(replace(drawing, title=title))


def module_svg(
    renderer: GraphRenderer,
    module_view: ModuleView,
    analysis: Analysis,
    focus: str,
    engine: str = "graphviz",
    highlight: frozenset[str] = frozenset(),
) -> str:
    """One layer's or one slice's modules, drawn by archbook (``graphviz``) or by pydeps."""
    if engine == "pydeps":
        package_dir, only = pydeps_target(analysis, focus)
        return module_view.render_package(package_dir, only)
    if engine != "graphviz":
        raise RenderError(f"unknown engine '{engine}'; use {' or '.join(ENGINES)}")
    return renderer.render_svg(module_drawing(analysis, focus, highlight))


def trace_svg(renderer: GraphRenderer, known: RepoKnowledge, traced: Trace) -> str:
    """The trace drawn over the layer rows it crosses."""
    return renderer.render_svg(trace_drawing(known.analysis, traced))


def pydeps_target(analysis: Analysis, focus: str | None) -> tuple[str, tuple[str, ...]]:
    """The top-level package holding most modules, and pydeps ``--only`` prefixes."""
    packages = [m for m in analysis.scan.modules if m.is_package and "." not in m.name]
    if not packages:
        raise RenderError("pydeps draws a package: this repository has no top-level package")
    sizes = {
        p.name: sum(1 for m in analysis.scan.modules if m.name.startswith(p.name + "."))
        for p in packages
    }
    top = max(packages, key=lambda p: (sizes[p.name], p.name))
    package_dir = os.path.join(analysis.scan.root, os.path.dirname(top.path))
    if not focus:
        return package_dir, ()
    if focus in analysis.layer_counts():
        members = tuple(m for m in analysis.modules_in(focus) if m.startswith(top.name))
        if not members:
            raise RenderError(f"layer '{focus}' has no modules in package {top.name}")
        return package_dir, members
    if not any(m.name == focus or m.name.startswith(focus + ".") for m in analysis.scan.modules):
        layers = ", ".join(analysis.layer_counts())
        raise RenderError(f"'{focus}' is neither a layer ({layers}) nor a module prefix")
    return package_dir, (focus,)
