"""The layer of every module of a scan: names first, then what the modules import.

Path names decide most layers (``domain.layers.classify``). Some names need the
rest of the scan: a file named like a composition root must also wire, ``models``
importing an ORM are tables, a ``migrations`` module is a schema migration only
when it imports a migration tool, ``app`` beside ``domain`` is the application
layer, and a plumbing folder (``core``, ``config``) takes its layer from whether it
holds the composition root (``domain.folder_layers``).
"""

from __future__ import annotations

from collections import defaultdict

from archbook.application.layers.reuse import by_name_kept, keep_by_name
from archbook.domain.folder_layers import (
    application_spelling,
    leaf_is_contextual,
    migration_reason,
    plumbing_folders,
)
from archbook.domain.layer_tokens import APP_CLASSES, DI_FRAMEWORKS
from archbook.domain.layers import (
    APPLICATION,
    COMPOSITION,
    DOMAIN,
    INFRASTRUCTURE,
    TESTS,
    UNCLASSIFIED,
    Classification,
    LayerRules,
    bare_models,
    classify,
    composition_reason,
    content_layer,
    orm_models_reason,
)
from archbook.domain.source import Scan


def classify_scan(scan: Scan, rules: LayerRules) -> dict[str, Classification]:
    """The layer of every module: by path, then composition modules by what they import.

    A file named like a composition root (``application.py``, ``providers.py``) that
    wires (imports a DI framework, an app class, or two of the layers it joins) is a
    composition module whatever folder holds it; every other file keeps its folder's
    layer. Explicit module prefixes from a repository's own config are never overridden.
    """
    if not rules.use_path_tokens:
        return {m.name: classify(m.name, rules, m.is_package) for m in scan.modules}
    result = _layers_by_name(scan, rules)
    if COMPOSITION not in rules.order:
        return result
    externals: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, list[str]] = defaultdict(list)
    targets: dict[str, set[str]] = defaultdict(set)
    internals: dict[str, set[str]] = defaultdict(set)
    for item in scan.imports:
        if item.external:
            externals[item.importer].add(item.imported)
            texts[item.importer].append(item.text)
        elif item.imported in result:
            targets[item.importer].add(result[item.imported].layer)
            internals[item.importer].add(item.imported)
    for module in scan.modules:
        name = module.name
        current = result[name]
        if current.layer in (COMPOSITION, TESTS) or current.reason.startswith("configured"):
            continue
        migration = migration_reason(name, externals[name])
        if migration is not None:
            result[name] = Classification(INFRASTRUCTURE, migration)
            continue
        if current.layer == DOMAIN:
            orm = orm_models_reason(name, externals[name])
            if orm is not None:
                result[name] = current = Classification(INFRASTRUCTURE, orm)
        reason = composition_reason(
            name, externals[name], texts[name], targets[name], current.layer
        )
        if reason is not None:
            result[name] = Classification(COMPOSITION, reason)
        elif current.layer == UNCLASSIFIED:
            by_content = content_layer(externals[name], texts[name])
            if by_content is not None:
                result[name] = by_content
    _plumbing(scan, rules, externals, texts, result)
    _models_on_infrastructure(scan, internals, result)
    return result


def _layers_by_name(scan: Scan, rules: LayerRules) -> dict[str, Classification]:
    """Each module's layer from the names of the scan alone; kept for the next scan of
    the very same modules under equal rules (a re-scan after an edit adding no file)."""
    kept = by_name_kept()
    if kept is not None and kept[0] is scan.modules and kept[1] == rules:
        return dict(kept[2])
    spelled = application_spelling(m.name for m in scan.modules)
    result = {m.name: _by_name(m.name, m.is_package, rules, spelled) for m in scan.modules}
    keep_by_name((scan.modules, rules, dict(result)))
    return result


def _by_name(
    name: str, is_package: bool, rules: LayerRules, spelled: dict[str, tuple[str, str]]
) -> Classification:
    """``classify``, reading an ``app`` folder beside ``domain`` as ``application``."""
    if name not in spelled:
        return classify(name, rules, is_package)
    spelling, folder = spelled[name]
    found = classify(spelling, rules, is_package)
    if found.layer == APPLICATION and found.reason == f"'{APPLICATION}' in path":
        return Classification(APPLICATION, f"'{folder}' beside a domain folder")
    return found


def _plumbing(
    scan: Scan,
    rules: LayerRules,
    externals: dict[str, set[str]],
    texts: dict[str, list[str]],
    result: dict[str, Classification],
) -> None:
    """Modules of ``core``/``config``/``settings`` folders that no name classifies (or
    only a contextual file name such as ``events.py``) take the folder's verdict:
    composition when it holds the composition root, else infrastructure. Drawn in
    that layer, never accused: the folder's name does not say it."""
    roots = [
        m.name
        for m in scan.modules
        if (result[m.name].layer == COMPOSITION and not result[m.name].tentative)
        or DI_FRAMEWORKS.intersection(externals[m.name])
        or any(APP_CLASSES.intersection(t.replace(",", " ").split()) for t in texts[m.name])
    ]
    verdicts = plumbing_folders(((m.name, m.is_package) for m in scan.modules), rules.tokens, roots)
    for name, (layer, reason) in verdicts.items():
        current = result[name]
        if current.layer in (layer, TESTS) or current.reason.startswith("configured"):
            continue
        held = name in roots and leaf_is_contextual(name)
        if current.layer == UNCLASSIFIED or current.tentative or held:
            result[name] = Classification(layer, reason, tentative=True)


def _models_on_infrastructure(
    scan: Scan, internals: dict[str, set[str]], result: dict[str, Classification]
) -> None:
    """A bare ``models`` module or package whose internal imports all land in
    infrastructure (an ``__init__`` re-exporting ORM tables, an association table
    built from two of them) is persistence too. Repeated until nothing changes,
    since one such module may import another."""
    changed = True
    while changed:
        changed = False
        for module in scan.modules:
            current, imported = result[module.name], internals[module.name]
            if current.layer != DOMAIN or not imported or not bare_models(module.name):
                continue
            if current.reason.startswith("configured"):
                continue
            if all(
                result[name].layer == INFRASTRUCTURE and not result[name].tentative
                for name in imported
            ):
                reason = "ORM tables (its models import only infrastructure)"
                result[module.name] = Classification(INFRASTRUCTURE, reason)
                changed = True
