"""Edge explorer: pick two layers, read the import statements behind the edge between
them — the ones breaking the rules first — with ``file:line``."""

from __future__ import annotations

import ipywidgets as widgets

from archbook import api
from archbook.application.layers.analysis import Analysis
from archbook.notebook.display import Md, Panel, code, md_table

SHOWN_IMPORTS = 200


class EdgeExplorer(Panel):
    """A dropdown of layer pairs (those with violations first) above their imports."""

    def __init__(self, pair: tuple[str, str] | None = None) -> None:
        self.analysis: Analysis | None = None
        self.wanted = pair
        self.pair = widgets.Dropdown(description="layers", options=[])
        self.pair.add_class("archbook-edge-pair")
        super().__init__([self.pair], "archbook-edge-explorer")
        self.pair.observe(self._changed, names="value")

    def update(self, analysis: Analysis) -> None:
        """Offer the analysis' layer pairs; keep the chosen pair when it still exists."""
        self.analysis = analysis
        pairs = api.layer_pairs(analysis)
        options = [(f"{a} ↔ {b}", (a, b)) for a, b in pairs]
        keep = next(
            (p for p in (self.pair.value, self.wanted) if p in pairs),
            pairs[0] if pairs else None,
        )
        self.pair.unobserve(self._changed, names="value")
        self.pair.options = options
        self.pair.value = keep
        self.pair.observe(self._changed, names="value")
        self.draw()

    def choose(self, first: str, second: str) -> EdgeExplorer:
        """Show the imports between layers ``first`` and ``second``."""
        self.pair.value = next(
            value for _, value in self.pair.options if set(value) == {first, second}
        )
        return self

    def draw(self) -> None:
        if self.analysis is None or not self.pair.value:
            self.show(Md("No imports between layers."))
            return
        first, second = self.pair.value
        imports = api.edge_imports(self.analysis, first, second)
        bad = sum(not i.allowed for i in imports)
        rows = [
            (
                "✗" if not i.allowed else "",
                code(i.location),
                f"{i.importer_layer} → {i.imported_layer}",
                code(i.text),
            )
            for i in imports[:SHOWN_IMPORTS]
        ]
        more = len(imports) - len(rows)
        self.show(
            Md(
                f"**{first} ↔ {second}**: {len(imports)} imports, {bad} breaking the rules"
                + (f" ({more} more not shown)" if more > 0 else "")
            ),
            Md(md_table(("breaks rules", "where", "layers", "import"), rows)),
        )

    def _changed(self, _: dict[str, object]) -> None:
        self.draw()

    def summary(self) -> str:
        value = self.pair.value
        return f"EdgeExplorer({' ↔ '.join(value) if value else '-'})"
