"""The path of a request through the layers: route → handler → service → port → adapter."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from archbook.domain.facts import Location, Route


@dataclass(frozen=True)
class TraceStep:
    """One stop of a request: what it is, where it is written and in which layer."""

    kind: str
    name: str
    location: Location | None
    layer: str
    note: str = ""


@dataclass(frozen=True)
class TraceNode:
    """A step and what it calls next; several children of a port are branches."""

    step: TraceStep
    children: tuple[TraceNode, ...] = ()

    def walk(self) -> Iterator[TraceNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Trace:
    """A route's request path, as a tree rooted at the route."""

    route: Route
    root: TraceNode

    def steps(self) -> list[TraceStep]:
        return [node.step for node in self.root.walk()]


@dataclass(frozen=True)
class PerfFinding:
    """A likely performance problem at a place in the code."""

    rule: str
    message: str
    location: Location
    code: str
    function: str


def trace_text(trace: Trace) -> str:
    """The trace as an indented tree with file:line and layer of every step."""
    lines: list[str] = []

    def show(node: TraceNode, prefix: str, last: bool, top: bool) -> None:
        step = node.step
        name = step.name.rpartition(":")[2] or step.name
        where = f"  {step.location}" if step.location else ""
        layer = f"  [{step.layer}]" if step.layer else ""
        note = f"  ({step.note})" if step.note else ""
        branch = "" if top else ("└─ " if last else "├─ ")
        lines.append(f"{prefix}{branch}{step.kind} {name}{where}{layer}{note}")
        child_prefix = prefix if top else prefix + ("   " if last else "│  ")
        for index, child in enumerate(node.children):
            show(child, child_prefix, index == len(node.children) - 1, False)

    show(trace.root, "", True, True)
    return "\n".join(lines)
