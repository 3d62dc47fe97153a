"""Use case: scan a repository into modules and resolved imports, incrementally.

The last scan is kept as a snapshot (outside the target). A re-scan lists the files,
re-reads only those whose size or mtime changed, and re-resolves only those files
when the set of files and the names they import from are unchanged; otherwise it
resolves everything again from the stored statements.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterable
from itertools import chain, compress
from operator import ne
from typing import Any, NamedTuple

from archbook.application.collector import paused_gc
from archbook.application.layers.module_names import ModuleIndex, root_keys
from archbook.application.layers.reuse import note_derived
from archbook.application.ports.scan_snapshots import ScanSnapshots
from archbook.application.ports.source_tree import FileImports, Progress, SourceTreeReader
from archbook.domain.source import Import, ImportStatement, Module, Scan, ScanStats, SkippedFile


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
        key = (
            "\n".join((f"variant={self._variant}", *exclude))
            if self._variant
            else "\n".join(exclude)
        )
        real_root = os.path.realpath(root)
        snap = self._snapshots.load(real_root, key) if self._snapshots else None
        listing = self._reader.list_files(root, exclude, snap.get("folders") if snap else None)
        packages = sorted(listing.packages)
        listed = [(s.path, s.reason) for s in listing.skipped]
        total = len(listing.stamps)
        if (
            snap
            and snap["stamps"] == listing.stamps
            and snap["packages"] == packages
            and snap.get("listed") == listed
            and snap.get("declared") == list(listing.declared_roots)
        ):
            scan = _scan_from(snap, listing.root, ScanStats(total, 0, total))
            if snap.get("folders") != listing.folders and self._snapshots is not None:
                self._snapshots.store(listing.root, key, {**snap, "folders": listing.folders})
            return scan
        old_stamps: dict[str, Any] = snap["stamps"] if snap else {}
        old_files: dict[str, tuple[Any, ...]] = snap["files"] if snap else {}
        stamps = listing.stamps
        changed = _changed_paths(stamps, old_stamps)
        fresh = self._reader.read_imports(listing.root, changed, progress)
        same_paths = snap is not None and old_stamps.keys() == stamps.keys()
        if same_paths:
            files = dict(old_files)  # C speed; the same paths in the same order
        else:
            files = {path: record for path, record in old_files.items() if path in stamps}
        files.update((path, _file_record(item)) for path, item in fresh.items())
        keys = _root_keys(files, snap if same_paths else None, changed)
        same_structure = bool(
            same_paths
            and snap is not None
            and snap["packages"] == packages
            and snap["keys"] == keys
            and snap.get("declared") == list(listing.declared_roots)
            # the stored index names exactly the files that were readable
            and all(
                files[path][0] is not None and old_files[path][0] is not None for path in changed
            )
        )
        made: dict[str, tuple[Import, ...]] = {}
        if same_structure and snap is not None:
            index, by_path = _kept_index(snap)
            imports = dict(snap["imports"])
            todo = [by_path[path] for path in fresh if path in by_path]
        else:
            readable = [path for path in sorted(files) if files[path][0] is not None]
            index = ModuleIndex.build(
                listing.root, readable, listing.packages, keys, listing.declared_roots
            )
            by_path = {m.path: m for m in index.modules}
            imports = {}
            todo = index.modules
        for module in todo:
            if module.path in imports and module.path not in fresh:
                continue
            read = fresh.get(module.path)
            statements = read.statements if read is not None else None
            if statements is None:
                rows = marshal.loads(files[module.path][0])
                statements = tuple(ImportStatement(*row) for row in rows)
            resolved = tuple(index.resolve(module, statements))
            made[module.path] = resolved
            imports[module.path] = tuple(map(tuple, resolved))
        if same_structure and snap is not None:
            structure = {k: snap[k] for k in ("index", "roots", "modules")}
            skipped_rows = snap["skipped"]
            reasons = (old_files[path][1] != files[path][1] for path in changed)
            if snap.get("listed") != listed or any(reasons):
                skipped_rows = _skipped_rows(listing.skipped, index.skipped, files)
        else:
            structure = {
                "index": index.to_parts(),
                "roots": list(index.source_roots),
                "modules": [(m.name, m.path, m.is_package, m.script) for m in index.modules],
            }
            imports = {m.path: imports[m.path] for m in index.modules}
            skipped_rows = _skipped_rows(listing.skipped, index.skipped, files)
        snapshot = {
            "folders": listing.folders,
            "stamps": stamps,
            "packages": packages,
            "listed": listed,
            "declared": list(listing.declared_roots),
            "files": files,
            "keys": keys,
            **structure,
            "imports": imports,
            "skipped": skipped_rows,
            "_index": (index, by_path),
        }
        if same_structure:
            # for the store: the per-file tables differ from ``snap``'s at these paths only
            snapshot["_since"] = (snap, changed)
        stats = ScanStats(total, len(changed), total - len(changed))
        touched = list(fresh) if same_structure else None
        scan = _scan_from(snapshot, listing.root, stats, snap, made, touched)
        if self._snapshots is not None:
            self._snapshots.store(listing.root, key, snapshot)
        snapshot.pop("_since", None)  # the previous snapshot may go now
        return scan


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
    """(marshalled statement rows or None, skip reason or None, root keys).

    Statements stay marshalled bytes until a file must be resolved again, so loading
    and storing a snapshot copies them instead of rebuilding every tuple.
    """
    if item.statements is None:
        return (None, item.reason, ())
    rows = marshal.dumps(tuple(tuple(statement) for statement in item.statements))
    return (rows, item.reason, tuple(sorted(root_keys(item.statements))))


def _scan_from(
    snapshot: dict[str, Any],
    root: str,
    stats: ScanStats,
    previous: dict[str, Any] | None = None,
    made: dict[str, tuple[Import, ...]] | None = None,
    touched: list[str] | None = None,
) -> Scan:
    """The scan a snapshot describes.

    The modules and imports built from it are kept in the snapshot under ``_built``
    (never written to disk), so a process that scans the same repository again — a
    notebook re-running its cell — reuses them: after an edit, a module whose resolved
    imports are unchanged since ``previous`` keeps its very import objects, one just
    resolved takes those ``made`` for it, and only the rest are built from their rows.
    ``touched`` names the only paths whose rows may differ from ``previous``'s, when
    the scanner knows them.
    """
    built = snapshot.get("_built")
    if built is None:
        built = _build(snapshot, previous, made or {}, touched)
        snapshot["_built"] = built
    return Scan(
        root=root,
        source_roots=tuple(snapshot["roots"]),
        modules=built.modules,
        imports=built.imports,
        skipped=tuple(SkippedFile(*row) for row in snapshot["skipped"]),
        stats=stats,
    )


class _Built(NamedTuple):
    """What a snapshot's rows were built into, kept in memory under ``_built``."""

    modules: tuple[Module, ...]
    imports: tuple[Import, ...]
    per_path: dict[str, tuple[Import, ...]]  # each module path's imports
    names: dict[str, str]  # each module path's dotted name


