"""Use case: analyse a repository's architecture — layers, violations, cycles, metrics.

Classification and violations are plain dictionary work done at once; cycles and
metrics are built the first time they are asked for, and networkx is imported only
when a caller asks for a networkx graph, so a CI check pays only for what it prints.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from archbook import __version__
from archbook.application.collector import paused_gc
from archbook.application.layers.classification import classify_scan
from archbook.application.layers.contract_checks import contract_violations
from archbook.application.layers.cycles import strongly_connected_groups
from archbook.application.layers.grouping import group_imports
from archbook.application.layers.reuse import changed_imports, keep, last_kept, same_scan
from archbook.application.layers.scanning import Scanner
from archbook.application.ports.rules_source import RulesSource
from archbook.application.ports.source_tree import Progress
from archbook.domain.analysis import LayerEdge, Metrics, Violation
from archbook.domain.contracts import LAYERS, ignored
from archbook.domain.layers import TESTS, Classification, LayerRules
from archbook.domain.source import Import, Scan

if TYPE_CHECKING:
    import networkx as nx

EXAMPLES_PER_EDGE = 3
# An analysis checks only the changed modules' imports while fewer than one module in
# REUSE_BELOW changed its imports; beyond that a fresh check costs about the same.
REUSE_BELOW = 10
HOTSPOT_COUNT = 10
JSON_SCHEMA_VERSION = 1


def analyse(
    root: str,
    scanner: Scanner,
    rules_source: RulesSource,
    progress: Progress | None = None,
    rules: LayerRules | None = None,
) -> Analysis:
    """Scan ``root`` (never importing it) and analyse it against its layer rules."""
    rules = rules or rules_source.rules_for(root)
    return analyse_scan(scanner.scan(root, rules.exclude, progress), rules)


def analyse_scan(scan: Scan, rules: LayerRules) -> Analysis:
    """Analyse an existing scan against ``rules`` (what-if analyses re-use one scan).

    The last analysis of this process is reused under equal rules (see ``reuse``): a
    scan of its very modules and imports gets it again, in new containers; when a few
    modules' imports changed, only those modules' imports are grouped again and, when
    no module's layer changed, checked against the rules again.
    """
    last = last_kept()
    if last is not None and last.rules == rules:
        if same_scan(last.scan, scan):
            return Analysis(
                scan,
                rules,
                dict(last.classifications),
                dict(last.pairs),
                list(last.violations),
                Counter(last.externals),
            )
        changed = changed_imports(last.scan, scan)
        if changed is not None and len(changed) * REUSE_BELOW <= len(scan.modules):
            with paused_gc():
                return _analyse(scan, rules, last, changed)
    with paused_gc():  # tens of thousands of small tables, no reference cycles
        return _analyse(scan, rules, None, {})


def _analyse(
    scan: Scan, rules: LayerRules, kept: Analysis | None, changed: dict[str, tuple[Import, ...]]
) -> Analysis:
    classifications = classify_scan(scan, rules)
    by_pair, externals, pairs_of = group_imports(scan, kept.scan if kept else None, changed)
    paths = scan.module_paths
    pairs: Iterable[tuple[tuple[str, str], list[Import]]] = by_pair.items()
    violations: list[Violation] = []
    only: dict[str, tuple[Import, ...]] | None = None
    if kept is not None and kept.classifications == classifications:
        # no module changed layer: only the changed modules' imports can break a rule
        # directly; a chain may run through any changed module, and a contract as a
        # whole (line 0) may gain or lose a breach, so those are searched anew
        violations = [
            v for v in kept.violations if v.importer not in changed and not v.chain and v.line
        ]
        pairs = [pair for name in changed for pair in pairs_of.get(name, ())]
        only = changed
    if not rules.contracts:  # most repositories: the layer rules alone
        violations.extend(_layer_violations(pairs, classifications, rules, paths))
    else:
        for (importer, imported), items in pairs:
            found = _violations(importer, imported, items, classifications, rules, paths)
            violations.extend(found)
        violations.extend(
            contract_violations(
                scan.imports, by_pair, rules.contracts, classifications, paths, only
            )
        )
    violations.sort(key=lambda v: (v.path, v.line, v.imported))
    analysis = Analysis(scan, rules, classifications, by_pair, violations, externals)
    keep(analysis)
    return analysis


def _layer_violations(
    pairs: Iterable[tuple[tuple[str, str], list[Import]]],
    classifications: dict[str, Classification],
    rules: LayerRules,
    paths: dict[str, str],
) -> list[Violation]:
    """The violations of importing pairs under the layer rules alone (no contracts):
    each pair of layers is judged once, however many importing pairs join them. A
    package's ``__init__`` importing its own sub-modules (``from . import entities,
    repositories``) contains them rather than depends on them: no violation, unless
    what it imports is test code."""
    found: list[Violation] = []
    verdicts: dict[tuple[str, str], bool] = {}
    for (importer, imported), items in pairs:
        first, second = classifications[importer], classifications[imported]
        a, b = first.layer, second.layer
        if a == b or first.tentative or second.tentative:  # a layer may import itself
            continue
        if contains(importer, imported, b, paths):
            continue
        allowed = verdicts.get((a, b))
        if allowed is None:
            allowed = verdicts[(a, b)] = rules.allows(a, b)
        if not allowed:
            path = paths[importer]
            found.extend(Violation(importer, imported, a, b, path, i.line, i.text) for i in items)
    return found


def contains(importer: str, imported: str, imported_layer: str, paths: dict[str, str]) -> bool:
    """Whether an import is a package's ``__init__`` holding one of its own sub-modules
    (other than test code): structure, not a dependency between layers."""
    return (
        imported_layer != TESTS
        and imported.startswith(importer + ".")
        and paths[importer].endswith("__init__.py")
    )


def _violations(
    importer: str,
    imported: str,
    items: list[Import],
    classifications: dict[str, Classification],
    rules: LayerRules,
    paths: dict[str, str],
) -> list[Violation]:
    """The violations of one importing pair under rules with contracts: the layer
    rules', then each contract's.

    ``ignore_imports`` act per contract, as in import-linter: a contract's own list
    spares its breaches (``breached_by``), and a ``layers`` contract's list spares the
    layer rules that contract declares; so do the ``if TYPE_CHECKING:`` imports a
    contract's graph leaves out (``exclude_type_checking_imports``)."""
    first, second = classifications[importer], classifications[imported]
    a, b = first.layer, second.layer
    guessed = first.tentative or second.tentative
    rows: list[tuple[str, Import]] = []
    layered = [c for c in rules.contracts if c.kind == LAYERS]
    if not guessed and not rules.allows(a, b) and not ignored(importer, imported, layered):
        # between two layers of a contract whose graph leaves out TYPE_CHECKING imports
        between = a in rules.contract_allowed and b in rules.contract_allowed
        blind = between and any(not c.type_checking for c in layered)
        rows = [("", i) for i in items if not (blind and i.type_checking)]
    for contract in rules.contracts:
        if contract.breached_by(importer, imported):
            rows.extend((contract.name, i) for i in items if contract.holds(i))
    return [
        Violation(importer, imported, a, b, paths[importer], i.line, i.text, name)
        for name, i in rows
    ]


