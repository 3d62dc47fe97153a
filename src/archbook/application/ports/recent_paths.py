"""Port: the list of repository folders a user opened lately (kept outside any repo)."""

from __future__ import annotations

from abc import ABC, abstractmethod


class RecentPaths(ABC):
    """Loads and saves the recently used repository paths, most recent first."""

    @abstractmethod
    def load(self) -> list[str]:
        """The stored paths, most recent first; empty when nothing is stored or unreadable."""

    @abstractmethod
    def save(self, paths: list[str]) -> None:
        """Replace the stored paths (a failure to save is not an error worth stopping for)."""
