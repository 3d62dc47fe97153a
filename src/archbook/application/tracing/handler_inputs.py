"""What a route handler is handed: classes its parameters receive from the container
or a factory, read statically for request traces.

A parameter is served by ``Depends(factory)`` / ``Security(...)`` (the class the
factory returns, or the class itself), ``Depends(Provide[Container.x])`` and nested
containers (what the provider builds), an ``Annotated`` alias defined elsewhere, or
its annotation alone when a container provides that class (Dishka's
``FromDishka[X]``), a bare ``Depends()`` makes FastAPI build it, or the factory
``Depends`` names returns what archbook cannot tell (``server: "SyncServer" =
Depends(get_server)``; a quoted annotation is read as the name it spells).
"""

from __future__ import annotations

import ast

from archbook.application.code_facts.code_model import (
    CodeModel,
    FunctionModel,
    annotated_alias,
    unquoted,
)
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.code_model import name_of as _name
from archbook.application.tracing.trace_calls import returned_classes
from archbook.domain.facts import Facts, Provider


class HandlerInputs:
    """Handler parameters → the classes dependency injection hands them."""

    def __init__(self, model: CodeModel, facts: Facts) -> None:
        self.model = model
        self.facts = facts
        self.by_key = {p.key: p for p in facts.providers}
        self.data_classes = {m.qualname for m in facts.models}
        self.provided = {built for p in facts.providers for built in p.builds}

    def injected(self, handler: FunctionModel, module: str) -> dict[str, list[str]]:
        """Handler parameter → classes it receives from the container or a factory."""
        args = handler.node.args
        params = [*args.args, *args.kwonlyargs]
        defaults = dict(
            zip(
                [a.arg for a in args.args][-len(args.defaults) :] if args.defaults else [],
                args.defaults,
                strict=False,
            )
        )
        defaults.update(
            {
                a.arg: d
                for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=False)
                if d is not None
            }
        )
        found: dict[str, list[str]] = {}
        for param in params:
            candidates = [(module, defaults.get(param.arg)), (module, param.annotation)]
            alias = annotated_alias(self.model, module, param.annotation)
            if alias is not None:
                candidates.append(alias)
            classes: list[str] = []
            bare = factory = False
            for where, node in candidates:
                if node is None:
                    continue
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and _callee(inner) in ("Depends", "Security"):
                        classes.extend(self._dependency_classes(where, inner))
                        bare = bare or not inner.args
                        factory = factory or bool(inner.args)
            if not classes:
                for where, node in candidates[1:]:
                    if node is not None:
                        classes.extend(self._annotated_classes(where, node, bare, factory))
            if classes:
                found[param.arg] = list(dict.fromkeys(classes))
        return found

    def _dependency_classes(self, module: str, call: ast.Call) -> list[str]:
        if not call.args:
            return []
        target = call.args[0]
        if isinstance(target, ast.Subscript) and _name(target.value) in ("Provide", "Provider"):
            provider = self._provided(self.model.resolve_expr(module, target.slice))
            return list(provider.builds) if provider else []
        qualified = self.model.resolve_expr(module, target)
        for provider in self.facts.providers:
            if f"{provider.container}.{provider.name}" == qualified.replace(":", ".", 0) or (
                provider.container == qualified.partition(":")[0]
                and provider.name == qualified.partition(":")[2]
            ):
                return list(provider.builds)
        if qualified in self.model.classes:
            return [qualified]
        return returned_classes(self.model, qualified)

    def _provided(self, reference: str) -> Provider | None:
        """``mod:Container.orders.order_service`` → the provider, through nested containers."""
        module, _, rest = reference.partition(":")
        owner, _, path = rest.partition(".")
        container = f"{module}:{owner}"
        names = path.split(".") if path else []
        provider = None
        for index, name in enumerate(names):
            provider = self.by_key.get(f"{container}.{name}")
            if provider is None:
                return None
            if index < len(names) - 1:
                if not provider.builds:
                    return None
                container = provider.builds[0]
        return provider

    def _annotated_classes(
        self, module: str, annotation: ast.expr, bare: bool, factory: bool = False
    ) -> list[str]:
        """Classes named in a parameter annotation that the container provides, any
        class when a bare ``Depends()`` makes FastAPI build the annotated type itself,
        and any but data when a ``factory`` archbook cannot read hands the value."""
        names = []
        for inner in ast.walk(unquoted(annotation)):
            if isinstance(inner, ast.Name | ast.Attribute):
                qualified = self.model.resolve_expr(module, inner)
                # a factory whose value archbook cannot tell: the annotation says, unless
                # it names data (a query-parameters schema, a table row), not a service
                unread = factory and qualified not in self.data_classes
                if (
                    bare or unread or qualified in self.provided
                ) and qualified in self.model.classes:
                    names.append(qualified)
        return names
