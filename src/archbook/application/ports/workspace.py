"""Port: a scratch copy of a repository to plan in, so the original is never written."""

from __future__ import annotations

from abc import ABC, abstractmethod


class Workspace(ABC):
    """Makes fresh copies of repositories inside a work folder."""

    @abstractmethod
    def copy_repo(self, source: str, workdir: str | None) -> str:
        """Copy ``source`` to ``workdir/<its name>`` (a new temporary folder when None),
        replacing an earlier copy archbook made there, and only such a copy; the copy's
        absolute path."""
