"""Factory calls on the request path: steps or plumbing.

A function that builds and returns a concrete class (``make_repo()``) is plumbing
when the object it returns is itself a step of the same trace; one that returns an
interface (a port, an abstract class) chooses the implementation at run time, and
that choice is a step.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from archbook.application.code_facts.code_model import CodeModel, FunctionModel
from archbook.application.code_facts.code_model import name_of as _name
from archbook.application.tracing.value_types import ValueTypes
from archbook.domain.trace import TraceNode


class Factories:
    """Tells factory calls from steps, given the ports of the facts."""

    def __init__(self, model: CodeModel, values: ValueTypes, ports: Mapping[str, object]) -> None:
        self._model = model
        self._values = values
        self._ports = ports

    def leaf_step(self, node: TraceNode, qualname: str) -> bool:
        """Whether a function reaching nothing is still a step: an application or
        infrastructure function that is no factory of a concrete class. Other leaves
        are helpers (parsing, formatting, settings), not steps."""
        if node.step.kind != "adapter" and node.step.layer != "application":
            return False
        function = self._model.function(qualname)
        return function is None or not self._constructs(function, self.builds_concrete(function))

    def _constructs(self, function: FunctionModel, classes: list[str]) -> bool:
        """Whether the function calls one of ``classes`` itself: a factory builds what
        it returns; ``get(db_session, id) -> Optional[Case]`` only finds one."""
        if not classes:
            return False
        module = function.qualname.partition(":")[0]
        wanted = set(classes)
        return any(
            isinstance(node, ast.Call)
            and self._model.follow(self._model.resolve_expr(module, node.func)) in wanted
            for node in ast.walk(function.node)
        )

    def builds_concrete(self, function: FunctionModel) -> list[str]:
        """Concrete classes a factory returns; none when it returns an interface (a port
        or an abstract class): choosing the implementation at run time is a step."""
        returned = self._values.returned(function)
        if any(c in self._ports or self._is_interface(c) for c in returned):
            return []
        return returned

    def without_factories(self, nodes: list[TraceNode]) -> list[TraceNode]:
        """Drop a factory call (``ctx.factories.members.make_leave()``): a method that
        reaches nothing itself and returns an object whose own call is a step here."""
        traced = {n.step.name.rpartition(".")[0] for n in nodes}
        kept = []
        for node in nodes:
            owner, _, method = node.step.name.rpartition(".")
            klass = self._model.classes.get(owner)
            function = klass.methods.get(method) if klass and not node.children else None
            if function is None or not set(self.builds_concrete(function)) & traced:
                kept.append(node)
        return kept

    def _is_interface(self, qualname: str) -> bool:
        klass = self._model.classes.get(qualname)
        return klass is not None and any(is_abstract(m) for m in klass.methods.values())


def is_abstract(function: FunctionModel) -> bool:
    """Whether a function is decorated ``@abstractmethod``."""
    return any(_name(d) == "abstractmethod" for d in function.node.decorator_list)
