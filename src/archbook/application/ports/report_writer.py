"""Port: where an exported report goes — a file the user names."""

from __future__ import annotations

from abc import ABC, abstractmethod


class ReportWriter(ABC):
    """Writes a finished report."""

    @abstractmethod
    def write(self, path: str, text: str) -> str:
        """Write ``text`` to ``path`` (creating its folder); the absolute path written."""
