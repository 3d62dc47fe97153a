"""Which adapters serve a port at a given place of the request path, and the port
steps of a trace they make.

A container that builds the service says which object it hands to the parameter
the port arrives through (a selector's branches each name one); without one, every
class that implements the port is a branch, and for a ``Protocol`` every class of
the right shape too. Classes of test modules are never branches. An abstract
method reached through a class the facts do not list as a port is a port step too,
its branches the subclasses implementing it.
"""

from __future__ import annotations

from collections.abc import Mapping

from archbook.application.code_facts.code_model import (
    ClassModel,
    CodeModel,
    FunctionModel,
    find_method,
)
from archbook.application.tracing.factories import is_abstract
from archbook.application.tracing.trace_calls import structural_implementations
from archbook.domain.facts import AdapterFact, Facts, Location, PortFact, Provider
from archbook.domain.trace import TraceNode, TraceStep


class PortBindings:
    """The adapters the facts bind to each port, per service and constructor parameter."""

    def __init__(self, model: CodeModel, facts: Facts, layers: Mapping[str, str]) -> None:
        self._model = model
        self._facts = facts
        self._layers = layers
        self._by_key = {p.key: p for p in facts.providers}
        self.ports = {p.qualname: p for p in facts.ports}
        self.adapters = {a.qualname: a for a in facts.adapters}
        # "module:" prefixes of test modules; a NUL never starts a qualname
        self.tests = tuple(m + ":" for m, layer in layers.items() if layer == "tests") or ("\0",)

    def bound(self, service: str, parameter: str, port: str) -> list[tuple[str, str]]:
        """(adapter, note) the container binds to ``service``'s ``parameter``; all
        implementations of ``port`` when no container says."""
        bound: list[tuple[str, str]] = []
        for provider in self._facts.providers:
            if service not in provider.builds:
                continue
            value = dict(provider.arguments).get(parameter)
            if value is None:
                continue
            sibling = self._by_key.get(f"{provider.container}.{value}")
            if sibling is not None:
                bound.extend(_branches(sibling))
            elif value in self._model.classes:
                bound.append((value, ""))
        if not bound:
            # Dishka registers an implementation as the port's type: ``provide(SqlRepo,
            # provides=Repo)``; the container hands that one, whoever asks
            bound = [
                (built, "")
                for provider in self._facts.providers
                if provider.provides == port
                for built in provider.builds
                if not built.startswith(self.tests)
            ]
        if not bound:
            bound = [
                (a.qualname, "implementation")
                for a in self._facts.adapters
                if port in a.implements
                and a.qualname not in self.ports
                and not a.qualname.startswith(self.tests)
            ]
        protocol = self.ports[port].kind == "protocol"  # only Protocols match by shape
        # the facts' implementations of a Protocol are the classes of its shape already
        # (those named after it where the shape is common): modules of functions remain
        if protocol and not any(note != "implementation" for _, note in bound):
            # a module of route handlers is no adapter, whatever its functions are called
            # (``async def add_product(...)`` handling a request beside a port's method)
            handlers = {route.handler.partition(":")[0] for route in self._facts.routes}
            bound += [
                (name, note)
                for name, note in structural_implementations(
                    self._model, self.ports[port], set(self.ports) | handlers
                )
                if not (name + ":").startswith(self.tests)
                and self._layers.get(name.partition(":")[0], "") != "tests"
                and (not bound or ":" not in name)
            ]
        unique: dict[str, str] = {}
        for name, note in bound:
            if name not in self.ports:
                unique.setdefault(name, note)
        return list(unique.items())


def _branches(provider: Provider) -> list[tuple[str, str]]:
    if provider.branches:
        return [
            (built, f"{provider.name}[{key}]")
            for key, built in zip(provider.branches, provider.builds, strict=False)
        ]
    return [(built, "") for built in provider.builds]


