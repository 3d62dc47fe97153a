"""Port: keep the last scan of a repository so the next one re-reads only what changed."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any


class ScanSnapshots(ABC):
    """Stores one snapshot (plain tuples, dicts and strings) per repository and key."""

    @abstractmethod
    def load(self, root: str, key: str) -> dict[str, Any] | None:
        """The stored snapshot, or ``None`` when there is none or it is unusable."""

    @abstractmethod
    def store(self, root: str, key: str, snapshot: dict[str, Any]) -> None:
        """Replace the snapshot; failing to store is not an error."""
