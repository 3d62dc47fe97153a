"""Port: the files of a repository folder as they were at a git commit."""

from __future__ import annotations

from abc import ABC, abstractmethod


class GitTrees(ABC):
    """Reads commits from git objects only: the user's checkout and index stay as they are."""

    @abstractmethod
    def commit_of(self, root: str, ref: str) -> str:
        """The full commit id ``ref`` names in the repository holding ``root``."""

    @abstractmethod
    def tree_at(self, root: str, commit: str) -> str:
        """A read-only folder holding ``root``'s files at ``commit`` (kept per commit id,
        so a second comparison with the same base reads nothing again)."""
