"""Routes of a FastAPI app, read from source: decorators on routers, ``include_router``
chains (also in loops inside an app factory) and mounts resolved to full paths."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from archbook.application.code_facts.code_model import CodeModel, ModuleModel, annotated_alias
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.code_model import name_of as _name
from archbook.domain.facts import Location, Route

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "options", "head", "trace")
ROUTER_FACTORIES = ("APIRouter", "FastAPI", "Starlette", "Router")
APP_FACTORIES = ("FastAPI", "Starlette")
MAX_INCLUDE_DEPTH = 12


@dataclass(frozen=True)
class _Include:
    """``parent.include_router(child, prefix=..., tags=..., dependencies=...)``."""

    parent: str
    prefix: str
    tags: tuple[str, ...] = ()
    dependencies: tuple[str, ...] = ()


@dataclass
class _Router:
    id: str
    is_app: bool
    prefix: str
    tags: tuple[str, ...]
    dependencies: tuple[str, ...]
    parents: list[_Include] = field(default_factory=list)


@dataclass
class _Declared:
    router: str
    method: str
    path: str
    handler: str
    location: Location
    response_model: str | None
    status_code: str | None
    dependencies: tuple[str, ...]
    tags: tuple[str, ...]


def extract_routes(model: CodeModel) -> list[Route]:
    """Every route with its full path; a router included twice gives two routes."""
    routers: dict[str, _Router] = {}
    declared: list[_Declared] = []
    for module in model.modules.values():
        for scope, body in _scopes(module):
            _collect_routers(model, module, scope, body, routers)
    for module in model.modules.values():
        if any(_includes_routers(call) for call in module.calls):
            for scope, body in _scopes(module):
                _collect_includes(model, module, scope, body, routers)
        declared.extend(_declared_routes(model, module, routers))
    routes: list[Route] = []
    for item in declared:
        router = routers[item.router]
        for prefix, tags, deps in _prefixes(router, routers, 0):
            routes.append(
                Route(
                    item.method,
                    _join(prefix, item.path) or "/",
                    item.handler,
                    item.location,
                    item.response_model,
                    item.status_code,
                    deps + item.dependencies,
                    tuple(dict.fromkeys(tags + item.tags)),
                )
            )
    return sorted(set(routes), key=lambda r: (r.path, r.method, r.handler))


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


def _includes_routers(call: ast.Call) -> bool:
    """``x.include_router(...)`` or ``x.mount(...)``: only modules with one are walked."""
    return isinstance(call.func, ast.Attribute) and call.func.attr in ("include_router", "mount")


def _scopes(module: ModuleModel) -> Iterator[tuple[str, list[ast.stmt]]]:
    yield "", module.tree.body
    for function in module.functions.values():
        yield function.name, function.node.body


def _collect_routers(
    model: CodeModel,
    module: ModuleModel,
    scope: str,
    body: list[ast.stmt],
    routers: dict[str, _Router],
) -> None:
    for statement in _walk_statements(body):
        if not isinstance(statement, ast.Assign | ast.AnnAssign) or statement.value is None:
            continue
        call = statement.value
        if not isinstance(call, ast.Call) or _callee(call) not in ROUTER_FACTORIES:
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            if isinstance(target, ast.Name):
                router_id = _scoped(module.name, scope, target.id)
                routers[router_id] = _Router(
                    router_id,
                    _callee(call) in APP_FACTORIES,
                    _keyword_str(call, "prefix") or "",
                    _keyword_strs(call, "tags"),
                    _decorator_dependencies(model, module.name, call),
                )


def _collect_includes(
    model: CodeModel,
    module: ModuleModel,
    scope: str,
    body: list[ast.stmt],
    routers: dict[str, _Router],
) -> None:
    loops: dict[str, list[ast.expr]] = {}
    for statement in _walk_statements(body):
        if (
            isinstance(statement, ast.For)
            and isinstance(statement.target, ast.Name)
            and isinstance(statement.iter, ast.Tuple | ast.List)
        ):
            loops[statement.target.id] = list(statement.iter.elts)
        for node in ast.walk(statement):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr not in ("include_router", "mount") or len(node.args) < 1:
                continue
            parent = _router_id(model, module, scope, node.func.value, routers, {})
            if parent is None:
                continue
            if node.func.attr == "mount":
                if len(node.args) < 2:
                    continue
                include = _Include(parent, _constant_str(node.args[0]) or "")
                child_expr = node.args[1]
            else:
                include = _Include(
                    parent,
                    _keyword_str(node, "prefix") or "",
                    _keyword_strs(node, "tags"),
                    _decorator_dependencies(model, module.name, node),
                )
                child_expr = node.args[0]
            for child in _expand(child_expr, loops):
                child_id = _router_id(model, module, scope, child, routers, loops)
                if child_id is not None and include not in routers[child_id].parents:
                    routers[child_id].parents.append(include)


def _expand(node: ast.expr, loops: dict[str, list[ast.expr]]) -> list[ast.expr]:
    """``m.router`` where ``m`` loops over ``(a, b)`` → ``a.router``, ``b.router``."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        items = loops.get(node.value.id)
        if items:
            return [ast.Attribute(value=item, attr=node.attr, ctx=ast.Load()) for item in items]
    return [node]


