"""Branch review: type a git ref, see what the work tree does to the layers compared with
it — violations added and fixed, layer edges, moved modules, new cycles, and the graph
with the new edges drawn bold."""

from __future__ import annotations

import ipywidgets as widgets

from archbook import api
from archbook.domain.layer_diff import LayerDiff
from archbook.exceptions import ArchbookError
from archbook.notebook.display import Md, Panel, Part, Svg, button, code, md_table


class BranchReview(Panel):
    """A base-ref box and a Compare button above the comparison."""

    def __init__(self, repo: str | None = None, base: str | None = None) -> None:
        self.root = api.resolve_repo(repo)
        self.base = widgets.Text(value=base or "", description="base ref", placeholder="main")
        self.base.add_class("archbook-diff-base")
        self.compare_button = button("Compare", "archbook-diff-compare")
        self.compare_button.on_click(lambda _: self._clicked())
        super().__init__([widgets.HBox([self.base, self.compare_button])], "archbook-branch")
        self.diff: LayerDiff | None = None
        if base:
            self._clicked()
        else:
            self.show(Md("Type a git ref (a branch, tag or commit) and press **Compare**."))

    def compare(self, base: str) -> BranchReview:
        """Compare the work tree with ``base``; raises when git cannot read it."""
        self.base.value = base
        review = api.review_branch(self.root, base)
        self.diff = review.diff
        self.show(*diff_parts(review.diff), Svg(api.diff_svg(review)))
        return self

    def summary(self) -> str:
        if self.diff is None:
            return "BranchReview(-)"
        diff = self.diff
        return (
            f"BranchReview({diff.base} → {diff.head}: +{len(diff.added_violations)} "
            f"-{len(diff.fixed_violations)} violations)"
        )

    def _clicked(self) -> None:
        try:
            self.compare(self.base.value.strip() or "main")
        except ArchbookError as error:
            self.error(str(error))


def diff_parts(diff: LayerDiff) -> list[Part]:
    """The comparison as a headline and one table per kind of change."""
    parts: list[Part] = [
        Md(
            f"**{diff.base} → {diff.head}**: {len(diff.added_violations)} violations added, "
            f"{len(diff.fixed_violations)} fixed, {len(diff.added_edges)} layer edges added, "
            f"{len(diff.removed_edges)} removed, {len(diff.moved_modules)} modules moved, "
            f"{len(diff.added_cycles)} cycles added."
        )
    ]
    for title, violations in (
        ("Violations added", diff.added_violations),
        ("Violations fixed", diff.fixed_violations),
    ):
        if violations:
            rows = [
                (code(v.location), f"{v.importer_layer} → {v.imported_layer}", code(v.text))
                for v in violations
            ]
            parts.append(Md(f"**{title}**\n\n" + md_table(("where", "layers", "import"), rows)))
    if diff.moved_modules:
        rows = [(code(m.name), m.before, m.after) for m in diff.moved_modules]
        parts.append(Md("**Modules moved**\n\n" + md_table(("module", "was", "now"), rows)))
    return parts
