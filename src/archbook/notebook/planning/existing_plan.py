"""The plan already in ``.claude/doc/<feature>/backend.md`` when archbook did not write it:
what it plans, its review against the code, and — once archbook has drafted its own —
both plans side by side."""

from __future__ import annotations

from archbook import api
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.domain.plan import Plan
from archbook.domain.plan_review import PlanComparison, PlanReview
from archbook.notebook.display import Md, Panel, Part, Svg, code, md_table

REPLACE_LABEL = "replace — keep the current one in history/"
SHOWN_FINDINGS = 40


class ExistingPlanPanel(Panel):
    """Empty when the feature has no plan, or has the one archbook wrote."""

    def __init__(self) -> None:
        self.review: PlanReview | None = None
        self.comparison: PlanComparison | None = None
        super().__init__([], "archbook-existing-plan")

    def load(self, root: str, feature: str, known: RepoKnowledge | None) -> PlanReview | None:
        """Read and review the feature's plan when archbook did not write it."""
        self.review, self.comparison = None, None
        if feature and api.plan_is_foreign(root, feature):
            self.review = api.review(root, feature, known=known)
        where = code(f".claude/doc/{feature}/backend.md") if feature else "no feature chosen"
        self.show(*self.parts_now(known) or (Md(f"{where}: no plan by another author."),))
        return self.review

    def compare(self, drafted: Plan, known: RepoKnowledge | None) -> tuple[Part, ...]:
        """Put archbook's draft beside the plan already there; the comparison's parts."""
        if self.review is None:
            return ()
        self.comparison = api.compare(self.review, drafted)
        self.show(*self.parts_now(known))
        return comparison_parts(self.comparison)

    def replaced(self, kept: str | None) -> None:
        """archbook's plan now stands where the foreign one was, which ``kept`` holds."""
        self.review, self.comparison = None, None
        where = f" — the one that was there is kept at {code(kept)}" if kept else ""
        self.show(Md(f"archbook's plan replaced the plan that was there{where}."))

    def parts_now(self, known: RepoKnowledge | None) -> tuple[Part, ...]:
        if self.review is None:
            return ()
        parts: list[Part] = list(review_parts(self.review))
        if known is not None:
            parts.append(Svg(api.review_svg(known.analysis, self.review)))
        if self.comparison is not None:
            parts += comparison_parts(self.comparison)
        return tuple(parts)

    def summary(self) -> str:
        if self.review is None:
            return "ExistingPlanPanel(none)"
        return f"ExistingPlanPanel({self.review.plan.path}, {len(self.review.findings)} findings)"


def review_parts(reviewed: PlanReview) -> tuple[Part, ...]:
    """The plan already there: its files (with where the plan names them) and its review."""
    plan = reviewed.plan
    files = md_table(
        ("action", "file", "layer", "plan line", "action from"),
        (
            (f.action, code(f.path), reviewed.layer_of(f.path) or "-", f.line, f.action_from)
            for f in plan.files
        ),
    )
    verdict = (
        f"**{len(reviewed.errors)} error(s), {len(reviewed.warnings)} warning(s)**"
        if reviewed.findings
        else "**no finding**: the plan fits the code and the layer rules"
    )
    parts: list[Part] = [
        Md(
            f"### Plan already there: {code(plan.path)}\n\n"
            f"archbook did not write it (or it was edited by hand). *{plan.title}* — "
            f"{len(plan.files)} file(s), {len(plan.blocks)} code block(s), "
            f"{len(plan.commands)} command(s).\n\n{files}"
        ),
        Md(f"#### Review — {verdict}"),
    ]
    if reviewed.findings:
        parts.append(
            Md(
                md_table(
                    ("level", "rule", "plan line", "finding"),
                    (
                        (f.level, f.rule, f.line, f.message)
                        for f in reviewed.findings[:SHOWN_FINDINGS]
                    ),
                )
            )
        )
    broken = [e for e in reviewed.edges if not e.allowed]
    parts.append(
        Md(
            f"**Projected layer graph** — {len(reviewed.edges)} import(s) the plan's code adds, "
            f"{len(broken)} against the layer rules (red)"
        )
    )
    return tuple(parts)


def comparison_parts(compared: PlanComparison) -> tuple[Part, ...]:
    """Both plans side by side: files both name, files only one names, layers each touches."""
    rows = [(code(p), "✓", "✓") for p in compared.both]
    rows += [(code(p), "✓", "") for p in compared.only_left]
    rows += [(code(p), "", "✓") for p in compared.only_right]
    return (
        Md(
            f"#### Side by side: {code(compared.left)} and {compared.right}\n\n"
            f"{len(compared.both)} file(s) in both, {len(compared.only_left)} only in the plan "
            f"already there, {len(compared.only_right)} only in archbook's draft.\n\n"
            + md_table(("file", "plan already there", "archbook's draft"), rows)
            + "\n\nLayers touched — plan already there: "
            + (", ".join(compared.left_layers) or "none")
            + "; archbook's draft: "
            + (", ".join(compared.right_layers) or "none")
        ),
    )
