"""Views of one analysis: summary table, layer graph, violations, cycles, hot spots."""

from __future__ import annotations

import ipywidgets as widgets

from archbook import api
from archbook.application.layers.analysis import Analysis
from archbook.application.layers.drill_down import cycle_imports
from archbook.application.workshop.review_report import repo_name
from archbook.domain.drawing import LAYOUTS
from archbook.notebook.display import Md, Panel, Svg, code, md_table
from archbook.notebook.layers.charts import hotspots_svg

SHOWN_HOTSPOTS = 10


class SummaryTable(Panel):
    """Counts, the rules in force, and one row a layer: modules, fan-in, fan-out, instability."""

    def __init__(self) -> None:
        super().__init__([], "archbook-summary")
        self.layers: list[str] = []

    def update(self, analysis: Analysis) -> None:
        self.layers = [layer for layer, count in analysis.layer_counts().items() if count]
        scan = analysis.scan
        rows = [
            (layer, count, m.fan_in, m.fan_out, f"{m.instability:.2f}")
            for layer, count in analysis.layer_counts().items()
            for m in [analysis.layer_metrics[layer]]
        ]
        self.show(
            Md(
                f"**{repo_name(analysis)}**: {len(scan.modules)} modules, "
                f"{len(analysis.pairs)} internal imports, {len(analysis.violations)} violations, "
                f"{len(analysis.cycles)} cycles, {len(scan.skipped)} skipped files. "
                f"Rules: {analysis.rules.source}."
            ),
            Md(md_table(("layer", "modules", "fan-in", "fan-out", "instability"), rows)),
        )

    def summary(self) -> str:
        return f"SummaryTable(layers: {', '.join(self.layers)})"


class LayerGraph(Panel):
    """The layer graph as rows or rings, tests hidden unless the toggle shows them."""

    def __init__(self, view: str = "rows", show_tests: bool = False) -> None:
        self.view = widgets.ToggleButtons(options=list(LAYOUTS), value=view)
        self.view.add_class("archbook-graph-view")
        self.tests = widgets.Checkbox(value=show_tests, description="show tests", indent=False)
        self.tests.add_class("archbook-graph-tests")
        super().__init__([widgets.HBox([self.view, self.tests])], "archbook-layer-graph")
        self.title = ""
        self.analysis: Analysis | None = None
        self.highlight: frozenset[str] = frozenset()
        self.view.observe(lambda _: self.draw(), names="value")
        self.tests.observe(lambda _: self.draw(), names="value")

    def update(self, analysis: Analysis, highlight: frozenset[str] = frozenset()) -> None:
        self.analysis, self.highlight = analysis, highlight
        self.title = f"layers of {repo_name(analysis)}"
        self.draw()

    def choose(self, view: str | None = None, show_tests: bool | None = None) -> LayerGraph:
        """Switch to ``view`` (rows or rings) and show or hide the tests."""
        if view is not None:
            self.view.value = view
        if show_tests is not None:
            self.tests.value = show_tests
        return self

    def draw(self) -> None:
        if self.analysis is None:
            return
        hint = api.renderer_hint()
        svg = api.layer_svg(
            self.analysis, self.highlight, view=self.view.value, show_tests=self.tests.value
        )
        self.show(Svg(svg), *([Md(f"*{hint}*")] if hint else []))

    def summary(self) -> str:
        tests = ", tests shown" if self.tests.value else ""
        return f"LayerGraph({self.title}, {self.view.value}{tests})"


class ViolationsTable(Panel):
    """Every import that breaks the layer rules, with file:line."""

    def __init__(self) -> None:
        super().__init__([], "archbook-violations")
        self.count = 0

    def update(self, analysis: Analysis) -> None:
        self.count = len(analysis.violations)
        if not analysis.violations:
            self.show(Md("No violations: every import follows the layer rules."))
            return
        rows = [
            (code(v.location), f"{v.importer_layer} → {v.imported_layer}", code(v.text))
            for v in analysis.violations
        ]
        self.show(
            Md(f"**{self.count} violations**"),
            Md(md_table(("where", "layers", "import"), rows)),
        )

    def summary(self) -> str:
        return f"ViolationsTable({self.count} violations)"


class CyclesTable(Panel):
    """Import cycles (groups of modules importing each other), with where each import is."""

    def __init__(self) -> None:
        super().__init__([], "archbook-cycles")
        self.count = 0

    def update(self, analysis: Analysis) -> None:
        self.count = len(analysis.cycles)
        if not analysis.cycles:
            self.show(Md("No import cycles."))
            return
        rows = [
            (index, code(f"{path}:{line}"), f"{importer} → {imported}")
            for index, path, line, importer, imported in cycle_imports(analysis)
        ]
        self.show(Md(f"**{self.count} cycles**"), Md(md_table(("cycle", "where", "import"), rows)))

    def summary(self) -> str:
        return f"CyclesTable({self.count} cycles)"


class HotspotsPlot(Panel):
    """The modules both much depended on and depending much, as a bar chart."""

    def __init__(self) -> None:
        super().__init__([], "archbook-hotspots")
        self.names: list[str] = []

    def update(self, analysis: Analysis) -> None:
        hotspots = analysis.hotspots(SHOWN_HOTSPOTS)
        self.names = [m.name for m in hotspots]
        if not hotspots:
            self.show(Md("No hot spots: no module both imports and is imported."))
            return
        self.show(Svg(hotspots_svg(hotspots, f"Hot spots of {repo_name(analysis)}")))

    def summary(self) -> str:
        return f"HotspotsPlot({len(self.names)} modules)"
