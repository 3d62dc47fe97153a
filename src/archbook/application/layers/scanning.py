"""Use case: scan a repository into modules and resolved imports, incrementally.

The last scan is kept as a snapshot (outside the target). A re-scan lists the files,
re-reads only those whose size or mtime changed, and re-resolves only those files
when the set of files and the names they import from are unchanged; otherwise it
resolves everything again from the stored statements.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import compress
from operator import ne
from typing import Any, NamedTuple

from archbook.application.collector import paused_gc
from archbook.application.layers.module_names import (
    ModuleIndex,
    TargetMemo,
    as_import,
)
from archbook.application.layers.reuse import scan_from
from archbook.application.ports.scan_snapshots import ScanSnapshots
from archbook.application.ports.source_tree import (
    FileImports,
    Listing,
    Progress,
    SourceTreeReader,
)
from archbook.domain.source import (
    Import,
    Module,
    Scan,
    ScanStats,
    SkippedFile,
    pack_statements,
    root_keys,
    unpack_statements,
)


class Scanner:
    """Scans repositories through a ``SourceTreeReader``, remembering the last scan."""

    def __init__(
        self,
        reader: SourceTreeReader,
        snapshots: ScanSnapshots | None = None,
        variant: str = "",
    ) -> None:
        """``variant`` names how ``reader`` reads (``strict``): snapshots of one variant
        are never served to another, since they skip different files."""
        self._reader = reader
        self._snapshots = snapshots
        self._variant = variant

    def scan(
        self, root: str, exclude: tuple[str, ...] = (), progress: Progress | None = None
    ) -> Scan:
        """Modules and imports of ``root``, never importing any of its code."""
        with paused_gc():
            return self._scan(root, exclude, progress)

    def _scan(self, root: str, exclude: tuple[str, ...], progress: Progress | None) -> Scan:
        key = _snapshot_key(self._variant, exclude)
        real_root = os.path.realpath(root)
        snap = self._snapshots.load(real_root, key) if self._snapshots else None
        listing = self._reader.list_files(
            root, exclude, snap.get("folders") if snap else None, self._snapshots is not None
        )
        listed = _Listed.of(listing)
        stamps, total = listing.stamps, len(listing.stamps)
        if snap and snap["stamps"] == stamps and listed.agrees(snap, with_skips=True):
            scan = scan_from(snap, listing.root, ScanStats(total, 0, total))
            if snap.get("folders") != listing.folders and self._snapshots is not None:
                self._snapshots.store(listing.root, key, {**snap, "folders": listing.folders})
            return scan
        old_stamps: dict[str, Any] = snap["stamps"] if snap else {}
        changed = _changed_paths(stamps, old_stamps)
        fresh = self._reader.read_imports(listing.root, changed, progress)
        same_paths = snap is not None and old_stamps.keys() == stamps.keys()
        files = _records(snap, stamps, same_paths, fresh)
        keys = _root_keys(files, snap if same_paths else None, changed)
        if snap is not None and same_paths and _same_structure(snap, listed, keys, files, changed):
            kept, resolved = snap, _resolve_changed(snap, listed, files, fresh, changed)
        else:
            kept, resolved = None, _resolve_all(listed, files, keys, fresh)
        snapshot = {
            "folders": listing.folders,
            "stamps": stamps,
            "packages": listed.packages,
            "listed": listed.skipped,
            "declared": listed.declared,
            "files": files,
            "keys": keys,
            **resolved.structure,
            "imports": resolved.imports,
            "skipped": resolved.skipped,
            "_index": resolved.kept_index,
        }
        if kept is not None:
            # for the store: the per-file tables differ from ``snap``'s at these paths only
            snapshot["_since"] = (kept, changed)
        stats = ScanStats(total, len(changed), total - len(changed))
        touched = list(fresh) if kept is not None else None
        scan = scan_from(
            snapshot, listing.root, stats, snap, resolved.made, touched, resolved.modules
        )
        if self._snapshots is not None:
            self._snapshots.store(listing.root, key, snapshot)
        snapshot.pop("_since", None)  # the previous snapshot may go now
        return scan


def _snapshot_key(variant: str, exclude: tuple[str, ...]) -> str:
    """What a snapshot is stored under besides the root: the reader variant, if any,
    and the excluded prefixes (a scan with other exclusions lists other files)."""
    return "\n".join((f"variant={variant}", *exclude)) if variant else "\n".join(exclude)


class _Listed(NamedTuple):
    """A listing and its parts in the form a snapshot stores them."""

    listing: Listing
    packages: list[str]
    skipped: list[tuple[str, str]]
    declared: list[str]

    @classmethod
    def of(cls, listing: Listing) -> _Listed:
        return cls(
            listing,
            sorted(listing.packages),
            [(s.path, s.reason) for s in listing.skipped],
            list(listing.declared_roots),
        )

    def agrees(self, snap: dict[str, Any], with_skips: bool = False) -> bool:
        """Whether ``snap`` has these packages and declared roots (and, ``with_skips``,
        the same files skipped by the listing)."""
        return (
            snap["packages"] == self.packages
            and snap.get("declared") == self.declared
            and (not with_skips or snap.get("listed") == self.skipped)
        )


class _Resolved(NamedTuple):
    """A scan's resolved imports and what the snapshot keeps of its module index."""

    kept_index: tuple[ModuleIndex, dict[str, Module]]  # the index, its modules by path
    structure: dict[str, Any]  # "index", "roots", "modules" as stored
    imports: dict[str, Any]  # each module path's resolved import rows
    skipped: list[tuple[str, str]]
    made: dict[str, tuple[Import, ...]]  # the imports resolved now, by module path
    modules: tuple[Module, ...]  # the index's modules, which "modules" describes


