"""Use case: a branch review — compare the layer analysis of the work tree (or a head ref)
with a base ref read from git objects, so the checkout is never touched.

Violations are matched by importer, imported and import text, not by line, so code
moving within a file is no change; the base tree is kept per commit id, so comparing
with the same base again only scans the head.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from archbook.application.layers.analysis import Analysis, violation_dict
from archbook.application.ports.git_trees import GitTrees
from archbook.domain.analysis import Violation
from archbook.domain.layer_diff import EdgeChange, LayerDiff, ModuleMove

WORK_TREE = "work tree"


@dataclass(frozen=True)
class BranchReview:
    """The comparison and both analyses it came from (the head's draws the graph)."""

    diff: LayerDiff
    base: Analysis
    head: Analysis


def review_branch(
    root: str,
    base_ref: str,
    head_ref: str | None,
    git: GitTrees,
    analyse_folder: Callable[[str], Analysis],
) -> BranchReview:
    """Compare ``root`` at ``base_ref`` with ``root`` at ``head_ref`` (the work tree as it
    is on disk when None)."""
    base_commit = git.commit_of(root, base_ref)
    base = analyse_folder(git.tree_at(root, base_commit))
    if head_ref is None:
        head, head_name = analyse_folder(root), WORK_TREE
    else:
        head_commit = git.commit_of(root, head_ref)
        head = analyse_folder(git.tree_at(root, head_commit))
        head_name = f"{head_ref} ({head_commit[:10]})"
    diff = compare(base, head, f"{base_ref} ({base_commit[:10]})", head_name)
    return BranchReview(diff, base, head)


def compare(base: Analysis, head: Analysis, base_name: str, head_name: str) -> LayerDiff:
    """What changed between two analyses of one repository."""
    added = _only_in(head.violations, base.violations)
    fixed = _only_in(base.violations, head.violations)
    before = {(e.source, e.target): e for e in base.layer_edges}
    after = {(e.source, e.target): e for e in head.layer_edges}
    added_edges = tuple(
        EdgeChange(e.source, e.target, e.count, e.allowed)
        for key, e in after.items()
        if key not in before
    )
    removed_edges = tuple(
        EdgeChange(e.source, e.target, e.count, e.allowed)
        for key, e in before.items()
        if key not in after
    )
    moved = tuple(
        ModuleMove(name, base.layer_of(name), head.layer_of(name))
        for name in sorted(set(base.classifications) & set(head.classifications))
        if base.layer_of(name) != head.layer_of(name)
    )
    old_cycles = {frozenset(c) for c in base.cycles}
    cycles = tuple(tuple(c) for c in head.cycles if frozenset(c) not in old_cycles)
    return LayerDiff(base_name, head_name, added, fixed, added_edges, removed_edges, moved, cycles)


def diff_to_dict(diff: LayerDiff) -> dict[str, Any]:
    """The JSON form of a comparison, stable key order."""

    def edge(e: EdgeChange) -> dict[str, Any]:
        return {"source": e.source, "target": e.target, "count": e.count, "allowed": e.allowed}

    return {
        "base": diff.base,
        "head": diff.head,
        "added_violations": [violation_dict(v) for v in diff.added_violations],
        "fixed_violations": [violation_dict(v) for v in diff.fixed_violations],
        "added_edges": [edge(e) for e in diff.added_edges],
        "removed_edges": [edge(e) for e in diff.removed_edges],
        "moved_modules": [
            {"name": m.name, "before": m.before, "after": m.after} for m in diff.moved_modules
        ],
        "added_cycles": [list(c) for c in diff.added_cycles],
    }


def _only_in(side: list[Violation], other: list[Violation]) -> tuple[Violation, ...]:
    """Violations of ``side`` with no match in ``other`` (matched by importer, imported
    and text, counted, so a second copy of the same import is new)."""
    remaining = Counter((v.importer, v.imported, v.text) for v in other)
    found = []
    for v in side:
        key = (v.importer, v.imported, v.text)
        if remaining[key]:
            remaining[key] -= 1
        else:
            found.append(v)
    return tuple(found)
