"""Use case: scan a repository into modules and resolved imports, incrementally.

The last scan is kept as a snapshot (outside the target). A re-scan lists the files,
re-reads only those whose size or mtime changed, and re-resolves only those files
when the set of files and the names they import from are unchanged; otherwise it
resolves everything again from the stored statements.
"""

from __future__ import annotations

import marshal
import os
from collections import Counter
from typing import Any

from archbook.application.collector import paused_gc
from archbook.application.layers.module_names import ModuleIndex, root_keys
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
        changed = [path for path, stamp in listing.stamps.items() if old_stamps.get(path) != stamp]
        fresh = self._reader.read_imports(listing.root, changed, progress)
        files: dict[str, tuple[Any, ...]] = {
            path: record for path, record in old_files.items() if path in listing.stamps
        }
        files.update((path, _file_record(item)) for path, item in fresh.items())
        keys: Counter[str] = Counter()
        for record in files.values():
            keys.update(record[2])
        same_structure = bool(
            snap
            and set(old_stamps) == set(listing.stamps)
            and snap["packages"] == packages
            and snap["keys"] == sorted(keys)
            and snap.get("declared") == list(listing.declared_roots)
            # the stored index names exactly the files that were readable
            and all(
                files[path][0] is not None and old_files[path][0] is not None for path in changed
            )
        )
        if same_structure and snap is not None:
            index = ModuleIndex.from_parts(snap["index"])
            imports = dict(snap["imports"])
        else:
            readable = [path for path in sorted(files) if files[path][0] is not None]
            index = ModuleIndex.build(
                listing.root, readable, listing.packages, keys, listing.declared_roots
            )
            imports = {}
        made: dict[str, tuple[Import, ...]] = {}
        for module in index.modules:
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
        skipped = [*listing.skipped, *index.skipped]
        skipped += [SkippedFile(path, r[1]) for path, r in files.items() if r[1] is not None]
        skipped.sort(key=lambda s: s.path)
        snapshot = {
            "folders": listing.folders,
            "stamps": listing.stamps,
            "packages": packages,
            "listed": listed,
            "declared": list(listing.declared_roots),
            "files": files,
            "keys": sorted(keys),
            "index": index.to_parts(),
            "roots": list(index.source_roots),
            "modules": [(m.name, m.path, m.is_package, m.script) for m in index.modules],
            "imports": {m.path: imports[m.path] for m in index.modules},
            "skipped": [(s.path, s.reason) for s in skipped],
        }
        stats = ScanStats(total, len(changed), total - len(changed))
        scan = _scan_from(snapshot, listing.root, stats, snap, made)
        if self._snapshots is not None:
            self._snapshots.store(listing.root, key, snapshot)
        return scan


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
) -> Scan:
    """The scan a snapshot describes.

    The modules and imports built from it are kept in the snapshot under ``_built``
    (never written to disk), so a process that scans the same repository again — a
    notebook re-running its cell — reuses them: after an edit, a module whose resolved
    imports are unchanged since ``previous`` keeps its very import objects, one just
    resolved takes those ``made`` for it, and only the rest are built from their rows.
    """
    built = snapshot.get("_built")
    if built is None:
        built = _build(snapshot, previous, made or {})
        snapshot["_built"] = built
    return Scan(
        root=root,
        source_roots=tuple(snapshot["roots"]),
        modules=built[0],
        imports=built[1],
        skipped=tuple(SkippedFile(*row) for row in snapshot["skipped"]),
        stats=stats,
    )


def _build(
    snapshot: dict[str, Any], previous: dict[str, Any] | None, made: dict[str, tuple[Import, ...]]
) -> tuple[Any, ...]:
    """(modules, imports, each module path's imports) of a snapshot."""
    make = Import._make
    rows: dict[str, Any] = snapshot["imports"]
    old = previous.get("_built") if previous else None
    old_rows: dict[str, Any] = {}
    old_imports: dict[str, tuple[Import, ...]] = {}
    if old is not None and previous is not None and previous["modules"] == snapshot["modules"]:
        modules, _, old_imports = old
        old_rows = previous["imports"]
    else:
        modules = tuple(Module(*row) for row in snapshot["modules"])
    per_path: dict[str, tuple[Import, ...]] = {}
    for path in (m.path for m in modules):
        if path in old_imports and old_rows.get(path) == rows[path]:
            per_path[path] = old_imports[path]
        elif path in made:
            per_path[path] = made[path]
        else:
            per_path[path] = tuple(map(make, rows[path]))
    imports = tuple(item for m in modules for item in per_path[m.path])
    return modules, imports, per_path
