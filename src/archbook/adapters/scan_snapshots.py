"""Scan snapshots as marshal files in the user's cache folder, never in the target repo.

A damaged cache must never give a wrong answer: each file carries a header, the
format version and a SHA-256 of its payload, and the payload must have the shape the
scanner reads. A file that fails any check is deleted, one line on stderr says so,
and the scan is rebuilt from the sources.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from typing import Any

from archbook.application.ports.scan_snapshots import ScanSnapshots

SNAPSHOT_VERSION = 4
MAGIC = b"archbook-scan\n"
DIGEST_BYTES = hashlib.sha256().digest_size
VERSION_BYTES = 2
# What the scanner reads from a snapshot, with the type each value must have.
SNAPSHOT_SHAPE: dict[str, type] = {
    "folders": dict,
    "stamps": dict,
    "packages": list,
    "listed": list,
    "declared": list,
    "files": dict,
    "keys": list,
    "index": tuple,
    "roots": list,
    "modules": list,
    "imports": dict,
    "skipped": list,
}


def default_cache_dir() -> str:
    """``$ARCHBOOK_CACHE_DIR``, else ``$XDG_CACHE_HOME/archbook``, else ``~/.cache/archbook``."""
    explicit = os.environ.get("ARCHBOOK_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "archbook")


class SnapshotDamagedError(ValueError):
    """A snapshot file failed its integrity or shape check."""


class MarshalScanSnapshots(ScanSnapshots):
    """One marshal file per repository and key; written atomically, checked when read."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_cache_dir()

    def path_for(self, root: str, key: str) -> str:
        digest = hashlib.sha1(os.fsencode(f"{root}|{key}")).hexdigest()[:24]
        return os.path.join(self.directory, f"scan-v{SNAPSHOT_VERSION}-{digest}.marshal")

    def load(self, root: str, key: str) -> dict[str, Any] | None:
        path = self.path_for(root, key)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        try:
            return {**_checked(data), "version": SNAPSHOT_VERSION}
        except SnapshotDamagedError as error:
            with contextlib.suppress(OSError):
                os.unlink(path)
            print(
                f"archbook: scan snapshot {path} was damaged ({error}); discarded, the scan "
                "is rebuilt",
                file=sys.stderr,
            )
            return None

    def store(self, root: str, key: str, snapshot: dict[str, Any]) -> None:
        temp = None
        try:
            payload = marshal.dumps({k: v for k, v in snapshot.items() if k != "version"})
            header = MAGIC + SNAPSHOT_VERSION.to_bytes(VERSION_BYTES, "big")
            os.makedirs(self.directory, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(header + hashlib.sha256(payload).digest() + payload)
            os.replace(temp, self.path_for(root, key))
        except (OSError, ValueError):
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


def _checked(data: bytes) -> dict[str, Any]:
    """The snapshot in ``data``, or ``SnapshotDamagedError`` saying what is wrong."""
    start = len(MAGIC) + VERSION_BYTES + DIGEST_BYTES
    if len(data) < start or not data.startswith(MAGIC):
        raise SnapshotDamagedError("not an archbook snapshot")
    version = int.from_bytes(data[len(MAGIC) : len(MAGIC) + VERSION_BYTES], "big")
    if version != SNAPSHOT_VERSION:
        raise SnapshotDamagedError(f"version {version}, expected {SNAPSHOT_VERSION}")
    digest, payload = data[start - DIGEST_BYTES : start], data[start:]
    if hashlib.sha256(payload).digest() != digest:
        raise SnapshotDamagedError("checksum mismatch")
    try:
        snapshot = marshal.loads(payload)
    except (EOFError, ValueError, TypeError) as error:
        raise SnapshotDamagedError(f"unreadable: {error}") from error
    if not isinstance(snapshot, dict):
        raise SnapshotDamagedError("not a table")
    wrong = [k for k, kind in SNAPSHOT_SHAPE.items() if not isinstance(snapshot.get(k), kind)]
    if wrong:
        raise SnapshotDamagedError(f"missing or mistyped: {', '.join(wrong)}")
    return snapshot
