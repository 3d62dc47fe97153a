"""Use case: an architecture review as one self-contained HTML file — the layer graph,
the layer table, violations with file:line, cycles, the what-if changes tried in the
sandbox and the decisions the team wrote down."""

from __future__ import annotations

import html
import os
from collections.abc import Sequence

from archbook.application.layers.analysis import Analysis
from archbook.application.layers.what_if import WhatIf
from archbook.application.ports.report_writer import ReportWriter
from archbook.domain.analysis import Violation

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;"
    "color:#222}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;"
    "padding:.25rem .5rem;text-align:left}th{background:#f3f3f3}code{font-size:90%}"
    ".graph svg{max-width:100%;height:auto}.new{color:#b00020}.fixed{color:#1b7f3b}"
)


def inline_svg(svg: str) -> str:
    """An SVG document ready to sit inside HTML: no XML prolog, doctype or generator
    comment (they carry tool versions), no blank lines (they would end a Markdown block)."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    return "\n".join(line for line in body.splitlines() if line.strip())


def review_report_html(
    analysis: Analysis,
    layer_svg: str,
    decisions: str = "",
    change: WhatIf | None = None,
    title: str | None = None,
) -> str:
    """The report as HTML. ``analysis`` is what the graph and tables show (the what-if's
    ``after`` when there is one); ``decisions`` is free text, one decision a line."""
    name = repo_name(analysis)
    heading = title or f"Architecture review: {name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(heading)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        f"<p>{len(analysis.scan.modules)} modules, {len(analysis.pairs)} internal imports, "
        f"{len(analysis.violations)} violations, {len(analysis.cycles)} cycles. "
        f"Rules: {_e(analysis.rules.source)}.</p>",
        "<h2>Layer graph</h2>",
        f'<div class="graph">{inline_svg(layer_svg)}</div>',
        "<h2>Layers</h2>",
        _layers_table(analysis),
        "<h2>Violations</h2>",
        _violations_table(analysis.violations),
        "<h2>Cycles</h2>",
        _cycles(analysis.cycles),
    ]
    if change is not None and (change.moves or change.rule_changes):
        parts += ["<h2>What-if changes</h2>", _what_if(change)]
    parts += ["<h2>Decisions</h2>", _decisions(decisions), "</body></html>", ""]
    return "\n".join(parts)


def export_review_report(writer: ReportWriter, path: str, report_html: str) -> str:
    """Write the report to ``path``; the absolute path written."""
    return writer.write(path, report_html)


def repo_name(analysis: Analysis) -> str:
    """The repository's folder name, what reports and notebooks call it."""
    return os.path.basename(analysis.scan.root.rstrip("/\\")) or analysis.scan.root


def decision_lines(decisions: str) -> list[str]:
    """The non-empty lines of the decisions text, bullets stripped."""
    lines = (line.strip().lstrip("-*•").strip() for line in decisions.splitlines())
    return [line for line in lines if line]


def _layers_table(analysis: Analysis) -> str:
    rows = [
        (layer, str(count), str(m.fan_in), str(m.fan_out), f"{m.instability:.2f}")
        for layer, count in analysis.shown_layer_counts().items()
        for m in [analysis.layer_metrics[layer]]
    ]
    return _table(("layer", "modules", "fan-in", "fan-out", "instability"), rows)


def _violations_table(violations: Sequence[Violation], css: str = "") -> str:
    if not violations:
        return "<p>No violations.</p>"
    rows = [
        (f"{v.path}:{v.line}", f"{v.importer_layer} → {v.imported_layer}", v.text)
        for v in violations
    ]
    return _table(("where", "layers", "import"), rows, css)


def _cycles(cycles: list[list[str]]) -> str:
    if not cycles:
        return "<p>No import cycles.</p>"
    items = "".join(f"<li>{_e(' → '.join(cycle))}</li>" for cycle in cycles)
    return f"<ul>{items}</ul>"


def _what_if(change: WhatIf) -> str:
    items = "".join(f"<li>{_e(line)}</li>" for line in change.describe())
    parts = [f"<ul>{items}</ul>"]
    if change.new_violations:
        parts += ["<h3>New violations</h3>", _violations_table(change.new_violations, "new")]
    if change.fixed_violations:
        parts += ["<h3>Fixed violations</h3>", _violations_table(change.fixed_violations, "fixed")]
    return "\n".join(parts)


def _decisions(decisions: str) -> str:
    lines = decision_lines(decisions)
    if not lines:
        return "<p>No decisions recorded.</p>"
    return "<ol>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ol>"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], css: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    klass = f' class="{css}"' if css else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _e(text: str) -> str:
    return html.escape(text, quote=True)