@dataclass
class Analysis:
    """Everything archbook knows about a repository's structure after one scan.

    ``pairs`` maps each (importer, imported) pair of internal modules to the import
    statements behind it.
    """

    scan: Scan
    rules: LayerRules
    classifications: dict[str, Classification]
    pairs: dict[tuple[str, str], list[Import]]
    violations: list[Violation]
    externals: Counter[str]

    def layer_of(self, module: str) -> str:
        return self.classifications[module].layer

    def modules_in(self, layer: str) -> list[str]:
        return sorted(m for m, c in self.classifications.items() if c.layer == layer)

    def layer_counts(self) -> dict[str, int]:
        """Module count of every layer of the rules, in drawing order (zero included)."""
        counts = Counter(c.layer for c in self.classifications.values())
        extra = sorted(set(counts) - set(self.rules.layers))
        return {layer: counts.get(layer, 0) for layer in (*self.rules.layers, *extra)}

    def shown_layer_counts(self) -> dict[str, int]:
        """``layer_counts`` as summaries and drawings show it: beside a contract's own
        layers, a default layer no module falls back to is left out (a repository its
        contract covers whole showed six empty layers of a scheme it does not use)."""
        declared = self.rules.contract_allowed
        return {
            layer: count
            for layer, count in self.layer_counts().items()
            if count or not declared or layer in declared
        }

    @cached_property
    def module_graph(self) -> nx.DiGraph:
        """Internal modules (attribute ``layer``); an edge per importing pair
        (attributes ``count`` and ``imports``)."""
        import networkx as nx  # only callers that want a networkx graph pay for it

        graph = nx.DiGraph()
        graph.add_nodes_from((name, {"layer": c.layer}) for name, c in self.classifications.items())
        graph.add_edges_from(
            (a, b, {"count": len(items), "imports": items}) for (a, b), items in self.pairs.items()
        )
        return graph

    @cached_property
    def layer_edges(self) -> list[LayerEdge]:
        """Imports between different layers, weighted, with a few examples each."""
        layer_of = {name: c.layer for name, c in self.classifications.items()}
        paths = self.scan.module_paths
        weights: Counter[tuple[str, str]] = Counter()
        crossing: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for pair, items in self.pairs.items():
            key = (layer_of[pair[0]], layer_of[pair[1]])
            if key[0] != key[1] and not contains(pair[0], pair[1], key[1], paths):
                weights[key] += len(items)
                crossing[key].append(pair)
        rank = {layer: index for index, layer in enumerate(self.layer_counts())}
        return [
            LayerEdge(
                a,
                b,
                weight,
                self.rules.allows(a, b),
                # the first pairs in name order
                tuple(f"{x} → {y}" for x, y in sorted(crossing[(a, b)])[:EXAMPLES_PER_EDGE]),
            )
            for (a, b), weight in sorted(
                weights.items(), key=lambda kv: (rank[kv[0][0]], rank[kv[0][1]])
            )
        ]

    @cached_property
    def layer_graph(self) -> nx.DiGraph:
        """Layers as nodes (attribute ``modules``); edges with ``weight``, ``allowed``,
        ``examples``."""
        import networkx as nx  # only callers that want a networkx graph pay for it

        graph = nx.DiGraph()
        for layer, count in self.layer_counts().items():
            graph.add_node(layer, modules=count)
        for edge in self.layer_edges:
            graph.add_edge(
                edge.source,
                edge.target,
                weight=edge.count,
                allowed=edge.allowed,
                examples=edge.examples,
            )
        return graph

    @cached_property
    def cycles(self) -> list[list[str]]:
        """Strongly connected groups of more than one module, largest first."""
        return strongly_connected_groups(self.pairs)

    @cached_property
    def module_metrics(self) -> dict[str, Metrics]:
        fan_in: Counter[str] = Counter(b for _, b in self.pairs)
        fan_out: Counter[str] = Counter(a for a, _ in self.pairs)
        return {
            name: Metrics(name, c.layer, fan_in[name], fan_out[name])
            for name, c in sorted(self.classifications.items())
        }

    @cached_property
    def layer_metrics(self) -> dict[str, Metrics]:
        fan_in: Counter[str] = Counter()
        fan_out: Counter[str] = Counter()
        for edge in self.layer_edges:
            fan_out[edge.source] += edge.count
            fan_in[edge.target] += edge.count
        return {
            layer: Metrics(layer, layer, fan_in[layer], fan_out[layer])
            for layer in self.layer_counts()
        }

    def hotspots(self, count: int = HOTSPOT_COUNT) -> list[Metrics]:
        """Modules both much depended on and depending much (fan-in × fan-out), riskiest first."""
        ranked = sorted(
            self.module_metrics.values(),
            key=lambda m: (-(m.fan_in * m.fan_out), -(m.fan_in + m.fan_out), m.name),
        )
        return [m for m in ranked[:count] if m.fan_in * m.fan_out > 0]

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (docs/json.md), stable key order."""
        return _to_dict(self)


def violation_dict(v: Violation) -> dict[str, Any]:
    """A violation's documented JSON form (``violations`` in docs/json.md)."""
    return {
        "importer": v.importer,
        "imported": v.imported,
        "importer_layer": v.importer_layer,
        "imported_layer": v.imported_layer,
        "path": v.path,
        "line": v.line,
        "text": v.text,
        "contract": v.contract,
        "chain": list(v.chain),
    }