def _router_id(
    model: CodeModel,
    module: ModuleModel,
    scope: str,
    node: ast.expr,
    routers: dict[str, _Router],
    loops: dict[str, list[ast.expr]],
) -> str | None:
    if isinstance(node, ast.Name) and scope:
        local = _scoped(module.name, scope, node.id)
        if local in routers:
            return local
    qualified = model.resolve_expr(module.name, node)
    return qualified if qualified in routers else None


def _declared_routes(
    model: CodeModel, module: ModuleModel, routers: dict[str, _Router]
) -> Iterator[_Declared]:
    for function in module.functions.values():
        for decorator in function.node.decorator_list:
            if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Attribute):
                continue
            verb = decorator.func.attr
            if verb not in (*HTTP_METHODS, "websocket", "api_route"):
                continue
            router = _router_id(model, module, "", decorator.func.value, routers, {})
            if router is None:
                continue
            path = _constant_str(decorator.args[0]) if decorator.args else None
            path = path if path is not None else _keyword_str(decorator, "path") or ""
            methods = _methods(verb, decorator)
            dependencies = _decorator_dependencies(model, module.name, decorator)
            dependencies += _parameter_dependencies(model, module.name, function.node)
            for method in methods:
                yield _Declared(
                    router,
                    method,
                    path,
                    function.qualname,
                    Location(module.path, decorator.lineno),
                    _keyword_text(model, module.name, decorator, "response_model"),
                    _keyword_source(decorator, "status_code"),
                    dependencies,
                    _keyword_strs(decorator, "tags"),
                )


def _methods(verb: str, decorator: ast.Call) -> list[str]:
    if verb == "websocket":
        return ["WEBSOCKET"]
    if verb != "api_route":
        return [verb.upper()]
    for keyword in decorator.keywords:
        if keyword.arg == "methods" and isinstance(keyword.value, ast.List | ast.Tuple):
            return [s.upper() for s in (_constant_str(e) for e in keyword.value.elts) if s]
    return ["GET"]


def _parameter_dependencies(model: CodeModel, module: str, node: ast.AST) -> tuple[str, ...]:
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


def _decorator_dependencies(model: CodeModel, module: str, call: ast.Call) -> tuple[str, ...]:
    for keyword in call.keywords:
        if keyword.arg == "dependencies" and isinstance(keyword.value, ast.List | ast.Tuple):
            texts = (dependency_text(model, module, e) for e in keyword.value.elts)
            return tuple(t for t in texts if t)
    return ()


def _prefixes(
    router: _Router, routers: dict[str, _Router], depth: int
) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(prefix, tags, dependencies) for every chain from an app down to ``router``."""
    own = (router.prefix, router.tags, router.dependencies)
    if not router.parents or depth > MAX_INCLUDE_DEPTH:
        return [own]
    chains = []
    for include in router.parents:
        for prefix, tags, deps in _prefixes(routers[include.parent], routers, depth + 1):
            chains.append(
                (
                    _join(_join(prefix, include.prefix), router.prefix),
                    tags + include.tags + router.tags,
                    deps + include.dependencies + router.dependencies,
                )
            )
    return chains


def _join(left: str, right: str) -> str:
    if not right:
        return left
    return left.rstrip("/") + "/" + right.lstrip("/") if left else right


def _walk_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for statement in body:
        yield statement
        for name in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(statement, name, None)
            if isinstance(inner, list) and not isinstance(
                statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
            ):
                yield from _walk_statements([s for s in inner if isinstance(s, ast.stmt)])


def _scoped(module: str, scope: str, name: str) -> str:
    return f"{module}:{scope}.{name}" if scope else f"{module}:{name}"


def _constant_str(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _keyword_str(call: ast.Call, name: str) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return _constant_str(keyword.value)
    return None


def _keyword_strs(call: ast.Call, name: str) -> tuple[str, ...]:
    for keyword in call.keywords:
        if keyword.arg == name and isinstance(keyword.value, ast.List | ast.Tuple):
            return tuple(s for s in (_constant_str(e) for e in keyword.value.elts) if s)
    return ()


def _keyword_text(model: CodeModel, module: str, call: ast.Call, name: str) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            value = keyword.value
            if isinstance(value, ast.Name | ast.Attribute):
                return model.resolve_expr(module, value)
            return ast.unparse(value)
    return None


def _keyword_source(call: ast.Call, name: str) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return ast.unparse(keyword.value)
    return None
