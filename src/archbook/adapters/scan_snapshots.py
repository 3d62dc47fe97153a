"""Scan snapshots as marshal files in the user's cache folder, never in the target repo."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from typing import Any

from archbook.application.ports.scan_snapshots import ScanSnapshots

SNAPSHOT_VERSION = 2


def default_cache_dir() -> str:
    """``$ARCHBOOK_CACHE_DIR``, else ``$XDG_CACHE_HOME/archbook``, else ``~/.cache/archbook``."""
    explicit = os.environ.get("ARCHBOOK_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "archbook")


class MarshalScanSnapshots(ScanSnapshots):
    """One marshal file per repository and key; written atomically, read in one go."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_cache_dir()

    def path_for(self, root: str, key: str) -> str:
        digest = hashlib.sha1(f"{root}|{key}".encode()).hexdigest()[:24]
        return os.path.join(self.directory, f"scan-v{SNAPSHOT_VERSION}-{digest}.marshal")

    def load(self, root: str, key: str) -> dict[str, Any] | None:
        try:
            with open(self.path_for(root, key), "rb") as handle:
                data = marshal.loads(handle.read())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not isinstance(data, dict) or data.get("version") != SNAPSHOT_VERSION:
            return None
        return data

    def store(self, root: str, key: str, snapshot: dict[str, Any]) -> None:
        temp = None
        try:
            os.makedirs(self.directory, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps({**snapshot, "version": SNAPSHOT_VERSION}))
            os.replace(temp, self.path_for(root, key))
        except (OSError, ValueError):
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