def _to_dict(analysis: Analysis) -> dict[str, Any]:
    scan = analysis.scan
    rules = analysis.rules
    paths = scan.module_paths
    metrics = analysis.module_metrics
    scripts = {m.name for m in scan.modules if m.script}
    return {
        "schema": JSON_SCHEMA_VERSION,
        "archbook": __version__,
        "root": scan.root,
        "source_roots": list(scan.source_roots),
        "rules": {
            "source": rules.source,
            "layers": list(analysis.layer_counts()),
            "allowed": {k: sorted(v) for k, v in sorted(rules.allowed.items())},
        },
        "summary": {
            "modules": len(scan.modules),
            "internal_imports": len(analysis.pairs),
            "violations": len(analysis.violations),
            "cycles": len(analysis.cycles),
            "skipped": len(scan.skipped),
            "layers": analysis.layer_counts(),
        },
        "modules": [
            {
                "name": name,
                "path": paths[name],
                "layer": c.layer,
                "reason": c.reason,
                "script": name in scripts,
                "fan_in": metrics[name].fan_in,
                "fan_out": metrics[name].fan_out,
                "instability": metrics[name].instability,
            }
            for name, c in sorted(analysis.classifications.items())
        ],
        "imports": [
            {
                "importer": i.importer,
                "imported": i.imported,
                "path": paths[i.importer],
                "line": i.line,
                "text": i.text,
                "type_checking": i.type_checking,
                "in_function": i.in_function,
            }
            for i in scan.imports
            if not i.external
        ],
        "externals": dict(sorted(analysis.externals.items())),
        "layers": [
            {
                "name": layer,
                "modules": count,
                "fan_in": analysis.layer_metrics[layer].fan_in,
                "fan_out": analysis.layer_metrics[layer].fan_out,
                "instability": analysis.layer_metrics[layer].instability,
            }
            for layer, count in analysis.layer_counts().items()
        ],
        "layer_edges": [
            {
                "source": e.source,
                "target": e.target,
                "count": e.count,
                "allowed": e.allowed,
                "examples": list(e.examples),
            }
            for e in analysis.layer_edges
        ],
        "violations": [violation_dict(v) for v in analysis.violations],
        "cycles": analysis.cycles,
        "hotspots": [
            {"name": m.name, "layer": m.layer, "fan_in": m.fan_in, "fan_out": m.fan_out}
            for m in analysis.hotspots()
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in scan.skipped],
        "stats": {
            "files": scan.stats.files,
            "parsed": scan.stats.parsed,
            "cached": scan.stats.cached,
        },
    }
