"""What one analysis leaves for the next analysis of the same process.

A notebook (or any long-lived caller) re-analyses a repository after each edit; a
re-scan served from its snapshot hands back the very module and import tuples of
the last scan, with new tuples only for the files that changed, and notes which
modules those are (``note_derived``), so classification, grouping and the checks
redo only what depends on them without a pass over every import. For scans it did
not derive, comparing object identities tells the same in a few passes over the
imports. Identity is never a false "same": the tuples are immutable, so an
unchanged object has unchanged content.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple

from archbook.application.layers.module_names import as_import
from archbook.domain.layers import Classification, LayerRules
from archbook.domain.source import Import, Module, Scan, ScanStats, SkippedFile

if TYPE_CHECKING:
    from archbook.application.layers.analysis import Analysis

ByName = tuple[tuple[Module, ...], LayerRules, dict[str, Classification]]


# One analysis only, so a large repository's results are not kept twice; and the
# layers its modules take from their names alone.
_kept: list[Analysis] = []
_by_name: list[ByName] = []


class Derivation(NamedTuple):
    """A scan's imports built from the last scan's: the modules whose imports changed
    (each with its new imports); every other module kept its very import objects."""

    old: tuple[Import, ...]
    new: tuple[Import, ...]
    changed: dict[str, tuple[Import, ...]]


_derived: list[Derivation] = []


def note_derived(
    old: tuple[Import, ...], new: tuple[Import, ...], changed: dict[str, tuple[Import, ...]]
) -> None:
    """Remember that the scanner built ``new`` from ``old`` changing only ``changed``."""
    _derived[:] = [Derivation(old, new, changed)]


def last_kept() -> Analysis | None:
    """The last analysis of this process, if any."""
    return _kept[0] if _kept else None


def keep(analysis: Analysis) -> None:
    _kept[:] = [analysis]


def by_name_kept() -> ByName | None:
    """(modules, rules, each module's layer from its name alone) of the last analysis."""
    return _by_name[0] if _by_name else None


def keep_by_name(kept: ByName) -> None:
    _by_name[:] = [kept]


def same_scan(old: Scan, new: Scan) -> bool:
    """Whether ``new`` holds the very modules and imports of ``old``."""
    return (
        old.modules is new.modules
        and old.imports is new.imports
        and old.root == new.root
        and old.source_roots == new.source_roots
        and old.skipped == new.skipped
    )


def derived_changes(
    old: tuple[Import, ...], new: tuple[Import, ...]
) -> dict[str, tuple[Import, ...]] | None:
    """The modules whose imports changed when the scanner built ``new`` from ``old``
    (each with its new imports), or None when it did not (or not last)."""
    derived = _derived[0] if _derived else None
    if derived is not None and derived.old is old and derived.new is new:
        return derived.changed
    return None


def changed_imports(old: Scan, new: Scan) -> dict[str, tuple[Import, ...]] | None:
    """The modules whose imports differ between two scans of the same modules, each
    with its imports in ``new`` (in scan order), or None when the scans name other
    modules (or roots) or order the rest otherwise."""
    if old.modules is not new.modules or old.root != new.root:
        return None
    if old.source_roots != new.source_roots:
        return None
    derived = derived_changes(old.imports, new.imports)
    if derived is not None:
        return derived
    changed = _changed_importers(old, new)
    if changed is None:
        return None
    found: dict[str, list[Import]] = {name: [] for name in changed}
    for item in new.imports:
        bucket = found.get(item.importer)
        if bucket is not None:
            bucket.append(item)
    return {name: tuple(items) for name, items in found.items()}


def scan_from(
    snapshot: dict[str, Any],
    root: str,
    stats: ScanStats,
    previous: dict[str, Any] | None = None,
    made: dict[str, tuple[Import, ...]] | None = None,
    touched: list[str] | None = None,
    modules: tuple[Module, ...] | None = None,
) -> Scan:
    """The scan a snapshot describes.

    The modules and imports built from it are kept in the snapshot under ``_built``
    (never written to disk), so a process that scans the same repository again — a
    notebook re-running its cell — reuses them: after an edit, a module whose resolved
    imports are unchanged since ``previous`` keeps its very import objects, one just
    resolved takes those ``made`` for it, and only the rest are built from their rows.
    ``touched`` names the only paths whose rows may differ from ``previous``'s, when
    the scanner knows them; ``modules``, the modules the rows describe, when it
    holds them already.
    """
    built = snapshot.get("_built")
    if built is None:
        built = _build(snapshot, previous, made or {}, touched, modules)
        snapshot["_built"] = built
    return Scan(
        root=root,
        source_roots=tuple(snapshot["roots"]),
        modules=built.modules,
        imports=built.imports,
        skipped=tuple(SkippedFile(*row) for row in snapshot["skipped"]),
        stats=stats,
    )


def _changed_importers(old: Scan, new: Scan) -> set[str] | None:
    """The importers whose import objects differ, compared by identity; None when the
    rest are not the very same objects in the same order."""
    old_ids = set(map(id, old.imports))
    new_ids = set(map(id, new.imports))
    changed = {item.importer for item in new.imports if id(item) not in old_ids}
    changed.update(item.importer for item in old.imports if id(item) not in new_ids)
    kept_old = [id(item) for item in old.imports if item.importer not in changed]
    kept_new = [id(item) for item in new.imports if item.importer not in changed]
    return changed if kept_old == kept_new else None


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
    known: tuple[Module, ...] | None,
) -> _Built:
    """The modules and imports of a snapshot, reusing ``previous``'s objects where the
    rows are unchanged; tells ``reuse`` which modules' imports changed."""
    make = as_import
    rows: dict[str, Any] = snapshot["imports"]
    old: _Built | None = previous.get("_built") if previous else None
    if old is None or previous is None or previous["modules"] != snapshot["modules"]:
        modules = known or tuple(Module(*row) for row in snapshot["modules"])
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