def _records(
    snap: dict[str, Any] | None,
    stamps: dict[str, Any],
    same_paths: bool,
    fresh: dict[str, FileImports],
) -> dict[str, tuple[Any, ...]]:
    """Every listed file's record: the snapshot's where the file was not read again."""
    old_files: dict[str, tuple[Any, ...]] = snap["files"] if snap else {}
    if same_paths:
        files = dict(old_files)  # C speed; the same paths in the same order
    else:
        files = {path: record for path, record in old_files.items() if path in stamps}
    files.update((path, _file_record(item)) for path, item in fresh.items())
    return files


def _same_structure(
    snap: dict[str, Any],
    listed: _Listed,
    keys: list[str],
    files: dict[str, tuple[Any, ...]],
    changed: list[str],
) -> bool:
    """Whether the snapshot's module index still holds: the same paths (the caller's
    check), packages, declared roots and imported top names, and the stored index
    names exactly the files that are readable (no changed file became or stopped
    being readable)."""
    old_files = snap["files"]
    return (
        listed.agrees(snap)
        and snap["keys"] == keys
        and all(files[path][0] is not None and old_files[path][0] is not None for path in changed)
    )


def _resolve_changed(
    snap: dict[str, Any],
    listed: _Listed,
    files: dict[str, tuple[Any, ...]],
    fresh: dict[str, FileImports],
    changed: list[str],
) -> _Resolved:
    """Resolve only the files read again, with the snapshot's module index."""
    index, by_path = _kept_index(snap)
    imports = dict(snap["imports"])
    work = [by_path[path] for path in fresh if path in by_path]
    made, rows = _resolve(index, work, fresh, files)
    imports.update(rows)
    skipped = snap["skipped"]
    old_files = snap["files"]
    reasons = (old_files[path][1] != files[path][1] for path in changed)
    if snap.get("listed") != listed.skipped or any(reasons):
        skipped = _skipped_rows(listed.listing.skipped, index.skipped, files)
    structure = {k: snap[k] for k in ("index", "roots", "modules")}
    modules = tuple(index.modules)
    return _Resolved((index, by_path), structure, imports, skipped, made, modules)


