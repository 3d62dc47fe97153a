"""Strings a route path or prefix is built from, worked out from source text.

Prefixes are rarely literals in real code: ``prefix=settings.API_V1_STR`` reads a
settings class default, ``f"{API}/users"`` an f-string over a module constant,
``BASE + "/items"`` a concatenation. This module folds such expressions to one
string when every part is a constant somewhere in the repository, and answers
``None`` otherwise — a value only known at run time is never guessed.
"""

from __future__ import annotations

import ast

from archbook.application.code_facts.code_model import ClassModel, CodeModel
from archbook.application.code_facts.code_model import callee as _callee

MAX_FOLD_DEPTH = 8
UNKNOWN = object()  # a value only known at run time


def string_value(
    model: CodeModel, module: str, node: ast.expr, local: dict[str, ast.expr] | None = None
) -> str | None:
    """The string ``node`` always evaluates to, or ``None`` when that is not static."""
    value = _fold(model, module, node, local or {}, 0)
    return value if isinstance(value, str) else None


def static_value(
    model: CodeModel, module: str, node: ast.expr, local: dict[str, ast.expr] | None = None
) -> object:
    """The constant (str, number, bool, ``None``) ``node`` evaluates to, else ``UNKNOWN``."""
    return _fold(model, module, node, local or {}, 0)


def static_truth(
    model: CodeModel, module: str, test: ast.expr, local: dict[str, ast.expr] | None = None
) -> bool | None:
    """Whether an ``if`` test on static values holds (``None`` when not static):
    ``settings.ENV == "development"`` with the settings class default ``None``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = static_truth(model, module, test.operand, local)
        return None if inner is None else not inner
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left = static_value(model, module, test.left, local)
        right = static_value(model, module, test.comparators[0], local)
        if left is UNKNOWN or right is UNKNOWN:
            return None
        op = test.ops[0]
        if isinstance(op, ast.Eq | ast.Is):
            return left == right
        if isinstance(op, ast.NotEq | ast.IsNot):
            return left != right
        return None
    value = static_value(model, module, test, local)
    return None if value is UNKNOWN else bool(value)


def class_attribute(model: CodeModel, klass: ClassModel, name: str) -> ast.expr | None:
    """The value a class (or a base defined in the repository) assigns to ``name``."""
    for owner in [klass, *(model.classes[b] for b in model.ancestors(klass) if b in model.classes)]:
        for statement in owner.node.body:
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and statement.target.id == name
                and statement.value is not None
            ):
                return _field_default(statement.value)
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        return statement.value
    return None


def instance_class(model: CodeModel, module: str, node: ast.expr) -> ClassModel | None:
    """The repository class an expression is an instance of: ``Settings()``, a module
    name bound to ``Settings()``, or ``get_settings()`` returning one."""
    for _ in range(MAX_FOLD_DEPTH):
        if isinstance(node, ast.Call):
            target = model.resolve_expr(module, node.func)
            if target in model.classes:
                return model.classes[target]
            function = model.function(target)
            if function is None:
                return None
            if function.node.returns is not None:
                declared = model.resolve_expr(target.partition(":")[0], function.node.returns)
                if declared in model.classes:
                    return model.classes[declared]
            returned = _returned(function.node)
            if returned is None:
                return None
            module, node = target.partition(":")[0], returned
            continue
        if isinstance(node, ast.Name | ast.Attribute):
            qualname = model.resolve_expr(module, node)
            if qualname in model.classes:
                return model.classes[qualname]
            owner, _, name = qualname.partition(":")
            defined = model.modules.get(owner)
            if defined is None or name not in defined.assignments:
                return None
            module, node = owner, defined.assignments[name]
            continue
        return None
    return None


def _fold(
    model: CodeModel, module: str, node: ast.expr, local: dict[str, ast.expr], depth: int
) -> object:
    if depth > MAX_FOLD_DEPTH:
        return UNKNOWN
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            inner = value.value if isinstance(value, ast.FormattedValue) else value
            text = _fold(model, module, inner, local, depth + 1)
            if not isinstance(text, str):
                return UNKNOWN
            parts.append(text)
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _fold(model, module, node.left, local, depth + 1)
        right = _fold(model, module, node.right, local, depth + 1)
        both = isinstance(left, str) and isinstance(right, str)
        return left + right if both else UNKNOWN  # type: ignore[operator]
    if isinstance(node, ast.Name) and node.id in local:
        return _fold(model, module, local[node.id], {}, depth + 1)
    if isinstance(node, ast.Name):
        owner, _, name = model.resolve_name(module, node.id).partition(":")
        defined = model.modules.get(owner)
        if defined is not None and name in defined.assignments:
            return _fold(model, owner, defined.assignments[name], {}, depth + 1)
        return UNKNOWN
    if isinstance(node, ast.Attribute):
        return _attribute(model, module, node, local, depth)
    return UNKNOWN


def _attribute(
    model: CodeModel, module: str, node: ast.Attribute, local: dict[str, ast.expr], depth: int
) -> object:
    """``settings.X`` / ``Settings.X`` / ``get_settings().X`` / ``consts.X``."""
    qualname = model.resolve_expr(module, node)
    owner, _, name = qualname.partition(":")
    defined = model.modules.get(owner)
    if defined is not None and name in defined.assignments:
        return _fold(model, owner, defined.assignments[name], {}, depth + 1)
    owner_node = node.value
    if isinstance(owner_node, ast.Name) and owner_node.id in local:
        owner_node = local[owner_node.id]
    klass = instance_class(model, module, owner_node)
    if klass is None:
        return UNKNOWN
    value = class_attribute(model, klass, node.attr)
    return UNKNOWN if value is None else _fold(model, klass.module, value, {}, depth + 1)


def _field_default(value: ast.expr) -> ast.expr:
    """``Field("x")`` / ``Field(default="x")`` → ``"x"``; anything else as is."""
    if isinstance(value, ast.Call) and _callee(value) == "Field":
        if value.args:
            return value.args[0]
        for keyword in value.keywords:
            if keyword.arg == "default":
                return keyword.value
    return value


def _returned(function: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.expr | None:
    for node in ast.walk(function):
        if isinstance(node, ast.Return) and node.value is not None:
            return node.value
    return None
