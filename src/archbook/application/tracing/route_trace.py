"""Use case: follow a route's request through handler, services, ports and adapters.

Handlers reach services through ``Depends``/``Provide`` (or a typed parameter for
Dishka); services reach ports through attributes set from typed constructor
parameters; ports reach adapters through what the container binds. Where more than
one adapter can serve a port (a run-time selector, several implementations), every
one is a branch — archbook does not guess.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from archbook.application.code_facts.code_model import (
    ClassModel,
    CodeModel,
    FunctionModel,
)
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.tracing.body_values import assigned_locals, chained_calls
from archbook.application.tracing.factories import Factories, is_abstract
from archbook.application.tracing.handler_inputs import HandlerInputs
from archbook.application.tracing.port_bindings import PortBindings, PortSteps
from archbook.application.tracing.self_attributes import (
    SelfAttributes,
    self_calls,
    self_references,
)
from archbook.application.tracing.trace_calls import (
    attributes_built,
    constructed_calls,
    dispatched_messages,
    function_calls,
    library_attributes,
    library_calls,
    local_instances,
    message_handlers,
    method_calls,
    module_instance_calls,
    self_attribute_classes,
)
from archbook.application.tracing.value_types import ValueTypes
from archbook.domain.facts import Facts
from archbook.domain.trace import Trace, TraceNode, TraceStep
from archbook.exceptions import ArchbookError

MAX_DEPTH = 6


class RouteNotFoundError(ArchbookError):
    """The route asked for does not exist in the repository."""


def trace_request(known: RepoKnowledge, route: str) -> Trace:
    """The request path of ``route`` (``"GET /api/threads"``) through the layers, each
    step named by the layer the repository's rules give it (a contract's own names)."""
    traced = trace_route(known.model, known.facts, known.roles, route)
    if known.roles == known.layers:
        return traced
    return Trace(traced.route, _named_by(traced.root, known.layers, traced.route.handler))


def _named_by(node: TraceNode, layers: Mapping[str, str], handler: str = "") -> TraceNode:
    """``node`` and its children, each step in the layer ``layers`` gives its module
    (the route's step: its handler's)."""
    step = node.step
    module = _module(handler or step.name)
    if module in layers:
        step = dataclasses.replace(step, layer=layers[module])
    return TraceNode(step, tuple(_named_by(child, layers) for child in node.children))


def trace_route(model: CodeModel, facts: Facts, layers: Mapping[str, str], key: str) -> Trace:
    """The request path of route ``key`` (``"GET /api/threads"``)."""
    route = facts.route(key)
    if route is None:
        known = ", ".join(r.key for r in facts.routes[:40]) or "none found"
        raise RouteNotFoundError(f"no route '{key}'; routes: {known}")
    tracer = _Tracer(model, facts, layers)
    handler = model.function(route.handler)
    children: tuple[TraceNode, ...] = ()
    if handler is not None:
        children = (tracer.handler(handler),)
    step = TraceStep("route", route.key, route.location, layers.get(_module(route.handler), ""))
    return Trace(route, TraceNode(step, children))


def _module(qualname: str) -> str:
    return qualname.partition(":")[0]


class _Tracer(PortSteps):
    """Follows one request from its handler; a step per service, port and adapter."""

    def __init__(self, model: CodeModel, facts: Facts, layers: Mapping[str, str]) -> None:
        self.model = model
        self.facts = facts
        self.layers = layers
        self.bindings = PortBindings(model, facts, layers)
        self.adapters = self.bindings.adapters
        self.ports = self.bindings.ports
        self.attributes = SelfAttributes(model)
        self.path: set[str] = set()
        self.handlers = message_handlers(model)
        self.inputs = HandlerInputs(model, facts)
        self.values = ValueTypes(model, {p.key: p.builds for p in facts.providers})
        self.factories = Factories(model, self.values, self.ports)
        self.library_typed: dict[str, dict[str, str]] = {}  # class → self attribute → library

    def handler(self, handler: FunctionModel) -> TraceNode:
        module = _module(handler.qualname)
        injected = self.inputs.injected(handler, module)
        self.path.add(handler.qualname)
        owner = self.model.classes.get(handler.qualname.rpartition(".")[0])
        children = self._handler_self_calls(handler) + self._body(
            handler, module, injected, "service", 0, owner=owner
        )
        self.path.discard(handler.qualname)
        step = TraceStep("handler", handler.qualname, self._where(handler), self._layer(module))
        return TraceNode(step, tuple(children))

    def _handler_self_calls(self, handler: FunctionModel) -> list[TraceNode]:
        """``self.service.m()`` in a class-based handler: the controller's properties and
        annotated attributes say what ``self.service`` is."""
        module, _, name = handler.qualname.partition(":")
        owner = name.rpartition(".")[0]
        klass = self.model.classes.get(f"{module}:{owner}") if owner else None
        if klass is None:
            return []
        attributes = self_attribute_classes(self.model, klass)
        nodes = []
        for attribute, method, line in self_calls(handler.node) + self_references(handler.node):
            if attribute is None:
                continue
            built_by = attributes.get(attribute) or self.values.attribute(klass.qualname, attribute)
            for built in built_by:
                if built in self.ports:
                    nodes.append(self._port(klass, attribute or "", built, method, 0))
                else:
                    nodes.append(self._method(built, method, line, "service", 0))
        return nodes

    def _body(
        self,
        function: FunctionModel,
        module: str,
        injected: dict[str, list[str]],
        kind: str,
        depth: int,
        only_library: bool = False,
        owner: ClassModel | None = None,
    ) -> list[TraceNode]:
        """Steps a function body reaches: methods on injected or locally built objects,
        repository functions it calls, ``Cls(...).m()``, and ports it is handed."""
        if depth > MAX_DEPTH:
            return []
        found: list[tuple[int, TraceNode]] = self._library_steps(function, module)
        if only_library:  # an adapter: its I/O and the public helpers of its own module
            for qualname, line in function_calls(self.model, module, function.node):
                same = _module(qualname) == module
                if same and qualname not in self.path and self._worth_following(qualname, ""):
                    found.append((line, self._function(qualname, kind, depth + 1)))
            found.sort(key=lambda item: item[0])
            return [node for _, node in found]
        local = local_instances(self.model, module, function.node)
        env = {**local, **injected}
        env.update(assigned_locals(self.values, module, function.node, env, owner))
        for variable, method, line in method_calls(function.node, set(env)):
            for klass in env[variable]:
                if klass in self.ports:
                    found.append((line, self._port(None, variable, klass, method, depth)))
                elif variable in injected or self._worth_following(klass, method):
                    found.append((line, self._method(klass, method, line, kind, depth)))
        for qualname, line in function_calls(self.model, module, function.node):
            if qualname in self.path:
                continue
            if _module(qualname) == module and _is_private(qualname):
                # a private helper of the same module is no step, but what it reaches is
                found += [(line, node) for node in self._through(qualname, kind, depth)]
            elif self._worth_following(qualname, ""):
                node = self._function(qualname, kind, depth + 1)
                if node.children or self.factories.leaf_step(node, qualname):
                    found.append((line, node))
        args = function.node.args
        names = set(env) | {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
        reached = [
            *module_instance_calls(self.model, module, function.node, names),
            *constructed_calls(self.model, module, function.node),
            *chained_calls(self.values, module, function.node, env, owner),
        ]
        unique = dict.fromkeys((self.model.follow(k), m, n) for k, m, n in reached)
        for klass, method, line in unique:
            if klass in self.ports:
                found.append((line, self._port(None, "", klass, method, depth)))
            elif self._worth_following(klass, method):
                found.append((line, self._method(klass, method, line, kind, depth)))
        reached_steps = {node.step.name for _, node in found}
        for message, line in dispatched_messages(self.model, module, function.node, env):
            for target in self.handlers.get(message, []):
                # a handler called directly (an injected use case) is reached already
                if target in self.path or target in reached_steps:
                    continue
                node = self._handler_step(target, kind, depth + 1)
                note = f"handles {message.rpartition(':')[2]} (dispatched by message type)"
                step = node.step
                step = TraceStep(step.kind, step.name, step.location, step.layer, note)
                found.append((line, TraceNode(step, node.children)))
        found.sort(key=lambda item: item[0])
        return self.factories.without_factories([node for _, node in found])

    def _library_steps(self, function: FunctionModel, module: str) -> list[tuple[int, TraceNode]]:
        """One adapter step per I/O library object the body calls methods on."""
        calls = library_calls(self.model, module, function.node)
        owner = self.model.classes.get(function.qualname.rpartition(".")[0])
        if owner is not None:  # ``self.engine.find_one()`` with ``engine: AIOEngine``
            if owner.qualname not in self.library_typed:
                self.library_typed[owner.qualname] = library_attributes(self.model, owner)
            typed = self.library_typed[owner.qualname]
            calls += [
                (typed[attribute], method, line)
                for attribute, method, line in self.attributes.calls(function)
                if attribute in typed
            ]
        found: list[tuple[int, TraceNode]] = []
        seen: set[str] = set()
        for library, method, line in sorted(calls, key=lambda c: c[2]):
            if library not in seen:
                seen.add(library)
                note = f"library: {library}.{method}() and other calls on it"
                found.append(
                    (line, TraceNode(TraceStep("adapter", f"{library} (library)", None, "", note)))
                )
        return found

    def _handler_step(self, qualname: str, kind: str, depth: int) -> TraceNode:
        """A message handler: a method of a handler class, or a registered function."""
        owner, _, name = qualname.partition(":")
        klass_name, _, method = name.rpartition(".")
        if klass_name:
            return self._method(f"{owner}:{klass_name}", method, 0, kind, depth)
        return self._function(qualname, kind, depth)

    def _function(self, qualname: str, kind: str, depth: int) -> TraceNode:
        """A module-level function step and what its body reaches."""
        function = self.model.function(qualname)
        layer = self._layer(_module(qualname))
        if function is None:
            return TraceNode(TraceStep(kind, qualname, None, layer, "function not found"))
        self.path.add(qualname)
        adapter = kind == "adapter" or self._is_adapter(qualname)
        kind = "adapter" if adapter else kind  # an infrastructure function does the I/O
        children = self._body(function, _module(qualname), {}, "collaborator", depth, adapter)
        self.path.discard(qualname)
        return TraceNode(TraceStep(kind, qualname, self._where(function), layer), tuple(children))

    def _through(self, qualname: str, kind: str, depth: int) -> list[TraceNode]:
        """The steps a private module-level helper reaches (``_load_rows(session)``
        reading a repository), as the caller's own."""
        function = self.model.function(qualname)
        if function is None or self._layer(_module(qualname)) == "tests":
            return []
        self.path.add(qualname)
        nodes = self._body(function, _module(qualname), {}, kind, depth + 1)
        self.path.discard(qualname)
        return nodes

    def _worth_following(self, qualname: str, method: str) -> bool:
        """A step of the request path, not a detail: outside tests and the domain model
        (an abstract method declared in the domain, a repository interface, is a port
        step), not a private helper, and (for a method) written in the repository."""
        layer = self._layer(_module(qualname))
        if layer == "tests" or (layer == "domain" and not self._abstract(qualname, method)):
            return False
        if qualname.rpartition(":")[2].startswith("_") or method.startswith("_"):
            return False
        if not method:
            return True
        klass = self.model.classes.get(qualname)
        return klass is not None and self._find_method(klass, method) is not None

    def _abstract(self, qualname: str, method: str) -> bool:
        klass = self.model.classes.get(qualname) if method else None
        function = self._find_method(klass, method) if klass else None
        return function is not None and is_abstract(function)

    def _is_adapter(self, qualname: str) -> bool:
        return qualname in self.adapters or self._layer(_module(qualname)) == "infrastructure"

    def _method(self, klass_name: str, method: str, line: int, kind: str, depth: int) -> TraceNode:
        klass_name = self.model.follow(klass_name)
        klass = self.model.classes.get(klass_name)
        function = self._find_method(klass, method) if klass else None
        layer = self._layer(_module(klass_name))
        name = f"{klass_name}.{method}"
        if function is None or klass is None or depth > MAX_DEPTH:
            return TraceNode(TraceStep(kind, name, None, layer, "method not found in source"))
        if function.qualname in self.path:
            note = "calls itself through a port; not followed again"
            return TraceNode(TraceStep(kind, function.qualname, self._where(function), layer, note))
        if is_abstract(function) and kind != "adapter":
            return self._abstract_port(klass, function, method, depth)
        step = TraceStep(kind, function.qualname, self._where(function), layer)
        self.path.add(function.qualname)
        children = tuple(self._calls_of(klass, function, depth))
        self.path.discard(function.qualname)
        return TraceNode(step, children)

    def _calls_of(self, klass: ClassModel, function: FunctionModel, depth: int) -> list[TraceNode]:
        """Port calls (``self._repo.m()``), own helper calls (``self._load()``), and what
        the body reaches otherwise (functions, locally built objects, ports handed in)."""
        attributes: dict[str, tuple[str, str]] = {}
        for owner in [
            klass,
            *(
                self.model.classes[b]
                for b in sorted(self.model.ancestors(klass))
                if b in self.model.classes
            ),
        ]:
            for name, typed in self.attributes.types(owner).items():
                attributes.setdefault(name, typed)
        adapter = self._is_adapter(klass.qualname)
        nodes = self._body(
            function, _module(function.qualname), {}, "collaborator", depth + 1, adapter, klass
        )
        for attribute, method, line in self.attributes.calls(function):
            if attribute is None:  # a public own method reaching something is a step
                own = self._find_method(klass, method)
                if own is None or own.qualname == function.qualname or own.qualname in self.path:
                    continue
                if method.startswith("_") or is_abstract(own):
                    nodes.extend(self._calls_of(klass, own, depth + 1))
                else:
                    step = self._method(klass.qualname, method, line, "collaborator", depth + 1)
                    nodes.extend([step] if step.children else [])
                continue
            parameter, type_name = attributes.get(attribute, (attribute, ""))
            if type_name in self.ports:
                nodes.append(self._port(klass, parameter, type_name, method, depth))
            elif type_name in self.model.classes:
                nodes.append(self._method(type_name, method, line, "collaborator", depth + 1))
            else:
                built_by = attributes_built(self.model, klass, attribute) or self.values.attribute(
                    klass.qualname, attribute
                )
                for built in built_by:
                    if built in self.ports:
                        nodes.append(self._port(klass, parameter, built, method, depth))
                    elif self._worth_following(built, method):
                        nodes.append(self._method(built, method, line, "collaborator", depth + 1))
        unique = {(n.step.kind, n.step.name): n for n in reversed(nodes)}  # first one kept
        return [n for n in nodes if unique[(n.step.kind, n.step.name)] is n]


def _is_private(qualname: str) -> bool:
    return qualname.rpartition(":")[2].startswith("_")
