"""The places route code lives in: the module body, every function (nested too), every
class body and method — with the names each scope can see and the loops around a call.

FastAPI routes are registered wherever code runs: at module level, inside
``make_*_router()`` factories and app factories, in a class ``__init__``
(``self.router.add_api_route``), in lifespan functions. Route discovery walks every
scope alike, so none of these places is special.
"""

from __future__ import annotations

import ast
import copy
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from archbook.application.code_facts.code_model import CodeModel, ModuleModel, find_method
from archbook.application.code_facts.tree_reading import FunctionNode

DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
MAX_LOOP_ITERATIONS = 200
# Statements that hold no statements (most of them): :func:`statements` skips the search.
_SIMPLE = frozenset(
    {ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Import}
    | {ast.ImportFrom, ast.Pass, ast.Raise, ast.Delete, ast.Assert, ast.Global, ast.Nonlocal}
    | {ast.Break, ast.Continue}
)


@dataclass(frozen=True)
class Scope:
    """A body of statements: ``path`` is ``""`` (module), ``f``, ``C``, ``C.m`` or ``f.g``."""

    module: ModuleModel
    path: str
    klass: str | None  # the class whose ``self``/``cls`` this scope sees
    body: list[ast.stmt]
    # the ``def`` whose body this is, where the scope was made from it (``scopes``)
    node: ast.FunctionDef | ast.AsyncFunctionDef | None = field(default=None, compare=False)

    def local_id(self, name: str, path: str | None = None) -> str:
        """The id of a name bound in this scope (or in the enclosing ``path``)."""
        where = self.path if path is None else path
        return f"{self.module.name}:{where}.{name}" if where else f"{self.module.name}:{name}"

    def enclosing_paths(self) -> list[str]:
        """This scope's path and each enclosing one, innermost first, module last."""
        parts = self.path.split(".") if self.path else []
        return [".".join(parts[:n]) for n in range(len(parts), -1, -1)]

    def self_id(self, attribute: str) -> str | None:
        """``self.router`` in a method of ``C`` → ``module:C.router``."""
        return f"{self.module.name}:{self.klass}.{attribute}" if self.klass else None

    @cached_property
    def assigned(self) -> dict[str, ast.expr]:
        """:func:`local_values`, read once per scope: an app factory including a thousand
        routers asks for it once per include."""
        return _local_values(self)


def scopes(module: ModuleModel) -> Iterator[Scope]:
    """The module body, then every class and function body inside it, depth first."""
    yield Scope(module, "", None, module.tree.body)
    yield from _nested(module, module.tree.body, "", None)


def statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a body, entering ``if``/``for``/``with``/``try`` but not defs
    (depth first: a statement, then its body, orelse, finalbody, handlers and cases)."""
    pending = body[::-1]  # a stack, not nested generators: this runs for every scope
    while pending:
        statement = pending.pop()
        yield statement
        if statement.__class__ in _SIMPLE or isinstance(statement, FunctionNode | ast.ClassDef):
            continue
        inner: list[ast.stmt] = []
        for name in ("body", "orelse", "finalbody"):
            block = getattr(statement, name, None)
            if isinstance(block, list):
                inner += [s for s in block if isinstance(s, ast.stmt)]
        for handler in getattr(statement, "handlers", None) or []:
            inner += handler.body
        for case in getattr(statement, "cases", None) or []:
            inner += case.body
        pending += inner[::-1]


def calls(
    body: list[ast.stmt], holds: Callable[[ast.expr], bool | None]
) -> Iterator[tuple[ast.Call, list[ast.For]]]:
    """Every call in a body (not in nested defs or lambdas) with the loops around it,
    leaving out branches of an ``if`` that ``holds`` says never run."""
    for statement in body:
        yield from _calls_in(statement, [], holds)


def functions_with_scope(module: ModuleModel) -> Iterator[tuple[Scope, FunctionNode]]:
    """Every ``def`` of a module with the scope it is written in (duplicates kept)."""
    for scope in scopes(module):
        for statement in statements(scope.body):
            if isinstance(statement, FunctionNode):
                yield scope, statement


def find_function(model: CodeModel, scope: Scope, node: ast.expr) -> tuple[str, str, int] | None:
    """The handler an endpoint expression names: (qualname, file, def line)."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in ("self", "cls")
        and scope.klass
    ):
        klass = model.classes.get(f"{scope.module.name}:{scope.klass}")
        method = find_method(model, klass, node.attr) if klass else None
        if method is None:
            return None
        return (
            method.qualname,
            model.modules[method.qualname.partition(":")[0]].path,
            method.line,
        )
    if isinstance(node, ast.Name):
        for path in scope.enclosing_paths()[:-1]:
            for statement in statements(_body_at(scope.module, path)):
                if isinstance(statement, FunctionNode) and statement.name == node.id:
                    qualname = f"{scope.module.name}:{path}.{node.id}"
                    return qualname, scope.module.path, statement.lineno
    if isinstance(node, ast.Call):
        return _made_function(model, scope, node)
    qualname = model.resolve_expr(scope.module.name, node)
    function = model.function(qualname)
    if function is None:
        return None
    return function.qualname, model.modules[qualname.partition(":")[0]].path, function.line


