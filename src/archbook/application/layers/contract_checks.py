"""Breaches of a repository's import contracts beyond the importing pairs of its own
modules, checked the way ``lint-imports`` checks them.

- Imports of external packages (``sqlalchemy``) that a ``forbidden`` or ``protected``
  contract names, when ``include_external_packages`` puts them in the graph: directly
  here, through chains of internal modules in ``contract_chains``.
- What breaks a contract as a whole, where ``lint-imports`` stops with an error: a
  module it names does not exist (a non-optional layer, a source module), an
  ``ignore_imports`` expression matches no import (unless
  ``unmatched_ignore_imports_alerting`` says warn or none), an ``exhaustive`` layers
  contract leaves a child of a container out, a problem found in its options. Each
  is a violation of line 0 in the configuration file whose ``text`` says what.

``contract_notices`` gives the lines ``check`` prints besides: the contracts archbook
does not check, and the unmatched ignored imports a contract only warns about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

from archbook.application.layers.contract_chains import Pairs, chain_violations
from archbook.domain.analysis import Violation
from archbook.domain.contracts import (
    ALERT_ERROR,
    ALERT_WARN,
    FORBIDDEN,
    INDEPENDENCE,
    LAYERS,
    PROTECTED,
    UNCHECKED,
    ImportContract,
    matches,
    owner,
)
from archbook.domain.layers import Classification
from archbook.domain.source import Import

EXTERNAL = "external"  # the layer a violation gives an external package


def contract_violations(
    imports: Iterable[Import],
    pairs: Pairs,
    contracts: tuple[ImportContract, ...],
    classifications: Mapping[str, Classification],
    paths: Mapping[str, str],
    only: Collection[str] | None = None,
) -> list[Violation]:
    """Every contract breach the importing pairs alone do not show: imports of a
    forbidden or protected external package (of the ``only`` importers when given:
    the others' were kept from the last analysis), chains, whole-contract breaches."""
    externals = external_pairs(imports, contracts)
    found: list[Violation] = []
    for contract in contracts:
        if not (contract.external_graph and contract.externals):
            continue
        for (importer, imported), items in externals.items():
            if (only is None or importer in only) and contract.breached_by(importer, imported):
                layer = classifications[importer].layer
                found.extend(
                    Violation(
                        importer,
                        imported,
                        layer,
                        EXTERNAL,
                        paths[importer],
                        i.line,
                        i.text,
                        contract.name,
                    )  # fmt: skip
                    for i in items
                    if contract.holds(i)
                )
    found.extend(chain_violations(pairs, contracts, classifications, paths, externals))
    for contract in contracts:
        found.extend(
            Violation(module, "", "", "", contract.config, 0, reason, contract.name)
            for module, reason in whole_contract_breaches(contract, pairs, externals, paths)
        )
    return found


def external_pairs(
    imports: Iterable[Import], contracts: Iterable[ImportContract]
) -> dict[tuple[str, str], list[Import]]:
    """The imports of external packages by importing pair, when a contract's graph
    holds them (``include_external_packages``); empty otherwise."""
    if not any(c.external_graph for c in contracts):
        return {}
    grouped: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for item in imports:
        if item.external:
            grouped[(item.importer, item.imported)].append(item)
    return dict(grouped)


def whole_contract_breaches(
    contract: ImportContract,
    pairs: Pairs,
    externals: Mapping[tuple[str, str], list[Import]],
    modules: Collection[str],
) -> list[tuple[str, str]]:
    """(module concerned or "", reason) of each way ``contract`` is broken as a whole."""
    if contract.kind == UNCHECKED:
        return []
    found = [("", problem) for problem in contract.problems]
    found.extend((m, reason) for m, reason in _missing(contract, modules))
    found.extend((m, reason) for m, reason in _undeclared(contract, modules))
    if contract.unmatched_ignores == ALERT_ERROR:
        found.extend(
            ("", f"{reason} (unmatched_ignore_imports_alerting = error)")
            for reason in unmatched_ignores(contract, pairs, externals)
        )
    return found


def unmatched_ignores(
    contract: ImportContract,
    pairs: Pairs,
    externals: Mapping[tuple[str, str], list[Import]],
) -> list[str]:
    """A line for each ``ignore_imports`` expression of ``contract`` that matches no
    import of the graph (imports of external packages count when it holds them)."""
    graph = [pairs, externals] if contract.external_graph else [pairs]
    if not contract.type_checking:
        graph = [{k: v for k, v in e.items() if any(map(contract.holds, v))} for e in graph]
    unmatched = []
    for a, b in dict.fromkeys(contract.ignore):
        if "*" not in a + b:
            hit = any((a, b) in edges for edges in graph)
        else:
            hit = any(matches(i, a) and matches(j, b) for edges in graph for i, j in edges)
        if not hit:
            unmatched.append(f"ignore_imports '{a} -> {b}' matches no import")
    return unmatched


def contract_notices(
    contracts: Iterable[ImportContract], pairs: Pairs, imports: Iterable[Import]
) -> list[str]:
    """One line per contract archbook does not check, and per unmatched ignored
    import a contract says to warn about: what ``check`` prints besides breaches."""
    contracts = tuple(contracts)
    externals = external_pairs(imports, contracts)
    notices = []
    for contract in contracts:
        if contract.kind == UNCHECKED:
            kind = contract.type_name or "(no type)"
            notices.append(
                f"{contract.name}: contract type '{kind}' is not checked by archbook "
                "(run lint-imports for it)"
            )
        elif contract.unmatched_ignores == ALERT_WARN:
            notices.extend(
                f"{contract.name}: {reason}"
                for reason in unmatched_ignores(contract, pairs, externals)
            )
    return notices


def _missing(contract: ImportContract, modules: Collection[str]) -> list[tuple[str, str]]:
    """The modules ``contract`` names that ``lint-imports`` requires and the scan lacks."""
    required: list[tuple[str, str]] = []  # (module, reason when missing)
    if contract.kind == LAYERS:
        optional = set(contract.optional)
        tails = [t for names, _ in contract.levels for t in names if t not in optional]
        if not contract.containers:
            required = [(t, f"layer {t} does not exist (write ({t}) if optional)") for t in tails]
        for container in _concrete(contract.containers, modules):
            required.extend(
                (
                    f"{container}.{tail}",
                    f"layer {container}.{tail} does not exist in container {container} "
                    f"(write ({tail}) if optional)",
                )
                for tail in tails
            )
    else:
        roles = {
            FORBIDDEN: [
                ("source module", contract.sources),
                ("forbidden module", contract.targets),
            ],
            INDEPENDENCE: [("module", contract.sources)],
            PROTECTED: [
                ("protected module", contract.targets),
                ("protected module", () if contract.external_graph else contract.externals),
                # import-linter looks up their descendants, so each must exist
                ("allowed importer", contract.sources if contract.as_packages else ()),
            ],
        }
        required = [
            (module, f"{role} {module} does not exist")
            for role, listed in roles.get(contract.kind, [])
            for module in listed
        ]
    return [
        (module, reason)
        for module, reason in dict.fromkeys(required)
        if "*" not in module and module not in modules
    ]


def _undeclared(contract: ImportContract, modules: Collection[str]) -> list[tuple[str, str]]:
    """The children of an exhaustive contract's containers that no layer names."""
    if contract.kind != LAYERS or not contract.exhaustive:
        return []
    declared = {t for names, _ in contract.levels for t in names} | set(contract.exhaustive_ignores)
    containers = set(_concrete(contract.containers, modules))
    return [
        (module, f"{module} is not listed as a layer (the contract is exhaustive)")
        for module in sorted(modules)
        if (parent := module.rpartition(".")[0]) in containers
        and module[len(parent) + 1 :] not in declared
    ]


def _concrete(patterns: tuple[str, ...], modules: Collection[str]) -> list[str]:
    """The modules ``patterns`` name: a plain name as it is, wildcards those matching."""
    found = [p for p in patterns if "*" not in p]
    wild = [p for p in patterns if "*" in p]
    if wild:
        found.extend(m for m in sorted(modules) if owner(m, tuple(wild), False))
    return list(dict.fromkeys(found))
