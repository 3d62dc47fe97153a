"""Scan snapshots as marshal files in the user's cache folder, never in the target repo.

A damaged cache must never give a wrong answer: each file carries a header, the
format version and a SHA-256 of its payload, and the payload must have the shape the
scanner reads. A file that fails any check is deleted, one line on stderr says so,
and the scan is rebuilt from the sources.

A process keeps the last snapshots it loaded or stored in memory, each with the
identity of its file (device, inode, size, mtime, ctime) and its header: while the
file is unchanged, a load returns the kept table itself (shared with later loads:
the scanner adds only values derived from it, such as the modules it built), so a
notebook re-analysing a large repository does not unmarshal the file again. Another
store replaces the file's inode; a rewrite in place changes its ctime, unless it
falls within the file system's timestamp granularity of the keeping: until the file
is older than ``SETTLED_NS``, a load also compares the header and the payload's
digest (as git treats "racily clean" files).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import time
from typing import Any, NamedTuple

from archbook.application.ports.scan_snapshots import ScanSnapshots

SNAPSHOT_VERSION = 4
KEPT_IN_MEMORY = 2
SETTLED_NS = 2_000_000_000  # coarser than any file system's timestamps archbook meets
MAGIC = b"archbook-scan\n"
DIGEST_BYTES = hashlib.sha256().digest_size
VERSION_BYTES = 2
HEADER_BYTES = len(MAGIC) + VERSION_BYTES + DIGEST_BYTES
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
                identity = _identity(os.fstat(handle.fileno()))
                kept = _kept.get(path)
                if kept is not None and kept.identity == identity and kept.settled:
                    return kept.snapshot
                data = handle.read()
        except OSError:
            return None
        if kept is not None and kept.identity == identity and _same_content(data, kept.header):
            _kept[path] = kept._replace(settled=_settled(identity))
            return kept.snapshot
        try:
            snapshot = {**_checked(data), "version": SNAPSHOT_VERSION}
            _keep(path, _Kept(identity, data[:HEADER_BYTES], snapshot, _settled(identity)))
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
            header += hashlib.sha256(payload).digest()
            os.makedirs(self.directory, exist_ok=True)
            path = self.path_for(root, key)
            # unique among this process's live stores and other processes (no tempfile:
            # importing it costs more than a small scan)
            temp = f"{path}.{os.getpid()}-{id(snapshot):x}.tmp"
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(header + payload)
                out.flush()
                os.replace(temp, path)
                # the file just written, whatever ``path`` names by now (a rename
                # changes its ctime, so it is read after the rename)
                identity = _identity(os.fstat(out.fileno()))
            if _misshapen(plain):
                _kept.pop(path, None)  # a load will judge (and discard) the file
            else:
                kept = {**snapshot, "version": SNAPSHOT_VERSION}
                _keep(path, _Kept(identity, header, kept, settled=False))
        except (OSError, ValueError):
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


class _Kept(NamedTuple):
    """A snapshot kept in memory, the identity and header of its file, and whether
    the file is old enough for its identity alone to prove it unchanged."""

    identity: tuple[int, ...]
    header: bytes
    snapshot: dict[str, Any]
    settled: bool


_kept: dict[str, _Kept] = {}


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _settled(identity: tuple[int, ...]) -> bool:
    return time.time_ns() - max(identity[3], identity[4]) > SETTLED_NS


def _same_content(data: bytes, header: bytes) -> bool:
    """Whether ``data`` is the file whose header was kept: same header, and a payload
    matching the digest in it."""
    if not data.startswith(header):
        return False
    return hashlib.sha256(memoryview(data)[HEADER_BYTES:]).digest() == header[-DIGEST_BYTES:]


def _keep(path: str, kept: _Kept) -> None:
    """Remember the snapshot of ``path``; only the latest few stay."""
    _kept.pop(path, None)
    while len(_kept) >= KEPT_IN_MEMORY:
        del _kept[next(iter(_kept))]
    _kept[path] = kept


def _misshapen(snapshot: dict[str, Any]) -> list[str]:
    """The keys the scanner reads that ``snapshot`` lacks or holds with another type."""
    return [k for k, kind in SNAPSHOT_SHAPE.items() if not isinstance(snapshot.get(k), kind)]


def _checked(data: bytes) -> dict[str, Any]:
    """The snapshot in ``data``, or ``SnapshotDamagedError`` saying what is wrong."""
    start = HEADER_BYTES
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
    wrong = _misshapen(snapshot)
    if wrong:
        raise SnapshotDamagedError(f"missing or mistyped: {', '.join(wrong)}")
    return snapshot
