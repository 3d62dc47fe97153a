"""FakeScanSnapshots: scan snapshots kept in a dict instead of the user's cache folder.

Each snapshot goes through ``marshal`` on the way in and out, as with the real store,
so a scanner that put anything but plain tuples, lists, dicts, strings and numbers in
it, or that relied on mutating what it had stored, fails here too. Keys starting
with ``_`` are the scanner's in-memory additions and are not stored, as the port says.
"""

from __future__ import annotations

import marshal
from typing import Any

from archbook.application.ports.scan_snapshots import ScanSnapshots


class FakeScanSnapshots(ScanSnapshots):
    """Snapshots by (root, key); counts loads and stores."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], bytes] = {}
        self.loads = 0
        self.stores = 0

    def load(self, root: str, key: str) -> dict[str, Any] | None:
        self.loads += 1
        data = self.saved.get((root, key))
        return None if data is None else marshal.loads(data)

    def store(self, root: str, key: str, snapshot: dict[str, Any]) -> None:
        self.stores += 1
        self.saved[(root, key)] = marshal.dumps(
            {k: v for k, v in snapshot.items() if not k.startswith("_")}
        )