def _resolve_all(
    listed: _Listed,
    files: dict[str, tuple[Any, ...]],
    keys: list[str],
    fresh: dict[str, FileImports],
) -> _Resolved:
    """Name every readable file anew and resolve all of their imports."""
    listing = listed.listing
    readable = [path for path in sorted(files) if files[path][0] is not None]
    index = ModuleIndex.build(
        listing.root, readable, listing.packages, keys, listing.declared_roots
    )
    made, imports = _resolve(index, index.modules, fresh, files)
    parts = index.to_parts()
    # "modules" is the very list of rows the index parts hold: stored once, by reference
    structure = {"index": parts, "roots": list(index.source_roots), "modules": parts[2]}
    skipped = _skipped_rows(listing.skipped, index.skipped, files)
    modules = tuple(index.modules)
    by_path = {m.path: m for m in modules}
    return _Resolved((index, by_path), structure, imports, skipped, made, modules)


def _resolve(
    index: ModuleIndex,
    modules: Iterable[Module],
    fresh: dict[str, FileImports],
    files: dict[str, tuple[Any, ...]],
) -> tuple[dict[str, tuple[Import, ...]], dict[str, tuple[tuple[Any, ...], ...]]]:
    """The imports of ``modules``, from the statements just read or else from their
    stored rows: (each module path's imports, the same as plain rows to store)."""
    made: dict[str, tuple[Import, ...]] = {}
    stored: dict[str, tuple[tuple[Any, ...], ...]] = {}
    memo: TargetMemo = {}
    for module in modules:
        read = fresh.get(module.path)
        statements = read.statements if read is not None else None
        if statements is None:
            statements = unpack_statements(files[module.path][0])
        resolved = stored[module.path] = tuple(index.resolve_rows(module, statements, memo))
        made[module.path] = tuple(map(as_import, resolved))
    return made, stored


def _changed_paths(stamps: dict[str, Any], old_stamps: dict[str, Any]) -> list[str]:
    """The paths whose stamp differs from the snapshot's, in listing order. When both
    list the same paths in the same order (any re-scan adding or removing no file)
    the stamps are compared pairwise at C speed; otherwise one lookup per path."""
    if len(stamps) == len(old_stamps) and list(stamps) == list(old_stamps):
        return list(compress(stamps, map(ne, stamps.values(), old_stamps.values())))
    return [path for path, stamp in stamps.items() if old_stamps.get(path) != stamp]


def _kept_index(snap: dict[str, Any]) -> tuple[ModuleIndex, dict[str, Module]]:
    """The module index of a snapshot, and its modules by path; built once per
    snapshot in this process (kept under ``_index``, never written)."""
    kept = snap.get("_index")
    if kept is None:
        index = ModuleIndex.from_parts(snap["index"])
        kept = snap["_index"] = (index, {m.path: m for m in index.modules})
    return kept


def _root_keys(
    files: dict[str, tuple[Any, ...]], previous: dict[str, Any] | None, changed: list[str]
) -> list[str]:
    """The sorted top-level names every file imports from. Unchanged from ``previous``
    (a snapshot of the same paths) when no changed file imports from other names."""
    if previous is not None:
        old_files = previous["files"]
        if all(path in old_files and old_files[path][2] == files[path][2] for path in changed):
            keys: list[str] = previous["keys"]
            return keys
    counted: set[str] = set()
    for record in files.values():
        counted.update(record[2])
    return sorted(counted)


def _skipped_rows(
    listed: Iterable[SkippedFile], unnamed: Iterable[SkippedFile], files: dict[str, Any]
) -> list[tuple[str, str]]:
    """(path, reason) of every skipped file, sorted by path: skipped by the listing,
    left unnamed by the index, or unreadable."""
    skipped = [*listed, *unnamed]
    skipped += [SkippedFile(path, r[1]) for path, r in files.items() if r[1] is not None]
    skipped.sort(key=lambda s: s.path)
    return [(s.path, s.reason) for s in skipped]


def _file_record(item: FileImports) -> tuple[Any, ...]:
    """(packed statements or None, skip reason or None, root keys).

    Statements stay packed until a file must be resolved again, so loading and storing
    a snapshot copies them instead of rebuilding every tuple; a reader that packed
    them and found their root keys already (in its worker processes) saves that here.
    """
    if item.statements is None:
        return (None, item.reason, ())
    packed = item.packed if item.packed is not None else pack_statements(item.statements)
    keys = item.keys if item.keys is not None else tuple(sorted(root_keys(item.statements)))
    return (packed, item.reason, keys)
