"""Scan snapshots as marshal files in the user's cache folder, never in the target repo.

A snapshot is a base file and a journal beside it. A store that changes a few files'
entries of the snapshot this process last loaded or stored appends their new values
to the journal (a few kilobytes) instead of rewriting the base (megabytes for a large
repository); once the journal outgrows a quarter of the base, or when the files on
disk are no longer the ones this process knows, the next store writes a new base
atomically and drops the journal.

A damaged cache must never give a wrong answer: the base carries a header, the format
version and a SHA-256 of its payload, and the payload must have the shape the scanner
reads. Each journal entry carries the tag of the base it applies to, its place in the
journal, its length and a SHA-256 of all of these and its payload. A base or an entry
that fails a check (a torn write) makes the whole snapshot unusable: both files are
deleted, one line on stderr says so, and the scan is rebuilt from the sources. An
entry written for another base (left by a crash between writing a new base and
dropping the journal) or out of place (two processes appending at once) ends the
journal there: what precedes it is a snapshot some scan stored in full.

A process keeps the last snapshots it loaded or stored in memory, each with the
identity of its base file (device, inode, size, mtime, ctime), its header and the
journal bytes applied to it: while the base is unchanged and the journal holds the
same bytes, a load returns the kept table itself (shared with later loads: the
scanner adds only values derived from it, such as the modules it built), so a
notebook re-analysing a large repository does not unmarshal the file again. Another
store replaces the base's inode; a rewrite in place changes its ctime, unless it
falls within the file system's timestamp granularity of the keeping: until the base
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

from archbook.adapters.scanning.snapshot_journal import (
    DIGEST_BYTES,
    JOURNAL_FLOOR,
    JOURNAL_SHARE,
    SnapshotDamagedError,
    apply_journal,
    changes_between,
    encode_entry,
    journal_path,
    journal_size,
    read_journal,
)
from archbook.adapters.scanning.whole_writes import write_all
from archbook.application.ports.scan_snapshots import ScanSnapshots

# Bumped whenever stored module names or rows change meaning (8: a package at the top
# of a chain below the top folder, ``backend/src``, may be a source root too).
SNAPSHOT_VERSION = 8
KEPT_IN_MEMORY = 2
SETTLED_NS = 2_000_000_000  # coarser than any file system's timestamps archbook meets
MAGIC = b"archbook-scan\n"
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


class MarshalScanSnapshots(ScanSnapshots):
    """A base marshal file and a journal per repository and key; written atomically or
    appended, checked when read."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_cache_dir()

    def path_for(self, root: str, key: str) -> str:
        """The base file; the journal is this path with ``.journal`` added."""
        digest = hashlib.sha1(os.fsencode(f"{root}|{key}")).hexdigest()[:24]
        return os.path.join(self.directory, f"scan-v{SNAPSHOT_VERSION}-{digest}.marshal")

    def load(self, root: str, key: str) -> dict[str, Any] | None:
        path = self.path_for(root, key)
        try:
            with open(path, "rb") as handle:
                identity = _identity(os.fstat(handle.fileno()))
                journal = read_journal(path)
                kept = _kept.get(path)
                if kept is not None and kept.identity == identity and kept.journal == journal:
                    if kept.settled:
                        return kept.snapshot
                    data = handle.read()
                    if _same_content(data, kept.header):
                        _kept[path] = kept._replace(settled=_settled(identity))
                        return kept.snapshot
                else:
                    data = handle.read()
        except OSError:
            return None
        try:
            snapshot = _checked(data)
            count, applied = apply_journal(snapshot, journal, data[:HEADER_BYTES])
            wrong = _misshapen(snapshot)
            if wrong:
                raise SnapshotDamagedError(f"journal leaves {', '.join(wrong)} mistyped")
        except SnapshotDamagedError as error:
            for damaged in (path, journal_path(path)):
                with contextlib.suppress(OSError):
                    os.unlink(damaged)
            print(
                f"archbook: scan snapshot {path} was damaged ({error}); discarded, the scan "
                "is rebuilt",
                file=sys.stderr,
            )
            return None
        snapshot["version"] = SNAPSHOT_VERSION
        header = data[:HEADER_BYTES]
        settled = _settled(identity)
        _keep(path, _Kept(identity, header, snapshot, settled, journal[:applied], count))
        return snapshot

    def store(self, root: str, key: str, snapshot: dict[str, Any]) -> None:
        path = self.path_for(root, key)
        kept = _kept.get(path)
        try:
            if kept is not None and self._append(path, kept, snapshot):
                return
        except (OSError, ValueError):
            _kept.pop(path, None)  # a torn entry may be left: the new base drops it
        self._rewrite(path, snapshot)

    def _append(self, path: str, kept: _Kept, snapshot: dict[str, Any]) -> bool:
        """Record what changed since the kept snapshot in the journal; False when the
        base must be written instead (the files are not the kept ones, or the journal
        would outgrow its share)."""
        try:
            identity = _identity(os.stat(path))
        except OSError:
            return False
        if identity != kept.identity or journal_size(path) != len(kept.journal):
            return False
        changes = changes_between(kept.snapshot, snapshot)
        if not changes[0] and not changes[1]:
            _keep(path, kept._replace(snapshot=_with_version(snapshot)))
            return True
        if _misshapen(_plain(snapshot)):
            return False
        payload = marshal.dumps(changes)
        entry = encode_entry(kept.header, kept.entries, payload)
        limit = max(JOURNAL_FLOOR, identity[2] // JOURNAL_SHARE)
        if len(kept.journal) + len(entry) > limit:
            return False
        handle = os.open(journal_path(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            # one call, not slices: an append is placed whole, never interleaved with
            # another process's (an entry is a few kilobytes)
            if os.write(handle, entry) != len(entry):
                raise OSError("journal entry cut short")
        finally:
            os.close(handle)
        journal = kept.journal + entry
        replaced = kept._replace(
            snapshot=_with_version(snapshot), journal=journal, entries=kept.entries + 1
        )
        _keep(path, replaced)
        return True

    def _rewrite(self, path: str, snapshot: dict[str, Any]) -> None:
        """Write a new base atomically, then drop the journal (whose entries name the
        old base, so a crash in between leaves them ignored)."""
        temp = None
        try:
            plain = _plain(snapshot)
            payload = marshal.dumps(plain)
            header = MAGIC + SNAPSHOT_VERSION.to_bytes(VERSION_BYTES, "big")
            header += hashlib.sha256(payload).digest()
            os.makedirs(self.directory, exist_ok=True)
            # unique among this process's live stores and other processes (no tempfile:
            # importing it costs more than a small scan)
            temp = f"{path}.{os.getpid()}-{id(snapshot):x}.tmp"
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                write_all(handle, header, payload)  # apart: joined, the payload is copied
                os.replace(temp, path)
                temp = None
                # the file just written, whatever ``path`` names by now (a rename
                # changes its ctime, so it is read after the rename)
                identity = _identity(os.fstat(handle))
            finally:
                os.close(handle)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(journal_path(path))
            if _misshapen(plain):
                _kept.pop(path, None)  # a load will judge (and discard) the file
            else:
                _keep(path, _Kept(identity, header, _with_version(snapshot), False, b"", 0))
        except (OSError, ValueError):
            _kept.pop(path, None)
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


class _Kept(NamedTuple):
    """A snapshot kept in memory, the identity and header of its base, whether the
    base is old enough for its identity alone to prove it unchanged, and the journal
    bytes the snapshot includes."""

    identity: tuple[int, ...]
    header: bytes
    snapshot: dict[str, Any]
    settled: bool
    journal: bytes
    entries: int


_kept: dict[str, _Kept] = {}


def _plain(snapshot: dict[str, Any]) -> dict[str, Any]:
    """What is written of a snapshot: neither the version nor the in-memory keys."""
    return {k: v for k, v in snapshot.items() if k != "version" and k[:1] != "_"}


def _with_version(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The table kept in memory for ``snapshot`` (sharing its values; not the hint
    naming the snapshot it came from, which would keep every earlier one alive)."""
    kept = {k: v for k, v in snapshot.items() if k != "_since"}
    kept["version"] = SNAPSHOT_VERSION
    return kept


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
    # a view, not a copy: the payload is megabytes on a large repository
    digest, payload = data[start - DIGEST_BYTES : start], memoryview(data)[start:]
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
