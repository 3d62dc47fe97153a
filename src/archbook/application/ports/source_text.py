"""Port: the decoded text of one file of a repository."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence


class SourceText(ABC):
    """Reads files of a repository as text, never executing them."""

    @abstractmethod
    def read_text(self, root: str, path: str) -> str | None:
        """The text of ``path`` (relative to ``root``), or None when it cannot be read."""

    def read_texts(self, root: str, paths: Sequence[str]) -> list[str | None]:
        """:meth:`read_text` of each path, in order; adapters may read a batch faster."""
        return [self.read_text(root, path) for path in paths]

    @abstractmethod
    def read_config_files(self, root: str) -> dict[str, str]:
        """Project files that say how it is built (pyproject, locks, requirements...),
        at the root and in a backend subfolder, keyed by relative path."""

    @abstractmethod
    def real_path(self, root: str, path: str) -> str | None:
        """Where ``path`` really leads, relative to the repository root with every symlink
        resolved; None when it leads outside the repository."""