def _made_function(model: CodeModel, scope: Scope, call: ast.Call) -> tuple[str, str, int] | None:
    """The handler an endpoint factory returns: ``add_api_route("/health",
    health_check(runner))`` where ``def health_check(runner)`` defines a nested
    ``def _check()`` and returns it. Only a module-level factory that returns one of
    its own nested functions by name counts."""
    qualname = model.resolve_expr(scope.module.name, call.func)
    factory = model.function(qualname) if "." not in qualname.partition(":")[2] else None
    if factory is None:
        return None
    nested = {
        statement.name: statement
        for statement in statements(factory.node.body)
        if isinstance(statement, FunctionNode)
    }
    returned = {
        node.value.id
        for node in ast.walk(factory.node)
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name)
    }
    made = [nested[name] for name in sorted(returned) if name in nested]
    if len(made) != 1:
        return None
    module = qualname.partition(":")[0]
    return f"{qualname}.{made[0].name}", model.modules[module].path, made[0].lineno


# Loops and local names around a route call: the values a loop variable takes and what a
# function assigns, so `for router in (users, items): app.include_router(router)` counts each.


def function_node(scope: Scope) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The ``def`` whose body a scope is (``None`` for module and class bodies)."""
    if scope.node is not None:
        return scope.node
    if scope.klass == scope.path or not scope.path:
        return None
    parent = scope.path.rpartition(".")[0]
    name = scope.path.rpartition(".")[2]
    body = scope.module.tree.body
    for part in parent.split(".") if parent else []:
        body = next(
            (
                s.body
                for s in statements(body)
                if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                and s.name == part
            ),
            [],
        )
    for statement in statements(body):
        if (
            isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
            and statement.name == name
            and statement.body is scope.body
        ):
            return statement
    return None


def loop_iterations(
    model: CodeModel, scope: Scope, loops: list[ast.For]
) -> list[dict[str, ast.expr]]:
    """Name bindings for each run of the loops around a call ([{}] outside loops)."""
    runs: list[list[dict[str, ast.expr]]] = []
    for loop in loops:
        items = loop_items(model, scope, loop.iter)
        if items is None:
            return [{}]
        bindings = [_bind(loop.target, item) for item in items]
        runs.append([b for b in bindings if b is not None])
    combined = [
        dict(itertools.chain.from_iterable(d.items() for d in c)) for c in itertools.product(*runs)
    ]
    return combined[:MAX_LOOP_ITERATIONS] or [{}]


def loop_items(model: CodeModel, scope: Scope, node: ast.expr) -> list[ast.expr] | None:
    """The items a loop runs over, when written as a list: in place, bound in the
    function, or bound at the top of a module. Items of another module's list
    (``from app.routers import ROUTERS``) carry that module as their ``home``, where
    the names they hold are bound."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return list(node.elts)
    if isinstance(node, ast.Name):
        value = local_value(scope, node.id)
        owner = scope.module.name
        if value is None:
            owner, _, name = model.resolve_name(scope.module.name, node.id).partition(":")
            defined = model.modules.get(owner)
            value = defined.assignments.get(name) if defined is not None else None
        if isinstance(value, ast.List | ast.Tuple | ast.Set):
            if owner == scope.module.name:
                return list(value.elts)
            return [_homed(item, owner) for item in value.elts]
    return None


def _homed(item: ast.expr, module: str) -> ast.expr:
    """A copy of ``item`` whose names are bound in ``module`` (see ``home_of``)."""
    copied = copy.deepcopy(item)
    copied.home = module  # type: ignore[attr-defined]
    return copied


def home_of(node: ast.expr) -> str | None:
    """The module an expression's names are bound in, when it was taken from another
    module than the one it is read in (``_homed``); else None."""
    return getattr(node, "home", None)


