"""What a class's own attributes hold, and which of them a method calls.

``self.repo.save(...)`` in a service method is a step through whatever ``self.repo``
holds: the constructor parameter it was assigned from and that parameter's
annotated type (a dataclass field's annotation when there is no ``__init__``).
Both answers are read once per class or function and kept for the whole trace.
"""

from __future__ import annotations

import ast

from archbook.application.code_facts.code_model import ClassModel, CodeModel, FunctionModel
from archbook.application.code_facts.code_model import name_of as _name

SelfCall = tuple[str | None, str, int]


class SelfAttributes:
    """Typed ``self`` attributes per class and ``self`` calls per function, memoised."""

    def __init__(self, model: CodeModel) -> None:
        self._model = model
        self._types: dict[str, dict[str, tuple[str, str]]] = {}
        self._calls: dict[str, list[SelfCall]] = {}

    def types(self, klass: ClassModel) -> dict[str, tuple[str, str]]:
        """``self.x`` → (constructor parameter, its annotated type) from ``__init__``."""
        if klass.qualname not in self._types:
            self._types[klass.qualname] = self._read_types(klass)
        return self._types[klass.qualname]

    def calls(self, function: FunctionModel) -> list[SelfCall]:
        """The ``self.attr.method(...)`` and ``self.method(...)`` calls of a function."""
        if function.qualname not in self._calls:
            self._calls[function.qualname] = self_calls(function.node)
        return self._calls[function.qualname]

    def _read_types(self, klass: ClassModel) -> dict[str, tuple[str, str]]:
        init = klass.methods.get("__init__")
        if init is None:
            return self._dataclass_fields(klass)
        module = klass.module
        annotations = {
            a.arg: self._model.resolve_expr(module, a.annotation)
            for a in [*init.node.args.args, *init.node.args.kwonlyargs]
            if a.annotation is not None
        }
        result: dict[str, tuple[str, str]] = {}
        for node in ast.walk(init.node):
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Name):
                continue
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                    and node.value.id in annotations
                ):
                    result[target.attr] = (node.value.id, annotations[node.value.id])
        return result

    def _dataclass_fields(self, klass: ClassModel) -> dict[str, tuple[str, str]]:
        result = {}
        for statement in klass.node.body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                annotation = self._model.resolve_expr(klass.module, statement.annotation)
                result[statement.target.id] = (statement.target.id, annotation)
        return result


def self_calls(node: ast.AST) -> list[SelfCall]:
    """``self.attr.method(...)`` → (attr, method); ``self.method(...)`` → (None, method)."""
    calls: list[SelfCall] = []
    for inner in ast.walk(node):
        if not isinstance(inner, ast.Call) or not isinstance(inner.func, ast.Attribute):
            continue
        owner = inner.func.value
        if isinstance(owner, ast.Name) and owner.id == "self":
            calls.append((None, inner.func.attr, inner.lineno))
        elif (
            isinstance(owner, ast.Attribute)
            and isinstance(owner.value, ast.Name)
            and owner.value.id == "self"
        ):
            calls.append((owner.attr, inner.func.attr, inner.lineno))
    return sorted(dict.fromkeys(calls), key=lambda c: c[2])


def self_references(node: ast.AST) -> list[SelfCall]:
    """``run(self.api.count, ...)``: a bound method handed to a call runs there."""
    found: list[SelfCall] = []
    for inner in ast.walk(node):
        if not isinstance(inner, ast.Call):
            continue
        for argument in inner.args:
            if (
                isinstance(argument, ast.Attribute)
                and isinstance(argument.value, ast.Attribute)
                and _name(argument.value.value) == "self"
            ):
                found.append((argument.value.attr, argument.attr, argument.lineno))
    return found
