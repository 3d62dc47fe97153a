"""The layer of every module of a scan: names first, then what the modules import.

Path names decide most layers (``domain.layers.classify``). Some names need the
rest of the scan: a file named like a composition root must also wire, ``models``
importing an ORM are tables, a ``migrations`` module is a schema migration only
when it imports a migration tool, ``app`` beside ``domain`` is the application
layer, and a plumbing folder (``core``, ``config``) takes its layer from whether it
holds the composition root (``domain.folder_layers``).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import replace
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from archbook.application.layers.reuse import by_name_kept, derived_changes, keep_by_name
from archbook.domain.folder_layers import (
    application_spelling,
    folder_verdict,
    leaf_is_contextual,
    migration_reason,
    plumbing_groups,
    plumbing_verdicts,
)
from archbook.domain.layer_tokens import APP_CLASSES, DI_FRAMEWORKS
from archbook.domain.layers import (
    APPLICATION,
    COMPOSITION,
    DEFAULT_ORDER,
    DOMAIN,
    INFRASTRUCTURE,
    TESTS,
    UNCLASSIFIED,
    Classification,
    FolderMemo,
    LayerRules,
    bare_models,
    classify,
    composition_reason,
    content_layer,
    orm_models_reason,
)
from archbook.domain.source import Import, Module, Scan


def module_roles(scan: Scan, rules: LayerRules, layers: dict[str, str]) -> dict[str, str]:
    """Module → the part it plays in archbook's own terms (``application``, ``ports``…).

    ``layers`` are the modules' layers under ``rules``. Where they are a team contract's
    own names (``core``, ``inbound``, ``outbound``), what the code facts and the planner
    ask — is this a use case, a port, an adapter? — is answered by archbook's default
    classification of the same module, path and imports alike; every other module
    keeps its layer. Without such names the roles are the layers.
    """
    own = {TESTS, UNCLASSIFIED, *DEFAULT_ORDER}
    if all(layer in own for layer in layers.values()):
        return layers
    defaults = replace(rules, module_layers=(), contract_allowed={}, contracts=())
    by_name = _layers_by_name(scan, defaults)
    kept = list(_memo)  # the contract's classification stays the one remembered
    try:
        default_layers = _classify_all(scan, defaults, by_name)
    finally:
        _memo[:] = kept
    return {
        name: layer if layer in own else default_layers[name].layer
        for name, layer in layers.items()
    }


def classify_scan(scan: Scan, rules: LayerRules) -> dict[str, Classification]:
    """The layer of every module: by path, then composition modules by what they import.

    A file named like a composition root (``application.py``, ``providers.py``) that
    wires (imports a DI framework, an app class, or two of the layers it joins) is a
    composition module whatever folder holds it; every other file keeps its folder's
    layer. Explicit module prefixes from a repository's own config are never overridden.

    After a re-scan that changed a few modules' imports (see ``reuse``), only those
    modules are classified again, with the plumbing folders whose verdict they change.
    """
    if not rules.use_path_tokens:
        return {m.name: classify(m.name, rules, m.is_package) for m in scan.modules}
    memo = _memo[0] if _memo else None
    if memo is not None and memo.modules is scan.modules and memo.rules == rules:
        if memo.imports is scan.imports:
            return dict(memo.final)
        changed = derived_changes(memo.imports, scan.imports)
        if changed is not None:
            return _reclassify(memo, scan, changed)
    result = _layers_by_name(scan, rules)
    if COMPOSITION not in rules.order:
        return result
    return _classify_all(scan, rules, result)


class _Inputs(NamedTuple):
    """What each module imports, as its classification reads it (modules importing
    nothing are absent)."""

    externals: dict[str, set[str]]  # top-level names of the libraries it imports
    texts: dict[str, list[str]]  # the text of each of those import statements
    targets: dict[str, set[str]]  # the layers (by name) of the modules it imports
    internals: dict[str, set[str]]  # the modules it imports


class _Memo(NamedTuple):
    """One classification, kept for the next scan of the same modules under equal
    rules: each stage, so a few modules' new imports are classified alone."""

    modules: tuple[Module, ...]
    rules: LayerRules
    imports: tuple[Import, ...]
    by_name: dict[str, Classification]
    groups: dict[str, list[str]]  # plumbing folders → their modules
    folder_of: dict[str, str]  # each module of a plumbing folder → the folder
    candidates: list[str]  # bare ``models`` modules, which their imports may move
    model_imports: dict[str, set[str]]  # the modules each candidate imports
    staged: dict[str, Classification]  # after each module's own imports
    roots: frozenset[str]
    verdicts: dict[str, tuple[str, str]]
    placed: dict[str, Classification]  # after the plumbing folders' verdicts
    final: dict[str, Classification]


