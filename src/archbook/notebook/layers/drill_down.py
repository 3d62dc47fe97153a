"""Drill down: pick a layer or a slice, see its modules drawn by archbook or by pydeps."""

from __future__ import annotations

import ipywidgets as widgets

from archbook import api
from archbook.application.layers.analysis import Analysis
from archbook.application.layers.drill_down import drill_down_targets
from archbook.exceptions import ArchbookError
from archbook.notebook.display import Md, Panel, Svg

ENGINES = ("graphviz", "pydeps")


class DrillDown(Panel):
    """A layer/slice dropdown and an engine toggle above the module graph."""

    def __init__(self, focus: str | None = None, engine: str = "graphviz") -> None:
        self.analysis: Analysis | None = None
        self.wanted = focus
        self.target = widgets.Dropdown(description="layer/slice", options=[])
        self.target.add_class("archbook-drill-focus")
        self.engine = widgets.ToggleButtons(options=list(ENGINES), value=engine)
        self.engine.add_class("archbook-drill-engine")
        super().__init__([widgets.HBox([self.target, self.engine])], "archbook-drill-down")
        self.target.observe(self._changed, names="value")
        self.engine.observe(self._changed, names="value")

    def update(self, analysis: Analysis) -> None:
        """Offer the analysis' layers and slices; keep the chosen focus when it still exists."""
        self.analysis = analysis
        targets = drill_down_targets(analysis)
        keep = self.target.value if self.target.value in targets else self.wanted
        self.target.unobserve(self._changed, names="value")
        self.target.options = targets
        self.target.value = keep if keep in targets else (targets[0] if targets else None)
        self.target.observe(self._changed, names="value")
        self.draw()

    def choose(self, focus: str, engine: str | None = None) -> DrillDown:
        """Show ``focus`` (a layer or a module prefix), drawn by ``engine``."""
        if engine is not None:
            self.engine.value = engine
        self.target.value = focus
        return self

    def draw(self) -> None:
        if self.analysis is None or not self.target.value:
            self.show(Md("Nothing to drill into."))
            return
        focus, engine = self.target.value, self.engine.value
        try:
            svg = api.module_svg(self.analysis, focus, engine=engine)
        except ArchbookError as error:
            self.error(str(error))
            return
        self.show(Md(f"**Modules of {focus}** (drawn by {engine})"), Svg(svg))

    def summary(self) -> str:
        return f"DrillDown({self.target.value}, {self.engine.value})"

    def _changed(self, _: dict[str, object]) -> None:
        self.draw()
