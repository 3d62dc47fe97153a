"""What a function body binds and calls through values :class:`ValueTypes` follows
(``repo = self.stores.members``, ``self.stores.members.count()``), and the
one-scope statement walk they and ``ValueTypes`` read bodies with."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from archbook.application.code_facts.code_model import ClassModel, name_of

if TYPE_CHECKING:
    from archbook.application.tracing.value_types import ValueTypes

FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef


def assigned_locals(
    values: ValueTypes,
    module: str,
    function: ast.AST,
    env: Mapping[str, Sequence[str]],
    owner: ClassModel | None,
) -> dict[str, list[str]]:
    """Local names a body binds that ``env`` does not know yet, in source order
    (``repo = self.stores.members``, ``uc = ctx.factories.members.make_leave()``)."""
    known: dict[str, list[str]] = {k: list(v) for k, v in env.items()}
    found: dict[str, list[str]] = {}
    for node in scope_nodes(function):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name) and t.id not in known]
            if names:
                classes = values.of(module, node.value, known, owner)
                for name in names if classes else []:
                    known[name] = found[name] = classes
    return found


def chained_calls(
    values: ValueTypes,
    module: str,
    function: ast.AST,
    env: Mapping[str, Sequence[str]],
    owner: ClassModel | None,
) -> list[tuple[str, str, int]]:
    """``receiver.method(...)`` whose receiver is a chain or a call the simpler
    readers leave alone — ``self.stores.members.count()``,
    ``request.app.state.container.users().create()``: (class, method, line).
    A local name and ``self.attr`` are left to them; the caller drops what the
    module-instance and constructed-call readers find too."""
    calls: list[tuple[str, str, int]] = []
    for node in scope_nodes(function):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        receiver = node.func.value
        if isinstance(receiver, ast.Name) or is_self_attr(receiver, name_of(receiver)):
            continue
        for klass in values.of(module, receiver, env, owner):
            calls.append((klass, node.func.attr, node.lineno))
    return sorted(dict.fromkeys(calls), key=lambda c: c[2])


def scope_nodes(scope: ast.AST) -> list[ast.AST]:
    """Statements of one scope in source order, not entering nested functions."""
    found: list[ast.AST] = []
    pending = list(reversed(getattr(scope, "body", [])))
    while pending:
        node = pending.pop()
        if isinstance(node, FUNCTIONS | ast.ClassDef | ast.Lambda):
            continue
        found.append(node)
        pending.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def is_self_attr(node: ast.expr, name: str) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
        and node.attr == name
    )
