"""Port: read a target repository's own layer rules, when it declares any."""

from __future__ import annotations

from abc import ABC, abstractmethod

from archbook.domain.layers import LayerRules


class RulesSource(ABC):
    """Finds the layer rules a repository declares (archbook, import-linter, tach)."""

    @abstractmethod
    def rules_for(self, root: str) -> LayerRules:
        """The rules to apply to the repository at ``root``; the default ones if none."""
