"""Which adapters serve a port at a given place of the request path.

A container that builds the service says which object it hands to the parameter
the port arrives through (a selector's branches each name one); without one, every
class that implements the port is a branch, and for a ``Protocol`` every class of
the right shape too. Classes of test modules are never branches.
"""

from __future__ import annotations

from collections.abc import Mapping

from archbook.application.code_facts.code_model import CodeModel
from archbook.application.tracing.trace_calls import structural_implementations
from archbook.domain.facts import Facts, Provider


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
            bound = [
                (a.qualname, "implementation")
                for a in self._facts.adapters
                if port in a.implements
                and a.qualname not in self.ports
                and not a.qualname.startswith(self.tests)
            ]
        protocol = self.ports[port].kind == "protocol"  # only Protocols match by shape
        if protocol and not any(note != "implementation" for _, note in bound):
            bound += [
                (name, note)
                for name, note in structural_implementations(
                    self._model, self.ports[port], set(self.ports)
                )
                if not (name + ":").startswith(self.tests)
                and self._layers.get(name.partition(":")[0], "") != "tests"
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