def _bind(target: ast.expr, item: ast.expr) -> dict[str, ast.expr] | None:
    if isinstance(target, ast.Name):
        return {target.id: item}
    if isinstance(target, ast.Tuple) and isinstance(item, ast.Tuple | ast.List):
        if len(target.elts) != len(item.elts):
            return None
        bound: dict[str, ast.expr] = {}
        for one, value in zip(target.elts, item.elts, strict=True):
            inner = _bind(one, value)
            if inner is None:
                return None
            bound.update(inner)
        return bound
    return None


def substitute(node: ast.expr, bound: dict[str, ast.expr]) -> ast.expr:
    """A copy of ``node`` with loop variables replaced by one run's values."""

    class _Replace(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.expr:
            value = bound.get(name.id)
            return copy.deepcopy(value) if value is not None else name

    return _Replace().visit(copy.deepcopy(node))


def local_value(scope: Scope, name: str) -> ast.expr | None:
    """The value a function scope assigns to ``name`` (module names are resolved elsewhere)."""
    if not scope.path:
        return None
    return local_values(scope).get(name)


def local_values(scope: Scope) -> dict[str, ast.expr]:
    """What a function scope assigns to plain names (shared: callers only read it)."""
    return scope.assigned


def _local_values(scope: Scope) -> dict[str, ast.expr]:
    """A function's assignments to plain names, over the text defaults of its
    parameters (``def create_app(health_path: str = "/health")``: the path a factory's
    routes have unless a caller says otherwise)."""
    found: dict[str, ast.expr] = {}
    if not scope.path:
        return found
    function = function_node(scope)
    if function is not None:
        arguments = function.args
        positional = [*arguments.posonlyargs, *arguments.args]
        defaulted = positional[len(positional) - len(arguments.defaults) :]
        pairs = [
            *zip(defaulted, arguments.defaults, strict=True),
            *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
        ]
        for argument, default in pairs:
            if isinstance(default, ast.Constant) and isinstance(default.value, str):
                found[argument.arg] = default
    for statement in statements(scope.body):
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = statement.value
    return found


def _body_at(module: ModuleModel, path: str) -> list[ast.stmt]:
    body = module.tree.body
    for part in path.split("."):
        for statement in statements(body):
            if isinstance(statement, DefNode) and statement.name == part:
                body = statement.body
                break
        else:
            return []
    return body


def _nested(
    module: ModuleModel, body: list[ast.stmt], path: str, klass: str | None
) -> Iterator[Scope]:
    for statement in statements(body):
        if not isinstance(statement, DefNode):
            continue
        inner = f"{path}.{statement.name}" if path else statement.name
        if isinstance(statement, ast.ClassDef):
            yield Scope(module, inner, inner, statement.body)
            yield from _nested(module, statement.body, inner, inner)
        else:
            yield Scope(module, inner, klass, statement.body, statement)
            yield from _nested(module, statement.body, inner, klass)


def _plain(node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> bool:
    """A comprehension over one iterable, with no condition and no ``async for``."""
    return (
        len(node.generators) == 1 and not node.generators[0].ifs and not node.generators[0].is_async
    )


def _calls_in(
    node: ast.AST, loops: list[ast.For], holds: Callable[[ast.expr], bool | None]
) -> Iterator[tuple[ast.Call, list[ast.For]]]:
    if isinstance(node, FunctionNode | ast.ClassDef | ast.Lambda):
        if isinstance(node, DefNode):
            for decorator in node.decorator_list:
                yield from _calls_in(decorator, loops, holds)
        return
    if isinstance(node, ast.If):
        truth = holds(node.test)
        branches = [node.body] if truth is True else [node.orelse] if truth is False else []
        children: list[ast.stmt] = branches[0] if branches else [*node.body, *node.orelse]
        for child in children:
            yield from _calls_in(child, loops, holds)
        return
    if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp) and _plain(node):
        # ``[routers.include_router(r) for r in router_list]``: a loop written as a
        # comprehension, read as the ``for`` it stands for
        generator = node.generators[0]
        loop = ast.For(generator.target, generator.iter, [ast.Expr(node.elt)], [])
        yield from _calls_in(ast.copy_location(loop, node), loops, holds)
        return
    if isinstance(node, ast.For | ast.AsyncFor):
        yield from _calls_in(node.iter, loops, holds)
        inner = [*loops, node] if isinstance(node, ast.For) else loops
        for child in [*node.body, *node.orelse]:
            yield from _calls_in(child, inner, holds)
        return
    if isinstance(node, ast.Call):
        yield node, loops
    for part in ast.iter_child_nodes(node):
        yield from _calls_in(part, loops, holds)
