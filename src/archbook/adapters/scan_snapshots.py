"""Scan snapshots as marshal files in the user's cache folder, never in the target repo.

A damaged cache must never give a wrong answer: each file carries a header, the
format version and a SHA-256 of its payload, and the payload must have the shape the
scanner reads. A file that fails any check is deleted, one line on stderr says so,
and the scan is rebuilt from the sources.

A process keeps the last snapshots it loaded or stored in memory, each with the
identity of its file (device, inode, size, mtime, ctime): while the file is
unchanged, a load costs one ``fstat`` and returns the kept table itself (shared with
later loads: the scanner adds only values derived from it, such as the modules it
built), so a notebook re-analysing a large repository does not read and check the
file again. Any rewrite of the file, by this process or another, replaces its inode
and so the kept copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from typing import Any

from archbook.application.ports.scan_snapshots import ScanSnapshots

SNAPSHOT_VERSION = 4
KEPT_IN_MEMORY = 2
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


_kept: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {}


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
                identity = _identity(os.fstat(handle.fileno()))
                kept = _kept.get(path)
                if kept is not None and kept[0] == identity:
                    return kept[1]
                data = handle.read()
        except OSError:
            return None
        try:
            snapshot = {**_checked(data), "version": SNAPSHOT_VERSION}
            _keep(path, identity, snapshot)
            return snapshot
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
            plain = {k: v for k, v in snapshot.items() if k != "version" and k[:1] != "_"}
            payload = marshal.dumps(plain)
            header = MAGIC + SNAPSHOT_VERSION.to_bytes(VERSION_BYTES, "big")
            os.makedirs(self.directory, exist_ok=True)
            path = self.path_for(root, key)
            # unique among this process's live stores and other processes (no tempfile:
            # importing it costs more than a small scan)
            temp = f"{path}.{os.getpid()}-{id(snapshot):x}.tmp"
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(header + hashlib.sha256(payload).digest() + payload)
                out.flush()
                os.replace(temp, path)
                # the file just written, whatever ``path`` names by now (a rename
                # changes its ctime, so it is read after the rename)
                identity = _identity(os.fstat(out.fileno()))
            _keep(path, identity, {**snapshot, "version": SNAPSHOT_VERSION})
        except (OSError, ValueError):
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _keep(path: str, identity: tuple[int, ...], snapshot: dict[str, Any]) -> None:
    """Remember the snapshot of ``path``; only the latest few stay."""
    _kept.pop(path, None)
    while len(_kept) >= KEPT_IN_MEMORY:
        del _kept[next(iter(_kept))]
    _kept[path] = (identity, snapshot)


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
