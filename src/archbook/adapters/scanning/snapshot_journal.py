"""The journal beside a snapshot's base file: entries that each change a few
values of the base, checked one by one when read.

An entry holds the tag of the base it applies to (the start of the base payload's
digest), its place in the journal, its payload's length, and a SHA-256 of all of
these and the payload: a marshalled pair of the values replaced whole and the
per-entry tables' changed entries and removed keys (``changes_between``). A torn or
altered entry raises ``SnapshotDamagedError``; an entry written for another base or
out of place ends the journal there (see ``scan_snapshots``).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterable
from typing import Any

DIGEST_BYTES = hashlib.sha256().digest_size
# A journal entry: magic, the base's tag, its place, its payload's length, a digest.
ENTRY_MAGIC = b"abj\n"
TAG_BYTES = 8
PLACE_BYTES = 4
LENGTH_BYTES = 4
ENTRY_FIELDS = len(ENTRY_MAGIC) + TAG_BYTES + PLACE_BYTES + LENGTH_BYTES
ENTRY_HEAD_BYTES = ENTRY_FIELDS + DIGEST_BYTES
# The journal is folded into a new base once it outgrows this share of the base
# (reading it back then costs a small fraction of reading the base), or this size.
JOURNAL_SHARE = 4
JOURNAL_FLOOR = 64 * 1024
# Tables of one entry per file, folder or module: the journal records their changed
# entries; every other value it records whole.
PER_ENTRY = frozenset({"folders", "stamps", "files", "imports"})
# The per-file tables a scanner's ``_since`` hint speaks of (see the port).
PER_FILE = frozenset({"stamps", "files", "imports"})


class SnapshotDamagedError(ValueError):
    """A snapshot file failed its integrity or shape check."""


def journal_path(path: str) -> str:
    """The journal of the base file at ``path``."""
    return path + ".journal"


def read_journal(path: str) -> bytes:
    try:
        with open(journal_path(path), "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return b""


def journal_size(path: str) -> int:
    try:
        return os.stat(journal_path(path)).st_size
    except FileNotFoundError:
        return 0


def changes_between(
    old: dict[str, Any], new: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, tuple[dict[str, Any], list[str]]]]:
    """(values to replace whole, per-entry tables' changed entries and removed keys)
    that turn ``old`` into ``new``. Unchanged values are mostly the very same objects,
    so identity settles most comparisons."""
    whole: dict[str, Any] = {}
    entries: dict[str, tuple[dict[str, Any], list[str]]] = {}
    missing = object()
    since = new.get("_since")
    hinted = since[1] if since is not None and since[0] is old else None
    for key, value in new.items():
        if key == "version" or key[:1] == "_":
            continue
        before = old.get(key, missing)
        if before is value:
            continue
        if key in PER_ENTRY and isinstance(before, dict) and isinstance(value, dict):
            get = before.get
            pairs: Iterable[tuple[str, Any]] = value.items()
            if hinted is not None and key in PER_FILE and len(before) == len(value):
                pairs = [(k, value[k]) for k in hinted if k in value]
            changed = {k: v for k, v in pairs if (o := get(k, missing)) is not v and o != v}
            removed = [] if before.keys() == value.keys() else list(before.keys() - value.keys())
            if changed or removed:
                entries[key] = (changed, removed)
        elif before != value:
            whole[key] = value
    return whole, entries


def encode_entry(header: bytes, place: int, payload: bytes) -> bytes:
    fields = ENTRY_MAGIC + _tag(header) + place.to_bytes(PLACE_BYTES, "big")
    fields += len(payload).to_bytes(LENGTH_BYTES, "big")
    return fields + hashlib.sha256(fields + payload).digest() + payload


def apply_journal(snapshot: dict[str, Any], journal: bytes, header: bytes) -> tuple[int, int]:
    """Apply the entries of ``journal`` meant for this base; (how many, the bytes
    they span)."""
    applied = 0
    found = _entries(journal, header)
    for end, payload in found:
        try:
            whole, entries = marshal.loads(payload)
            snapshot.update(whole)
            for key, (changed, removed) in entries.items():
                table = snapshot[key]
                table.update(changed)
                for name in removed:
                    del table[name]
        except (EOFError, ValueError, TypeError, KeyError, AttributeError) as error:
            raise SnapshotDamagedError(f"unreadable journal entry: {error}") from error
        applied = end
    return len(found), applied


def _tag(header: bytes) -> bytes:
    """A base's tag: the start of its payload's digest."""
    return header[-DIGEST_BYTES:][:TAG_BYTES]


def _entries(journal: bytes, header: bytes) -> list[tuple[int, bytes]]:
    """(end offset, payload) of each entry of ``journal`` that applies to the base of
    ``header``, in order; ``SnapshotDamagedError`` for a torn or corrupt entry."""
    found: list[tuple[int, bytes]] = []
    offset, tag = 0, _tag(header)
    while offset < len(journal):
        head = journal[offset : offset + ENTRY_HEAD_BYTES]
        if len(head) < ENTRY_HEAD_BYTES or not head.startswith(ENTRY_MAGIC):
            raise SnapshotDamagedError("torn journal entry")
        at = len(ENTRY_MAGIC)
        entry_tag = head[at : at + TAG_BYTES]
        place = int.from_bytes(head[at + TAG_BYTES : at + TAG_BYTES + PLACE_BYTES], "big")
        length = int.from_bytes(head[ENTRY_FIELDS - LENGTH_BYTES : ENTRY_FIELDS], "big")
        if entry_tag != tag or place != len(found):
            break  # written for another base, or racing another entry: the journal ends
        end = offset + ENTRY_HEAD_BYTES + length
        payload = journal[offset + ENTRY_HEAD_BYTES : end]
        if len(payload) < length:
            raise SnapshotDamagedError("torn journal entry")
        digest = hashlib.sha256(head[:ENTRY_FIELDS] + payload).digest()
        if digest != head[ENTRY_FIELDS:]:
            raise SnapshotDamagedError("journal checksum mismatch")
        found.append((end, payload))
        offset = end
    return found
