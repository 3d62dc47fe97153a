"""Port: keep the last scan of a repository so the next one re-reads only what changed."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any


class ScanSnapshots(ABC):
    """Stores one snapshot (plain tuples, dicts and strings) per repository and key.

    Keys starting with ``_`` hold what the scanner derived from a snapshot in memory
    (its built modules): they are never written, and a store may hand the same table
    back to later loads of this process while the stored file is unchanged.
    ``_since``, when present, is ``(loaded, paths)``: the snapshot differs from the
    table ``loaded`` (as a load returned it) only in the ``paths`` entries of its
    per-file tables (``stamps``, ``files``, ``imports``) and in values that are not
    the very same objects, so a store may record just that.
    """

    @abstractmethod
    def load(self, root: str, key: str) -> dict[str, Any] | None:
        """The stored snapshot, or ``None`` when there is none or it is unusable."""

    @abstractmethod
    def store(self, root: str, key: str, snapshot: dict[str, Any]) -> None:
        """Replace the snapshot; failing to store is not an error."""
