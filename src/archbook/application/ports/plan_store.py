"""Port: where plans are written — only ``.claude/doc/<feature>/`` of the target."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredPlan:
    """Where a plan was written and where the version it replaced was kept."""

    path: str
    previous: str | None


class PlanStore(ABC):
    """Reads and writes ``.claude/doc/<feature>/backend.md`` and keeps its history."""

    @abstractmethod
    def read(self, root: str, feature: str) -> str | None:
        """The current plan's text, or None when there is none."""

    @abstractmethod
    def write(self, root: str, feature: str, text: str, force: bool = False) -> StoredPlan:
        """Write the plan atomically, keeping the previous one under ``history/``."""

    @abstractmethod
    def history(self, root: str, feature: str) -> list[str]:
        """Relative paths of earlier versions, oldest first."""
