"""The architecture tour: a repository picker and every view of its analysis, kept in
step when another repository is loaded."""

from __future__ import annotations

import ipywidgets as widgets

from archbook import api
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.notebook.layers.analysis_views import (
    CyclesTable,
    HotspotsPlot,
    LayerGraph,
    SummaryTable,
    ViolationsTable,
)
from archbook.notebook.layers.drill_down import DrillDown
from archbook.notebook.layers.edge_explorer import EdgeExplorer
from archbook.notebook.repo_picker import RepoPicker
from archbook.notebook.routes import RouteExplorer


class ArchitectureTour(widgets.VBox):
    """Display the parts one per cell (``tour.summary``, ``tour.layer_graph`` ...) or the
    whole tour at once."""

    def __init__(
        self,
        repo: str | None = None,
        *,
        focus: str | None = None,
        route: str | None = None,
        view: str = "rows",
    ) -> None:
        self.picker = RepoPicker(repo)
        self.summary = SummaryTable()
        self.layer_graph = LayerGraph(view)
        self.edges = EdgeExplorer()
        self.violations = ViolationsTable()
        self.cycles = CyclesTable()
        self.hotspots = HotspotsPlot()
        self.drill_down = DrillDown(focus)
        self.routes = RouteExplorer(route)
        self.known: RepoKnowledge | None = None
        super().__init__(
            [
                self.picker,
                self.summary,
                self.layer_graph,
                self.edges,
                self.violations,
                self.cycles,
                self.hotspots,
                self.drill_down,
                self.routes,
            ]
        )
        self.add_class("archbook-tour")
        self.picker.on_load(self.load)
        self.load(self.picker.root)

    def load(self, root: str) -> None:
        """Analyse ``root`` (never importing it) and refresh every view."""
        known = api.knowledge(root)
        self.known = known
        analysis = known.analysis
        self.summary.update(analysis)
        self.layer_graph.update(analysis)
        self.edges.update(analysis)
        self.violations.update(analysis)
        self.cycles.update(analysis)
        self.hotspots.update(analysis)
        self.drill_down.update(analysis)
        self.routes.update(known)
