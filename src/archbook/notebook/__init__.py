"""ipywidgets components for archbook's notebooks — no business logic, only views of
what ``archbook.api`` and the application use cases return.

>>> from archbook import notebook as nb
>>> tour = nb.ArchitectureTour()          # the bundled sample
>>> tour.layer_graph                      # one view per cell
"""

from __future__ import annotations

from archbook.notebook.layers.analysis_views import (
    CyclesTable,
    HotspotsPlot,
    LayerGraph,
    SummaryTable,
    ViolationsTable,
)
from archbook.notebook.layers.branch_review import BranchReview
from archbook.notebook.layers.drill_down import DrillDown
from archbook.notebook.layers.edge_explorer import EdgeExplorer
from archbook.notebook.layers.sandbox import RefactorSandbox
from archbook.notebook.planning.pickers import AgentPicker, FeaturePicker, PlannerPicker
from archbook.notebook.planning.plan_app import PlanFeatureApp
from archbook.notebook.planning.steps import StepPanel
from archbook.notebook.repo_picker import RepoPicker
from archbook.notebook.routes import RouteExplorer
from archbook.notebook.tour import ArchitectureTour

__all__ = [
    "AgentPicker",
    "ArchitectureTour",
    "BranchReview",
    "CyclesTable",
    "DrillDown",
    "EdgeExplorer",
    "FeaturePicker",
    "HotspotsPlot",
    "LayerGraph",
    "PlanFeatureApp",
    "PlannerPicker",
    "RefactorSandbox",
    "RepoPicker",
    "RouteExplorer",
    "StepPanel",
    "SummaryTable",
    "ViolationsTable",
]
