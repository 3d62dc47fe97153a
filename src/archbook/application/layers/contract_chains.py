"""Indirect breaches of a repository's import contracts: chains of imports.

import-linter's ``forbidden`` contracts (unless ``allow_indirect_imports = true``),
``independence`` and ``layers`` contracts are broken by a chain ``a.x → b.y → c.z``
as much as by a direct import. This module finds them the way import-linter does:
each contract's ``ignore_imports`` are removed from the graph first; a chain starts
in one package the contract names and ends in another, never passing through either
of them (nor, for independence, through any other of its independent packages, whose
own breaches are reported instead). For ``layers`` (grimp's
``find_illegal_dependencies_for_layers``) the pairs are, in each container, a lower
layer and every layer above it, plus the siblings of an independent level
(``a | b``); a chain may run through any module of no layer (the container itself
included) but never through another layer of that container. Each (importer
package, imported package) pair is reported once, with its shortest chain, and only
when no direct import joins them: direct imports are already reported one by one by
the analysis (for ``layers``, by the layer rules).

One breadth-first search per source package over the module graph archbook already
has, so the cost is linear in the graph per package; no graph library needed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping

from archbook.domain.analysis import Violation
from archbook.domain.contracts import (
    FORBIDDEN,
    INDEPENDENCE,
    LAYERS,
    ImportContract,
    owner,
)
from archbook.domain.layers import Classification
from archbook.domain.source import Import

Pairs = Mapping[tuple[str, str], list[Import]]


def chain_violations(
    pairs: Pairs,
    contracts: Iterable[ImportContract],
    classifications: Mapping[str, Classification],
    paths: Mapping[str, str],
    externals: Pairs | None = None,
) -> list[Violation]:
    """One violation per package pair a contract forbids that only a chain joins.

    ``externals`` are the imports of external packages by importing pair: a
    forbidden contract naming one (``sqlalchemy``) is broken by a chain of internal
    modules ending in an import of it."""
    violations: list[Violation] = []
    modules = sorted(classifications)
    for contract in contracts:
        if not contract.chains or contract.kind not in (FORBIDDEN, INDEPENDENCE, LAYERS):
            continue
        graph = _graph(pairs, contract)
        reach = modules
        if externals and contract.external_graph and contract.externals:
            reach = modules + _add_externals(graph, externals, contract)
        search = _layer_chains if contract.kind == LAYERS else _contract_chains
        for chain in search(contract, graph, reach):
            first = next(i for i in pairs[(chain[0], chain[1])] if contract.holds(i))
            end = classifications.get(chain[-1])
            violations.append(
                Violation(
                    chain[0],
                    chain[-1],
                    classifications[chain[0]].layer,
                    end.layer if end is not None else "external",
                    paths[chain[0]],
                    first.line,
                    first.text,
                    contract.name,
                    tuple(chain),
                )
            )
    return violations


def _contract_chains(
    contract: ImportContract, graph: dict[str, list[str]], modules: list[str]
) -> list[list[str]]:
    """The shortest indirect chain of every package pair ``contract`` forbids."""
    as_packages = contract.as_packages
    sources = _packages(modules, contract.sources, as_packages)
    if contract.kind == FORBIDDEN:
        forbidden = contract.targets + contract.externals
        targets = _packages(modules, forbidden, as_packages)

        def target_of(module: str) -> str | None:
            return owner(module, forbidden, as_packages)

        def passable(module: str) -> bool:
            return True

    else:
        targets = sources

        def target_of(module: str) -> str | None:
            return owner(module, contract.sources)

        def passable(module: str) -> bool:
            return target_of(module) is None

    chains: list[list[str]] = []
    for source, members in sorted(sources.items()):
        wanted = {t for t in targets if not contract.overlap(source, t)}
        found = _shortest_chains(graph, members, target_of, passable)
        chains.extend(
            chain for target, chain in sorted(found.items()) if target in wanted and len(chain) > 2
        )
    return chains


def _layer_chains(
    contract: ImportContract, graph: dict[str, list[str]], modules: list[str]
) -> list[list[str]]:
    """The shortest indirect chain from each layer package of ``contract`` to each
    layer package it may not import (a higher one, or an independent sibling),
    container by container; other layers of that container are never passed through."""
    containers = sorted(
        {c for pattern in contract.containers for m in modules if (c := owner(m, (pattern,)))}
    )
    if contract.containers and not containers:
        return []
    chains: list[list[str]] = []
    for container in containers or [""]:
        prefix = f"{container}." if container else ""
        levels = [([prefix + name for name in names], free) for names, free in contract.levels]
        layers = tuple(name for names, _ in levels for name in names)
        members = _packages(modules, layers)

        def layer_of(module: str, layers: tuple[str, ...] = layers) -> str | None:
            return owner(module, layers)

        def outside_layers(module: str, layers: tuple[str, ...] = layers) -> bool:
            return owner(module, layers) is None

        above: set[str] = set()
        for names, independent in levels:
            for lower in names:
                siblings = set(names) - {lower} if independent else set()
                forbidden = above | siblings
                if lower not in members or not forbidden:
                    continue
                found = _shortest_chains(graph, members[lower], layer_of, outside_layers)
                chains.extend(
                    chain
                    for target, chain in sorted(found.items())
                    if target in forbidden and len(chain) > 2
                )
            above.update(names)
    return chains


def _shortest_chains(
    graph: dict[str, list[str]],
    starts: list[str],
    target_of: Callable[[str], str | None],
    passable: Callable[[str], bool],
) -> dict[str, list[str]]:
    """Breadth-first from every module of one package at once: the first chain that
    reaches each target package. Modules of the start package are never passed
    through (they are all starts), nor are the modules ``passable`` refuses (a
    target is passed through only when ``passable`` says so)."""
    parent: dict[str, str | None] = dict.fromkeys(starts)
    queue = deque(starts)
    found: dict[str, list[str]] = {}
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt in parent:
                continue
            parent[nxt] = node
            target = target_of(nxt)
            if target is not None and target not in found:
                found[target] = _path(parent, nxt)
            if passable(nxt):
                queue.append(nxt)
    return found


def _path(parent: dict[str, str | None], end: str) -> list[str]:
    path = [end]
    step = parent[end]
    while step is not None:
        path.append(step)
        step = parent[step]
    return path[::-1]


def _packages(
    modules: list[str], patterns: tuple[str, ...], as_packages: bool = True
) -> dict[str, list[str]]:
    """The concrete packages ``patterns`` name, each with its modules (sorted); each
    module named on its own when not ``as_packages``."""
    packages: dict[str, list[str]] = {}
    for module in modules:
        package = owner(module, patterns, as_packages)
        if package is not None:
            packages.setdefault(package, []).append(module)
    return packages


def _add_externals(
    graph: dict[str, list[str]], externals: Pairs, contract: ImportContract
) -> list[str]:
    """The imports of the external packages ``contract`` forbids, added to its graph
    (those it ignores left out); the names of those packages."""
    names: set[str] = set()
    for (importer, imported), items in sorted(externals.items()):
        if imported not in contract.externals or not any(map(contract.holds, items)):
            continue
        if not contract.ignores(importer, imported):
            graph.setdefault(importer, []).append(imported)
            names.add(imported)
    return sorted(names)


def _graph(pairs: Pairs, contract: ImportContract) -> dict[str, list[str]]:
    """Who imports whom, without the imports the contract says to ignore (nor,
    when its graph leaves them out, those under ``if TYPE_CHECKING:`` only)."""
    graph: dict[str, list[str]] = {}
    for (importer, imported), items in sorted(pairs.items()):
        if importer == imported or contract.ignores(importer, imported):
            continue
        if contract.type_checking or any(map(contract.holds, items)):
            graph.setdefault(importer, []).append(imported)
    return graph
