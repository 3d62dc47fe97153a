"""The refactor sandbox: move modules between layers or change a layer's allowed imports,
see the violations and the layer graph that would follow at once, write the decisions
down and export them with the graph as an HTML report. The repository is never touched
and never rescanned."""

from __future__ import annotations

import os
from collections.abc import Callable

import ipywidgets as widgets

from archbook import api
from archbook.application.layers.analysis import Analysis
from archbook.application.layers.drill_down import module_prefixes
from archbook.application.layers.what_if import Move, RuleChange, WhatIf, what_if
from archbook.application.workshop.review_report import decision_lines, inline_svg, repo_name
from archbook.domain.analysis import Violation
from archbook.exceptions import ArchbookError
from archbook.notebook.display import Html, Md, Panel, Part, Snapshot, button, code, md_table

SHOWN_MOVED = 20


class RefactorSandbox(Panel):
    """Controls for moves and rule changes, decisions and export; below, the what-if."""

    def __init__(
        self, repo: str | None = None, *, workdir: str | None = None, report_path: str | None = None
    ) -> None:
        self.analysis: Analysis = api.analyse(repo)
        self.change: WhatIf = what_if(self.analysis)
        layers = list(self.analysis.rules.layers)
        self.module = widgets.Combobox(
            description="move",
            placeholder="module or prefix",
            options=module_prefixes(self.analysis),
        )
        self.module.add_class("archbook-sandbox-module")
        self.target = widgets.Dropdown(description="to layer", options=layers)
        self.target.add_class("archbook-sandbox-target")
        self.move_button = button("Move", "archbook-sandbox-move")
        self.move_button.on_click(
            lambda _: self._try(self.move, self.module.value, self.target.value)
        )
        self.rule_layer = widgets.Dropdown(description="layer", options=layers)
        self.rule_layer.add_class("archbook-sandbox-rule-layer")
        self.allowed = widgets.SelectMultiple(description="may import", options=layers, rows=4)
        self.allowed.add_class("archbook-sandbox-allowed")
        self.rule_layer.observe(lambda _: self._show_rule(), names="value")
        self.rule_button = button("Change rule", "archbook-sandbox-rule")
        self.rule_button.on_click(
            lambda _: self._try(self.allow, self.rule_layer.value, list(self.allowed.value))
        )
        self.reset_button = button("Reset", "archbook-sandbox-reset")
        self.reset_button.on_click(lambda _: self._try(self.reset))
        self.decisions = widgets.Textarea(
            description="decisions",
            placeholder="one decision a line",
            layout=widgets.Layout(width="48em", height="8em"),
        )
        self.decisions.add_class("archbook-decisions")
        self.report_path = widgets.Text(
            description="report", value=report_path or api.default_report_path(workdir)
        )
        self.report_path.add_class("archbook-report-path")
        self.export_button = button("Export HTML report", "archbook-export-report")
        self.export_button.on_click(lambda _: self._try(self.export))
        self.status = widgets.HTML()
        controls = [
            widgets.HBox([self.module, self.target, self.move_button]),
            widgets.HBox([self.rule_layer, self.allowed, self.rule_button]),
            self.reset_button,
            self.decisions,
            widgets.HBox([self.report_path, self.export_button]),
            self.status,
        ]
        super().__init__(controls, "archbook-sandbox")
        self._show_rule()
        self.draw()

    def move(self, prefix: str, layer: str) -> Snapshot:
        """Put ``prefix`` (a module or a package prefix) into ``layer``; what follows."""
        self._apply(Move(prefix.strip(), layer), None)
        return self.snapshot()

    def allow(self, layer: str, allowed: list[str]) -> Snapshot:
        """``layer`` may import exactly ``allowed`` from now on; what follows."""
        self._apply(None, RuleChange(layer, frozenset(allowed)))
        return self.snapshot()

    def reset(self) -> Snapshot:
        """Back to the repository as it is."""
        self.change = what_if(self.analysis)
        self.draw()
        return self.snapshot()

    def export(self, path: str | None = None) -> str:
        """Write the report (after-graph, violations, what-if, decisions); its absolute path."""
        after = self.change.after
        svg = api.layer_svg(after, self.change.changed_layers)
        written = api.export_report(
            path or self.report_path.value, after, svg, self.decisions.value, self.change
        )
        self.status.value = (
            f"Wrote {os.path.basename(written)}: {len(after.violations)} violations, "
            f"{len(decision_lines(self.decisions.value))} decisions."
        )
        return written

    def draw(self) -> None:
        change = self.change
        before_svg = api.layer_svg(change.before)
        after_svg = api.layer_svg(change.after, change.changed_layers)
        lines = change.describe()
        parts: list[Part] = [
            Md(
                f"**What if** ({repo_name(self.analysis)}): "
                + ("; ".join(lines) if lines else "no change yet — move a module or edit a rule")
                + f". Violations: {len(change.before.violations)} now, "
                f"{len(change.after.violations)} after."
            ),
            Html(_side_by_side(before_svg, after_svg)),
        ]
        if change.moved_modules:
            rows = [(code(m), a, b) for m, a, b in change.moved_modules[:SHOWN_MOVED]]
            more = len(change.moved_modules) - SHOWN_MOVED
            parts.append(
                Md(
                    f"**Modules that change layer: {len(change.moved_modules)}**\n\n"
                    + md_table(("module", "from", "to"), rows)
                    + (f"\n\n… and {more} more" if more > 0 else "")
                )
            )
        parts.append(_violations("New violations", change.new_violations))
        parts.append(_violations("Fixed violations", change.fixed_violations))
        if change.edge_changes:
            edges = [
                (f"{e.source} → {e.target}", e.before, e.after, "yes" if e.allowed else "**no**")
                for e in change.edge_changes
            ]
            parts.append(
                Md(
                    "**Layer edges that change**\n\n"
                    + md_table(("edge", "before", "after", "allowed"), edges)
                )
            )
        self.show(*parts)

    def summary(self) -> str:
        return f"RefactorSandbox({len(self.change.after.violations)} violations after)"

    def _apply(self, move: Move | None, rule: RuleChange | None) -> None:
        moves = (*self.change.moves, *([move] if move else []))
        rules = (*self.change.rule_changes, *([rule] if rule else []))
        self.change = what_if(self.analysis, moves, rules)
        self.draw()

    def _show_rule(self) -> None:
        allowed = self.change.after.rules.allowed.get(self.rule_layer.value)
        layers = set(self.allowed.options)
        self.allowed.value = tuple(sorted(layers if allowed is None else set(allowed) & layers))

    def _try(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except ArchbookError as error:
            self.status.value = f"Not done: {error}"


def _violations(title: str, violations: list[Violation]) -> Md:
    if not violations:
        return Md(f"{title}: none.")
    rows = [
        (code(v.location), f"{v.importer_layer} → {v.imported_layer}", code(v.text))
        for v in violations
    ]
    return Md(f"**{title}: {len(violations)}**\n\n" + md_table(("where", "layers", "import"), rows))


def _side_by_side(before: str, after: str) -> str:
    cell = '<div style="flex:1;min-width:18em"><p><b>{}</b></p>{}</div>'
    return (
        '<div style="display:flex;gap:1em;align-items:flex-start">'
        + cell.format("before", inline_svg(before))
        + cell.format("after (changed layers highlighted)", inline_svg(after))
        + "</div>"
    )
