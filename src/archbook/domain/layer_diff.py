"""What a change does to a repository's layers: the findings of two analyses compared."""

from __future__ import annotations

from dataclasses import dataclass

from archbook.domain.analysis import Violation


@dataclass(frozen=True, slots=True)
class EdgeChange:
    """Imports from one layer into another that appeared (or disappeared) with a change."""

    source: str
    target: str
    count: int
    allowed: bool


@dataclass(frozen=True, slots=True)
class ModuleMove:
    """A module present on both sides whose layer differs."""

    name: str
    before: str
    after: str


@dataclass(frozen=True)
class LayerDiff:
    """``base`` and ``head`` name the two sides (a ref and its commit, or the work tree)."""

    base: str
    head: str
    added_violations: tuple[Violation, ...]
    fixed_violations: tuple[Violation, ...]
    added_edges: tuple[EdgeChange, ...]
    removed_edges: tuple[EdgeChange, ...]
    moved_modules: tuple[ModuleMove, ...]
    added_cycles: tuple[tuple[str, ...], ...]

    @property
    def worse(self) -> bool:
        """True when the change adds violations (what a CI gate fails on)."""
        return bool(self.added_violations)