_memo: list[_Memo] = []
_EMPTY: frozenset[str] = frozenset()
_IMPORTER = attrgetter("importer")


def _classify_all(
    scan: Scan, rules: LayerRules, by_name: dict[str, Classification]
) -> dict[str, Classification]:
    inputs = _Inputs({}, {}, {}, {})
    _read_imports(scan.imports, by_name, inputs)
    internals = inputs.internals
    staged = {name: _staged(name, current, inputs) for name, current in by_name.items()}
    roots = frozenset(
        name for name, current in staged.items() if _holds_root(name, current, inputs)
    )
    groups = plumbing_groups(((m.name, m.is_package) for m in scan.modules), rules.tokens)
    folder_of = {name: folder for folder, names in groups.items() for name in names}
    verdicts = plumbing_verdicts(groups, roots)
    placed = dict(staged)
    for name, verdict in verdicts.items():
        placed[name] = _placed(name, staged[name], verdict, roots)
    # only the domain can move to infrastructure, and no stage after the names puts a
    # module in the domain: the others need no closer look
    candidates = [
        m.name for m in scan.modules if by_name[m.name].layer == DOMAIN and bare_models(m.name)
    ]
    model_imports = {name: internals[name] for name in candidates if name in internals}
    final = _models_on_infrastructure(placed, candidates, model_imports)
    memo = _Memo(
        scan.modules, rules, scan.imports, by_name, groups, folder_of, candidates,
        model_imports, staged, roots, verdicts, placed, final,
    )  # fmt: skip
    _memo[:] = [memo]
    return dict(final)


def _reclassify(
    memo: _Memo, scan: Scan, changed: dict[str, tuple[Import, ...]]
) -> dict[str, Classification]:
    """``_classify_all`` for a scan whose ``changed`` modules alone import otherwise.

    Only their own imports are read: every other module's stages are kept, and only
    the ``models`` candidates' imports are kept besides."""
    by_name = memo.by_name
    inputs = _Inputs({}, {}, {}, {})
    model_imports = dict(memo.model_imports)
    staged = dict(memo.staged)
    roots = set(memo.roots)
    for name, items in changed.items():
        _read_imports(items, by_name, inputs)
        if bare_models(name):
            model_imports.pop(name, None)
            if name in inputs.internals:
                model_imports[name] = inputs.internals[name]
        staged[name] = _staged(name, by_name[name], inputs)
        if _holds_root(name, staged[name], inputs):
            roots.add(name)
        else:
            roots.discard(name)
    placed = dict(memo.placed)
    verdicts = memo.verdicts
    redo: set[str] = set(changed)
    if roots != memo.roots:
        verdicts = dict(verdicts)
        for folder in {memo.folder_of[n] for n in roots ^ memo.roots if n in memo.folder_of}:
            names = memo.groups[folder]
            verdict = folder_verdict(folder, names, roots)
            verdicts.update((name, verdict) for name in names)
            redo.update(names)
    for name in redo:
        held = verdicts.get(name)
        current = staged[name]
        placed[name] = current if held is None else _placed(name, current, held, roots)
    final = _models_on_infrastructure(placed, memo.candidates, model_imports)
    _memo[:] = [
        memo._replace(
            imports=scan.imports,
            model_imports=model_imports,
            staged=staged,
            roots=frozenset(roots),
            verdicts=verdicts,
            placed=placed,
            final=final,
        )  # fmt: skip
    ]
    return dict(final)


def _read_imports(
    items: Iterable[Import], by_name: dict[str, Classification], inputs: _Inputs
) -> None:
    """Put what each importer of ``items`` imports into ``inputs`` (a module's entries
    are complete once all of its imports were read). The scanner lists a module's
    imports together, so its entries are looked up once per run of them."""
    externals, texts, targets, internals = inputs
    for importer, run in groupby(items, _IMPORTER):
        libraries: tuple[set[str], list[str]] | None = None  # (names, import texts)
        layers: tuple[set[str], set[str]] | None = None  # (layers, modules)
        for item in run:
            if item.external:
                if libraries is None:
                    libraries = (
                        externals.setdefault(importer, set()),
                        texts.setdefault(importer, []),
                    )
                libraries[0].add(item.imported)
                libraries[1].append(item.text)
                continue
            found = by_name.get(item.imported)
            if found is not None:
                if layers is None:
                    layers = (
                        targets.setdefault(importer, set()),
                        internals.setdefault(importer, set()),
                    )
                layers[0].add(found.layer)
                layers[1].add(item.imported)