def _build(
    snapshot: dict[str, Any],
    previous: dict[str, Any] | None,
    made: dict[str, tuple[Import, ...]],
    touched: list[str] | None,
) -> _Built:
    """The modules and imports of a snapshot, reusing ``previous``'s objects where the
    rows are unchanged; tells ``reuse`` which modules' imports changed."""
    make = Import._make
    rows: dict[str, Any] = snapshot["imports"]
    old: _Built | None = previous.get("_built") if previous else None
    if old is None or previous is None or previous["modules"] != snapshot["modules"]:
        modules = tuple(Module(*row) for row in snapshot["modules"])
        per_path = {m.path: made.get(m.path) or tuple(map(make, rows[m.path])) for m in modules}
        names = {m.path: m.name for m in modules}
        imports = tuple(chain.from_iterable(per_path[m.path] for m in modules))
        return _Built(modules, imports, per_path, names)
    old_rows: dict[str, Any] = previous["imports"]
    per_path = dict(old.per_path)
    changed: dict[str, tuple[Import, ...]] = {}
    for path in rows if touched is None else touched:
        new_rows = rows[path]
        if old_rows.get(path) == new_rows:
            continue
        per_path[path] = changed[old.names[path]] = made.get(path) or tuple(map(make, new_rows))
    if not changed:
        return _Built(old.modules, old.imports, per_path, old.names)
    imports = tuple(chain.from_iterable(map(per_path.__getitem__, old.names)))
    note_derived(old.imports, imports, changed)
    return _Built(old.modules, imports, per_path, old.names)
