"""Recently used repository paths as a small JSON file in the user's cache folder
(``$ARCHBOOK_CACHE_DIR`` or ``~/.cache/archbook``), never in a target repository."""

from __future__ import annotations

import contextlib
import json
import os

from archbook.adapters.safe_paths import write_atomically
from archbook.adapters.scanning.scan_snapshots import default_cache_dir
from archbook.application.ports.recent_paths import RecentPaths

RECENT_FILE = "recent.json"


class JsonRecentPaths(RecentPaths):
    """``{"paths": [...]}`` in ``<cache dir>/recent.json``; a broken file reads as empty."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_cache_dir()

    @property
    def path(self) -> str:
        return os.path.join(self.directory, RECENT_FILE)

    def load(self) -> list[str]:
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return []
        paths = data.get("paths") if isinstance(data, dict) else None
        if not isinstance(paths, list):
            return []
        return [p for p in paths if isinstance(p, str)]

    def save(self, paths: list[str]) -> None:
        # A read-only cache folder must not break the notebook that remembers a path.
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            write_atomically(self.path, json.dumps({"paths": paths}, indent=1) + "\n")