class PortSteps:
    """The port steps of a request tracer: a port with one branch per adapter serving
    it, and where steps are. The tracer supplies the method and function steps."""

    model: CodeModel
    layers: Mapping[str, str]
    bindings: PortBindings
    ports: Mapping[str, PortFact]
    adapters: Mapping[str, AdapterFact]

    def _method(self, klass_name: str, method: str, line: int, kind: str, depth: int) -> TraceNode:
        raise NotImplementedError

    def _function(self, qualname: str, kind: str, depth: int) -> TraceNode:
        raise NotImplementedError

    def _abstract_port(
        self, klass: ClassModel, function: FunctionModel, method: str, depth: int
    ) -> TraceNode:
        """An abstract method reached through a class the facts do not list as a port:
        a port step whose branches are the repository subclasses implementing it."""
        tests = self.bindings.tests
        children: list[TraceNode] = []
        subclasses = list(self.model.subclasses_of(klass.qualname))
        for sub in subclasses:
            found = self._find_method(sub, method)
            if found is None or is_abstract(found) or sub.qualname.startswith(tests):
                continue
            own = found.qualname == f"{sub.qualname}.{method}"
            leaf = not any(sub.qualname in other.bases for other in subclasses)
            if not own and not leaf:
                continue  # an inherited implementation is shown on the concrete classes
            node = self._method(sub.qualname, method, 0, "adapter", depth + 1)
            if not own:
                inherited = found.qualname.rpartition(":")[2].partition(".")[0]
                step = node.step
                node = TraceNode(
                    TraceStep(
                        step.kind,
                        f"{sub.qualname}.{method}",
                        Location(self.model.modules[sub.module].path, sub.line),
                        step.layer,
                        f"inherited from {inherited}",
                    ),
                    node.children,
                )
            children.append(node)
        if not children:
            why = "no repository subclass implements it"
            children = [TraceNode(TraceStep("adapter", "unresolved", None, "", why))]
        note = "" if len(children) < 2 else f"{len(children)} adapters: chosen at run time"
        own = function.qualname == f"{klass.qualname}.{method}"
        where = self._where(function)
        if not own:
            where = Location(self.model.modules[klass.module].path, klass.line)
            declared = function.qualname.rpartition(":")[2].partition(".")[0]
            note = ", ".join(n for n in [f"declared in {declared}", note] if n)
        name = f"{klass.qualname}.{method}"
        step = TraceStep("port", name, where, self._layer(klass.module), note)
        return TraceNode(step, tuple(children))

    def _port(
        self, service: ClassModel | None, parameter: str, port: str, method: str, depth: int
    ) -> TraceNode:
        port_fact = self.ports[port]
        port_method = next((m for m in port_fact.methods if m.name == method), None)
        location = Location(port_fact.location.path, port_method.line) if port_method else None
        branches = self.bindings.bound(service.qualname if service else "", parameter, port)
        children = []
        if not branches:
            why = "no class or module in the repository implements it"
            if port_method is None:
                why = f"the port declares no method '{method}'"
            children.append(TraceNode(TraceStep("adapter", "unresolved", None, "", why)))
        for adapter, note in branches:
            if adapter in self.model.modules:
                node = self._function(f"{adapter}:{method}", "adapter", depth + 1)
            else:
                node = self._method(adapter, method, 0, "adapter", depth + 1)
            fact = self.adapters.get(adapter)
            extra = [note] if note else []
            if fact is not None:
                extra += [*fact.technologies, *(["fake"] if fact.fake else [])]
            children.append(
                TraceNode(
                    TraceStep(
                        node.step.kind,
                        node.step.name,
                        node.step.location,
                        node.step.layer,
                        ", ".join(e for e in [*extra, node.step.note] if e),
                    ),
                    node.children,
                )
            )
        note = "" if len(children) < 2 else f"{len(children)} adapters: chosen at run time"
        step = TraceStep(
            "port", f"{port}.{method}", location, self._layer(port.partition(":")[0]), note
        )
        return TraceNode(step, tuple(children))

    def _find_method(self, klass: ClassModel, method: str) -> FunctionModel | None:
        return find_method(self.model, klass, method)

    def _where(self, function: FunctionModel) -> Location:
        return Location(self.model.modules[function.qualname.partition(":")[0]].path, function.line)

    def _layer(self, module: str) -> str:
        return self.layers.get(module, "")
