"""What a route declaration's arguments say, read from its syntax: the HTTP methods
of a decorator, the dependencies of a handler's parameters and of ``dependencies=``,
keyword values, and how path prefixes join."""

from __future__ import annotations

import ast

from archbook.application.code_facts.code_model import CodeModel, annotated_alias
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.code_model import name_of as _name


def dependency_text(model: CodeModel, module: str, node: ast.expr) -> str | None:
    """``Depends(x)`` → the qualified dependency; ``Provide[C.x]`` kept as such."""
    if not isinstance(node, ast.Call) or _callee(node) not in ("Depends", "Security"):
        return None
    if not node.args:
        return "Depends()"
    target = node.args[0]
    if isinstance(target, ast.Subscript) and _name(target.value) in ("Provide", "Provider"):
        return f"Provide[{model.resolve_expr(module, target.slice)}]"
    return model.resolve_expr(module, target)


def declared_methods(verb: str, decorator: ast.Call) -> list[str]:
    if verb == "websocket":
        return ["WEBSOCKET"]
    if verb != "api_route":
        return [verb.upper()]
    return listed_methods(decorator) or ["GET"]


def listed_methods(call: ast.Call) -> list[str]:
    value = keyword(call, "methods")
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return [s.upper() for s in (constant_str(e) for e in value.elts) if s]
    return []


def parameter_dependencies(model: CodeModel, module: str, node: ast.AST) -> tuple[str, ...]:
    found: list[str] = []
    args = node.args if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None
    if args is None:
        return ()
    defaults = [*args.defaults, *[d for d in args.kw_defaults if d is not None]]
    annotations = [a.annotation for a in [*args.args, *args.kwonlyargs] if a.annotation]
    places = [(module, n) for n in [*defaults, *annotations]]
    places += [
        alias for a in annotations if (alias := annotated_alias(model, module, a)) is not None
    ]
    for where, node_ in places:
        for inner in ast.walk(node_):
            text = dependency_text(model, where, inner) if isinstance(inner, ast.expr) else None
            if text and text not in found:
                found.append(text)
    return tuple(found)


def decorator_dependencies(model: CodeModel, module: str, call: ast.Call) -> tuple[str, ...]:
    value = keyword(call, "dependencies")
    if isinstance(value, ast.List | ast.Tuple):
        texts = (dependency_text(model, module, e) for e in value.elts)
        return tuple(t for t in texts if t)
    return ()


def join_path(left: str, right: str) -> str:
    if not right:
        return left
    return left.rstrip("/") + "/" + right.lstrip("/") if left else right


def toggle_slash(path: str) -> str:
    return path[:-1] if path.endswith("/") and len(path) > 1 else path + "/"


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def constant_str(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def keyword_strs(call: ast.Call, name: str) -> tuple[str, ...]:
    value = keyword(call, name)
    if isinstance(value, ast.List | ast.Tuple):
        return tuple(s for s in (constant_str(e) for e in value.elts) if s)
    return ()


def keyword_text(model: CodeModel, module: str, call: ast.Call, name: str) -> str | None:
    value = keyword(call, name)
    if value is None:
        return None
    if isinstance(value, ast.Name | ast.Attribute):
        return model.resolve_expr(module, value)
    return ast.unparse(value)


def keyword_source(call: ast.Call, name: str) -> str | None:
    value = keyword(call, name)
    return None if value is None else ast.unparse(value)
