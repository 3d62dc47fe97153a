"""Deterministic Markdown for a Plan: the same Plan always gives the same bytes.

The first line is an HTML comment carrying a SHA-256 of the rest, so a plan edited
by hand since archbook wrote it can be told apart and is not overwritten silently.
"""

from __future__ import annotations

import hashlib
import re

from archbook.domain.plan import Plan

HEADER = re.compile(
    r"<!-- archbook plan · feature=(?P<feature>\S+) · .*sha256=(?P<hash>[0-9a-f]{64}) -->"
)
SECTION_EMPTY = "_Nothing for this feature._"


def render_plan(plan: Plan) -> str:
    """The plan as Markdown, with the integrity header on its first line."""
    body = "\n".join(_body(plan)).rstrip() + "\n"
    digest = hashlib.sha256(body.encode()).hexdigest()
    header = (
        f"<!-- archbook plan · feature={plan.feature} · planner={plan.planner} · "
        f"sha256={digest} -->"
    )
    return f"{header}\n{body}"


def edited_by_hand(text: str) -> bool:
    """True when ``text`` is not exactly what archbook wrote (or has no archbook header)."""
    first, _, body = text.partition("\n")
    match = HEADER.match(first)
    if match is None:
        return True
    return hashlib.sha256(body.encode()).hexdigest() != match.group("hash")


def final_message(plan: Plan) -> str:
    """The last line for whoever asked for the plan, naming where it is."""
    return f"I've created a plan at `{plan.path_of()}`, please read it first before you proceed."


def _body(plan: Plan) -> list[str]:
    lines = [
        f"# Backend plan: {plan.title}",
        "",
        f"> Implementation plan only: nothing in it has been implemented. Feature `{plan.feature}` "
        f"({plan.kind.replace('_', ' ')}); context read from `{plan.context_path}`.",
        "",
        "## Summary",
        "",
        plan.summary,
        "",
        "## Context",
        "",
        *_bullets(plan.context_digest),
        "## Approach and rationale",
        "",
        plan.approach,
        "",
        *(_bullets(plan.rationale) if plan.rationale else []),
        f"Layers changed: {', '.join(plan.layers_changed) or 'none'}.",
        "",
        "## Files to create or change",
        "",
    ]
    if plan.changes:
        lines += ["| # | action | path | layer | purpose |", "|---|---|---|---|---|"]
        lines += [
            f"| {n} | {c.action} | `{c.path}` | {c.layer} | {_cell(c.purpose)} |"
            for n, c in enumerate(plan.changes, 1)
        ]
        lines.append("")
        for n, change in enumerate(plan.changes, 1):
            lines += [f"### {n}. {change.action} `{change.path}`", "", change.purpose, ""]
            if change.where:
                lines += [f"Where: {change.where}", ""]
            if change.details:  # the purpose above says it all otherwise
                lines += _bullets(change.details)
            if change.code_sketch:
                lines += ["```python", change.code_sketch.rstrip(), "```", ""]
    else:
        lines += [SECTION_EMPTY, ""]
    lines += ["## Dependency injection wiring", "", *_bullets(plan.di_wiring)]
    lines += ["## Dependencies", ""]
    if plan.install_command:
        lines += [f"Install the project as it is: `{plan.install_command}`.", ""]
    lines += _bullets(
        [
            f"`{d.name}`{' (dev)' if d.dev else ''}: {d.reason} — `{d.command}`"
            for d in plan.dependencies
        ]
        or ["No new dependency."]
    )
    lines += ["## Tests", ""]
    lines += _bullets(
        [
            f"`{t.path}` ({t.kind}): {'; '.join(t.covers)}"
            + (f" — fakes: {', '.join(t.fakes)}" if t.fakes else "")
            for t in plan.tests
        ]
    )
    lines += ["## Error handling", ""]
    if plan.error_handling:
        lines += ["| error | HTTP status | when |", "|---|---|---|"]
        lines += [f"| `{e.error}` | {e.status} | {_cell(e.when)} |" for e in plan.error_handling]
        lines.append("")
    else:
        lines += [SECTION_EMPTY, ""]
    lines += ["## Security", "", *_bullets(plan.security)]
    lines += ["## Performance", "", *_bullets(plan.performance)]
    lines += ["## Migration", "", *_bullets(plan.migration)]
    lines += ["## Notes for readers with outdated knowledge", "", *_bullets(plan.notes)]
    lines += ["## Open questions", "", *_bullets(plan.open_questions)]
    lines += ["## Validation", ""]
    if plan.validation:
        lines += _bullets(
            [
                f"**{f.level}** {f.rule}: {f.message}" + (f" (`{f.path}`)" if f.path else "")
                for f in plan.validation
            ]
        )
    else:
        lines += [
            "All checks passed: every modified path exists, every new path is new and lies in "
            "its layer's folder, no path leaves the repository, and the imports the plan adds "
            "keep the layer rules.",
            "",
        ]
    return lines


def _bullets(items: tuple[str, ...] | list[str]) -> list[str]:
    if not items:
        return [SECTION_EMPTY, ""]
    return [*(f"- {item}" for item in items), ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
