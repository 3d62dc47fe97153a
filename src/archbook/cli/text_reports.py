"""Plain-text reports the CLI prints: analysis summary, routes, traces, findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archbook import __version__

if TYPE_CHECKING:  # types only: ``archbook check`` loads no facts or trace model
    from archbook.application.layers.analysis import Analysis
    from archbook.domain.facts import Route, UnresolvedRoute
    from archbook.domain.layer_diff import LayerDiff
    from archbook.domain.trace import PerfFinding

__all__ = ["diff_text", "findings_text", "routes_text", "summary_text"]

SHOWN_SKIPPED = 20
CYCLE_ENDS = 4  # modules shown at each end of a long cycle


def cycle_text(cycle: list[str]) -> str:
    """A cycle on one line; a long one keeps its ends and says how many it holds."""
    if len(cycle) <= 3 * CYCLE_ENDS:
        return " → ".join(cycle)
    hidden = len(cycle) - 2 * CYCLE_ENDS
    head, tail = cycle[:CYCLE_ENDS], cycle[-CYCLE_ENDS:]
    return (
        f"{' → '.join(head)} → … {hidden} more … → {' → '.join(tail)} "
        f"({len(cycle)} modules; --json lists all)"
    )


def summary_text(analysis: Analysis) -> str:
    """The human summary printed by ``archbook analyse``."""
    scan = analysis.scan
    lines = [
        f"archbook {__version__} · {scan.root}",
        f"source roots: {', '.join(scan.source_roots) or '-'}   rules: {analysis.rules.source}",
        f"modules: {len(scan.modules)}   internal imports: {len(analysis.pairs)}   "
        f"skipped files: {len(scan.skipped)}",
        "",
        f"{'layer':<16}{'modules':>8}{'fan-in':>8}{'fan-out':>9}{'instability':>13}",
    ]
    for layer, count in analysis.shown_layer_counts().items():
        metrics = analysis.layer_metrics[layer]
        lines.append(
            f"{layer:<16}{count:>8}{metrics.fan_in:>8}{metrics.fan_out:>9}"
            f"{metrics.instability:>13.2f}"
        )
    lines.append("")
    if analysis.violations:
        lines.append(f"violations: {len(analysis.violations)}")
        lines.extend(f"  {v.describe()}" for v in analysis.violations)
    else:
        lines.append("violations: none")
    if analysis.cycles:
        lines.append(f"cycles: {len(analysis.cycles)}")
        lines.extend(f"  {cycle_text(cycle)}" for cycle in analysis.cycles)
    else:
        lines.append("cycles: none")
    hotspots = analysis.hotspots(5)
    if hotspots:
        lines.append("hot spots (fan-in × fan-out):")
        lines.extend(f"  {m.name} [{m.layer}] in {m.fan_in} · out {m.fan_out}" for m in hotspots)
    if scan.skipped:
        lines.append(f"skipped files: {len(scan.skipped)}")
        lines.extend(f"  {s.path}: {s.reason}" for s in scan.skipped[:SHOWN_SKIPPED])
        if len(scan.skipped) > SHOWN_SKIPPED:
            lines.append(f"  … and {len(scan.skipped) - SHOWN_SKIPPED} more (--json lists all)")
    return "\n".join(lines)


def routes_text(routes: tuple[Route, ...], unresolved: tuple[UnresolvedRoute, ...] = ()) -> str:
    """One line a route: method, full path, handler, where it is declared; then the
    route-like code archbook could not resolve, so an empty list is never silent."""
    notes = [f"  {u.location}: {u.text} — {u.reason}" for u in unresolved[:SHOWN_SKIPPED]]
    if len(unresolved) > SHOWN_SKIPPED:
        notes.append(f"  … and {len(unresolved) - SHOWN_SKIPPED} more (facts --json lists all)")
    if unresolved:
        notes.insert(0, f"{len(unresolved)} route-like call(s) archbook could not resolve:")
    if not routes:
        return "\n".join(["no routes found", *notes])
    width = max(len(r.method) for r in routes)
    path_width = max(len(r.path) for r in routes)
    lines = [
        f"{r.method:<{width}}  {r.path:<{path_width}}  {r.handler.rpartition(':')[2]:<24} "
        f"{r.location}"
        for r in routes
    ]
    lines.append(f"{len(routes)} routes")
    return "\n".join([*lines, *notes])


def findings_text(findings: list[PerfFinding]) -> str:
    """Performance findings, one per line, then a count."""
    if not findings:
        return "no performance findings"
    lines = [f"{f.location}: {f.rule}: {f.message}\n    {f.code}" for f in findings]
    lines.append(f"{len(findings)} performance finding{'s' if len(findings) != 1 else ''}")
    return "\n".join(lines)


def diff_text(diff: LayerDiff) -> str:
    """The report printed by ``archbook diff``: what the change does to the layers."""
    lines = [f"{diff.base} → {diff.head}"]
    sections = (
        ("violations added", [f"+ {v.describe()}" for v in diff.added_violations]),
        ("violations fixed", [f"- {v.describe()}" for v in diff.fixed_violations]),
        (
            "layer edges added",
            [
                f"+ {e.source} → {e.target} ({e.count}{'' if e.allowed else ', breaks the rules'})"
                for e in diff.added_edges
            ],
        ),
        ("layer edges removed", [f"- {e.source} → {e.target}" for e in diff.removed_edges]),
        ("modules moved", [f"~ {m.name}: {m.before} → {m.after}" for m in diff.moved_modules]),
        ("cycles added", [f"+ {' → '.join(c)}" for c in diff.added_cycles]),
    )
    for title, items in sections:
        lines.append(f"{title}: {len(items) or 'none'}")
        lines.extend(f"  {item}" for item in items)
    return "\n".join(lines)
