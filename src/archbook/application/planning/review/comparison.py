"""Use case: a plan already there and archbook's draft of the same feature, side by side."""

from __future__ import annotations

from collections.abc import Iterable

from archbook.domain.layers import flow_rank
from archbook.domain.plan import Plan
from archbook.domain.plan_review import PlanComparison, PlanReview


def compare_plans(existing: PlanReview, drafted: Plan) -> PlanComparison:
    """Files both plans name, files only one names, and the layers each touches."""
    left = {f.path: existing.layer_of(f.path) for f in existing.plan.files}
    right = {c.path: c.layer for c in drafted.changes}
    return PlanComparison(
        left=existing.plan.path or "the plan already there",
        right=f"archbook's {drafted.planner or 'offline'} draft",
        both=tuple(p for p in left if p in right),
        only_left=tuple(p for p in left if p not in right),
        only_right=tuple(p for p in right if p not in left),
        left_layers=_layers(left.values()),
        right_layers=_layers(right.values()),
    )


def _layers(layers: Iterable[str]) -> tuple[str, ...]:
    names = {layer for layer in layers if layer}
    return tuple(sorted(names, key=lambda layer: (flow_rank(layer), layer)))
