"""Port: the decoded text of one file of a repository."""

from __future__ import annotations

from abc import ABC, abstractmethod


class SourceText(ABC):
    """Reads files of a repository as text, never executing them."""

    @abstractmethod
    def read_text(self, root: str, path: str) -> str | None:
        """The text of ``path`` (relative to ``root``), or None when it cannot be read."""

    @abstractmethod
    def read_config_files(self, root: str) -> dict[str, str]:
        """Project files that say how it is built (pyproject, locks, requirements...),
        at the root and in a backend subfolder, keyed by relative path."""

    @abstractmethod
    def real_path(self, root: str, path: str) -> str | None:
        """Where ``path`` really leads, relative to the repository root with every symlink
        resolved; None when it leads outside the repository."""
