"""Use case: a refactor sandbox — move modules to other layers or change what a layer may
import, and see the violations and the layer graph that would follow.

Nothing is rescanned and nothing in the repository is touched: the existing scan is
analysed again against edited rules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from archbook.application.layers.analysis import Analysis, analyse_scan
from archbook.domain.analysis import Violation
from archbook.domain.layers import LayerRules
from archbook.exceptions import ArchbookError


class WhatIfError(ArchbookError):
    """A move or a rule change that names no module or no layer."""


@dataclass(frozen=True)
class Move:
    """Put every module under ``prefix`` (or the module itself) into ``layer``."""

    prefix: str
    layer: str

    def describe(self) -> str:
        return f"move {self.prefix} → {self.layer}"


@dataclass(frozen=True)
class RuleChange:
    """From now on ``layer`` may import exactly ``allowed`` (besides itself)."""

    layer: str
    allowed: frozenset[str]

    def describe(self) -> str:
        return f"{self.layer} may import {', '.join(sorted(self.allowed)) or 'nothing else'}"


@dataclass(frozen=True)
class EdgeChange:
    """Imports from one layer into another, before and after the what-if."""

    source: str
    target: str
    before: int
    after: int
    allowed: bool


@dataclass(frozen=True)
class WhatIf:
    """The analysis before and after some moves and rule changes."""

    before: Analysis
    after: Analysis
    moves: tuple[Move, ...] = ()
    rule_changes: tuple[RuleChange, ...] = ()

    @property
    def new_violations(self) -> list[Violation]:
        """Violations the changes would introduce, in file order."""
        old = {_key(v) for v in self.before.violations}
        return [v for v in self.after.violations if _key(v) not in old]

    @property
    def fixed_violations(self) -> list[Violation]:
        """Violations the changes would remove, in file order."""
        new = {_key(v) for v in self.after.violations}
        return [v for v in self.before.violations if _key(v) not in new]

    @property
    def moved_modules(self) -> list[tuple[str, str, str]]:
        """``(module, layer before, layer after)`` for every module whose layer changed."""
        return [
            (name, self.before.layer_of(name), self.after.layer_of(name))
            for name in sorted(self.after.classifications)
            if self.before.layer_of(name) != self.after.layer_of(name)
        ]

    @property
    def edge_changes(self) -> list[EdgeChange]:
        """Layer edges whose count or permission changed (a count of 0: no edge)."""
        before = {(e.source, e.target): e for e in self.before.layer_edges}
        after = {(e.source, e.target): e for e in self.after.layer_edges}
        changes = []
        for key in [*after, *(k for k in before if k not in after)]:
            old, new = before.get(key), after.get(key)
            allowed = self.after.rules.allows(*key)
            if old and new and old.count == new.count and old.allowed == new.allowed:
                continue
            changes.append(
                EdgeChange(
                    key[0], key[1], old.count if old else 0, new.count if new else 0, allowed
                )
            )
        return changes

    @property
    def changed_layers(self) -> frozenset[str]:
        """Layers that gain or lose modules, or whose rule changed."""
        moved = {layer for _, a, b in self.moved_modules for layer in (a, b)}
        return frozenset(moved | {change.layer for change in self.rule_changes})

    def describe(self) -> list[str]:
        """One line per move and rule change, in the order they were made."""
        return [*(m.describe() for m in self.moves), *(c.describe() for c in self.rule_changes)]


def what_if(
    analysis: Analysis,
    moves: Iterable[Move] = (),
    rule_changes: Iterable[RuleChange] = (),
) -> WhatIf:
    """Re-analyse ``analysis``'s scan with the moves and rule changes applied (later ones
    win over earlier ones on the same prefix or layer)."""
    moves, rule_changes = tuple(moves), tuple(rule_changes)
    rules = analysis.rules
    for move in moves:
        _check_move(analysis, move)
    for change in rule_changes:
        _check_layers(rules, {change.layer, *change.allowed})
    if moves:
        # Equal prefixes: the first pair wins, so the latest move goes first.
        rules = rules.with_module_layers((m.prefix, m.layer) for m in reversed(moves))
    if rule_changes:
        allowed = dict(rules.allowed)
        for change in rule_changes:
            allowed[change.layer] = frozenset(change.allowed - {change.layer})
        rules = dataclasses.replace(rules, allowed=allowed)
    if moves or rule_changes:
        rules = dataclasses.replace(rules, source=f"{analysis.rules.source}, edited (what-if)")
    return WhatIf(analysis, analyse_scan(analysis.scan, rules), moves, rule_changes)


def _check_move(analysis: Analysis, move: Move) -> None:
    _check_layers(analysis.rules, {move.layer})
    prefix = move.prefix.strip()
    if not any(m == prefix or m.startswith(prefix + ".") for m in analysis.classifications):
        raise WhatIfError(f"no module is named '{move.prefix}' or starts with '{move.prefix}.'")


def _check_layers(rules: LayerRules, layers: set[str]) -> None:
    unknown = sorted(layers - set(rules.layers))
    if unknown:
        raise WhatIfError(
            f"unknown layer(s) {', '.join(unknown)}; layers: {', '.join(rules.layers)}"
        )


def _key(violation: Violation) -> tuple[str, int, str]:
    return (violation.path, violation.line, violation.imported)
