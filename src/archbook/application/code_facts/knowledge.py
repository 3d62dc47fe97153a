"""Use case: everything archbook knows about a FastAPI backend, in one document."""

from __future__ import annotations

import ast
import copy
import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from archbook.application.code_facts.class_roles import (
    extract_adapters,
    extract_models,
    extract_ports,
    extract_services,
    extract_tests,
)
from archbook.application.code_facts.code_model import CodeModel, ModuleModel
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.project_facts import read_project_facts
from archbook.application.code_facts.provider_facts import extract_providers
from archbook.application.code_facts.route_reading.route_arguments import dependency_text
from archbook.application.code_facts.route_reading.route_facts import extract_route_facts
from archbook.application.code_facts.route_reading.router_tree import APP_FACTORIES
from archbook.application.collector import paused_gc
from archbook.application.layers.analysis import Analysis
from archbook.application.layers.classification import module_roles
from archbook.application.ports.source_text import SourceText
from archbook.domain.facts import Facts, Route, UnresolvedRoute

FACTS_SCHEMA_VERSION = 1


@dataclass
class RepoKnowledge:
    """The analysis, the parsed code model and the facts of one repository.

    ``roles`` maps each module to its part in archbook's own terms, which the facts,
    traces and the planner reason with (``module_roles``): its layer, unless that is a
    team contract's own name (``core``, ``inbound``).
    """

    analysis: Analysis
    model: CodeModel
    facts: Facts
    roles: dict[str, str]

    def served_route(self, key: str) -> Route | None:
        """The route ``METHOD /path`` where its handler does some work: a stub laid
        out with ``...`` or ``raise NotImplementedError`` is an endpoint still to build."""
        route = self.facts.route(key)
        if route is None:
            return None
        handler = self.model.function(route.handler)
        return None if handler is not None and handler.is_stub else route

    @cached_property
    def layers(self) -> dict[str, str]:
        """Module → layer under the repository's rules (its contract's names, if any)."""
        return {name: c.layer for name, c in self.analysis.classifications.items()}


def extract_facts(analysis: Analysis, source_text: SourceText) -> RepoKnowledge:
    """Parse every module of an analysed repository (text only) and extract its facts."""
    with paused_gc():  # the parsed trees hold no cycles; see paused_gc
        return _extract_facts(analysis, source_text)


def extract_routes(
    analysis: Analysis, source_text: SourceText
) -> tuple[tuple[Route, ...], tuple[UnresolvedRoute, ...]]:
    """The routes and the unresolved route code of :func:`extract_facts`, and nothing
    else: what ``archbook routes`` prints costs the parse and the route pass alone."""
    with paused_gc():
        routes, unresolved = extract_route_facts(_model_of(analysis, source_text))
    return tuple(routes), tuple(unresolved)


def _model_of(analysis: Analysis, source_text: SourceText) -> CodeModel:
    modules = analysis.scan.modules
    texts = source_text.read_texts(analysis.scan.root, [module.path for module in modules])
    return CodeModel.build(zip(modules, texts, strict=True))


def _extract_facts(analysis: Analysis, source_text: SourceText) -> RepoKnowledge:
    root = analysis.scan.root
    model = _model_of(analysis, source_text)
    named = {name: c.layer for name, c in analysis.classifications.items()}
    layers = module_roles(analysis.scan, analysis.rules, named)
    routes, unresolved_routes = extract_route_facts(model)
    providers = extract_providers(model, layers, _depends_targets(model))
    ports = extract_ports(model, layers)
    adapters = extract_adapters(model, layers, ports)
    externals: dict[str, set[str]] = defaultdict(set)
    for item in analysis.scan.imports:
        if item.external:
            externals[item.importer].add(item.imported)
    models = extract_models(model, layers)
    settings = next((m.qualname.split(":")[0] for m in models if m.kind == "settings"), None)
    project = read_project_facts(
        source_text.read_config_files(root),
        module_imports={name: frozenset(names) for name, names in externals.items()},
        app_factory=_app_factory(model),
        settings_module=settings,
    )
    facts = Facts(
        routes=tuple(routes),
        providers=tuple(providers),
        ports=tuple(ports),
        adapters=tuple(adapters),
        services=tuple(extract_services(model, layers, ports)),
        models=tuple(models),
        tests=tuple(extract_tests(model, layers, analysis.pairs, adapters)),
        project=project,
        problems=tuple(model.problems),
        unresolved_routes=tuple(unresolved_routes),
    )
    return RepoKnowledge(analysis, model, facts, layers)


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    """The documented JSON form of the facts (docs/facts.md)."""
    document = _as_dict(facts)
    document["routes"] = routes_to_dicts(facts.routes)
    for data in document["unresolved_routes"]:
        location = data["location"]
        data["location"] = f"{location['path']}:{location['line']}"
    for section in ("providers", "ports", "adapters", "services", "models"):
        for data in document[section]:
            location = data["location"]
            data["location"] = f"{location['path']}:{location['line']}"
    return {"schema": FACTS_SCHEMA_VERSION, **document}


def routes_to_dicts(routes: Iterable[Route]) -> list[dict[str, Any]]:
    """The documented JSON form of routes: their fields, ``key`` and ``file:line``."""
    found = []
    for route in routes:
        data = _as_dict(route)
        data["key"] = route.key
        data["location"] = str(route.location)
        found.append(data)
    return found


_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _as_dict(value: Any) -> Any:
    """What :func:`dataclasses.asdict` returns, without its deep copy of every string and
    number (immutable: the copy is the value itself), which is most of its time."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _as_dict(getattr(value, name)) for name in names}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return kind(*[_as_dict(item) for item in value])
    if isinstance(value, list | tuple):
        return kind(_as_dict(item) for item in value)
    if isinstance(value, dict):
        return kind((_as_dict(k), _as_dict(v)) for k, v in value.items())
    return copy.deepcopy(value)


def _depends_targets(model: CodeModel) -> set[str]:
    """Functions named in a ``Depends(...)`` anywhere: they are factories."""
    targets = set()
    for module in model.modules.values():
        if not _may_name(module, ("Depends", "Security")):
            continue
        for node in module.calls:
            text = dependency_text(model, module.name, node)
            if text and not text.startswith("Provide["):
                targets.add(text)
    return targets


def _app_factory(model: CodeModel) -> str | None:
    """Where the FastAPI app is made: a factory function, or a module-level app."""
    for module in model.modules.values():
        if not _may_name(module, APP_FACTORIES) or not any(
            _callee(call) in APP_FACTORIES for call in module.calls
        ):
            continue  # no FastAPI(...) anywhere in the module
        for function in module.functions.values():
            if _calls_app(function.node) and any(
                isinstance(n, ast.Return) for n in ast.walk(function.node)
            ):
                return function.qualname
        for name, value in module.assignments.items():
            if isinstance(value, ast.Call) and _callee(value) in APP_FACTORIES:
                return f"{module.name}:{name}"
    return None


def _may_name(module: ModuleModel, names: tuple[str, ...]) -> bool:
    """Whether the module's code can use one of ``names``: the text holds one, or it is
    not ASCII (an identifier spelt with other characters may normalise to one)."""
    return not module.text.isascii() or any(name in module.text for name in names)


def _calls_app(node: ast.AST) -> bool:
    return any(
        isinstance(inner, ast.Call) and _callee(inner) in APP_FACTORIES for inner in ast.walk(node)
    )