def _staged(name: str, current: Classification, inputs: _Inputs) -> Classification:
    """A module's layer from its name and its own imports: migrations, ORM tables,
    composition modules, layers guessed from libraries."""
    if current.layer in (COMPOSITION, TESTS) or current.reason.startswith("configured"):
        return current
    externals = inputs.externals.get(name, _EMPTY)
    migration = migration_reason(name, externals)
    if migration is not None:
        return Classification(INFRASTRUCTURE, migration)
    if current.layer == DOMAIN:
        orm = orm_models_reason(name, externals)
        if orm is not None:
            current = Classification(INFRASTRUCTURE, orm)
    texts = inputs.texts.get(name, ())
    reason = composition_reason(
        name, externals, texts, inputs.targets.get(name, _EMPTY), current.layer
    )
    if reason is not None:
        return Classification(COMPOSITION, reason)
    if current.layer == UNCLASSIFIED:
        by_content = content_layer(externals, texts)
        if by_content is not None:
            return by_content
    return current


def _holds_root(name: str, current: Classification, inputs: _Inputs) -> bool:
    """Whether a module holds a composition root: a composition module by its name,
    or one importing a DI framework or an application class."""
    if current.layer == COMPOSITION and not current.tentative:
        return True
    libraries = inputs.externals.get(name)
    if not libraries:  # most modules: no library imported, so no import text either
        return False
    if DI_FRAMEWORKS.intersection(libraries):
        return True
    texts = inputs.texts.get(name, ())
    return any(APP_CLASSES.intersection(t.replace(",", " ").split()) for t in texts)


def _layers_by_name(scan: Scan, rules: LayerRules) -> dict[str, Classification]:
    """Each module's layer from the names of the scan alone; kept for the next scan of
    the very same modules under equal rules (a re-scan after an edit adding no file)."""
    kept = by_name_kept()
    if kept is not None and kept[0] is scan.modules and kept[1] == rules:
        return dict(kept[2])
    spelled = application_spelling(m.name for m in scan.modules)
    folders: FolderMemo = {}
    result = {m.name: _by_name(m.name, m.is_package, rules, spelled, folders) for m in scan.modules}
    keep_by_name((scan.modules, rules, dict(result)))
    return result


def _by_name(
    name: str,
    is_package: bool,
    rules: LayerRules,
    spelled: dict[str, tuple[str, str]],
    folders: FolderMemo,
) -> Classification:
    """``classify``, reading an ``app`` folder beside ``domain`` as ``application``."""
    if name not in spelled:
        return classify(name, rules, is_package, folders)
    spelling, folder = spelled[name]
    found = classify(spelling, rules, is_package, folders)
    if found.layer == APPLICATION and found.reason == f"'{APPLICATION}' in path":
        return Classification(APPLICATION, f"'{folder}' beside a domain folder")
    return found


def _placed(
    name: str, current: Classification, verdict: tuple[str, str], roots: Set[str]
) -> Classification:
    """A module of a ``core``/``config``/``settings`` folder that no name classifies
    (or only a contextual file name such as ``events.py``) takes the folder's verdict:
    composition when it holds the composition root, else infrastructure. Drawn in
    that layer, never accused: the folder's name does not say it."""
    layer, reason = verdict
    if current.layer in (layer, TESTS) or current.reason.startswith("configured"):
        return current
    held = name in roots and leaf_is_contextual(name)
    if current.layer == UNCLASSIFIED or current.tentative or held:
        return Classification(layer, reason, tentative=True)
    return current


def _models_on_infrastructure(
    placed: dict[str, Classification], candidates: list[str], internals: dict[str, set[str]]
) -> dict[str, Classification]:
    """A bare ``models`` module or package whose internal imports all land in
    infrastructure (an ``__init__`` re-exporting ORM tables, an association table
    built from two of them) is persistence too. Repeated until nothing changes,
    since one such module may import another; a module only ever moves to
    infrastructure, so the order they are visited in does not change the outcome."""
    result = dict(placed)
    changed = True
    while changed:
        changed = False
        for name in candidates:
            current, imported = result[name], internals.get(name)
            if current.layer != DOMAIN or not imported:
                continue
            if current.reason.startswith("configured"):
                continue
            if all(
                result[other].layer == INFRASTRUCTURE and not result[other].tentative
                for other in imported
            ):
                reason = "ORM tables (its models import only infrastructure)"
                result[name] = Classification(INFRASTRUCTURE, reason)
                changed = True
    return result
