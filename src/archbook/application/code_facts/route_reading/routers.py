"""The routers and apps of a code model, and which one an expression names.

A router is an ``APIRouter``/``FastAPI`` (or a subclass) assigned to a name, to
``self.attr`` in a class, or handed to a function as an app parameter; so is any
value a function annotated ``-> APIRouter`` builds and returns (a helper's library
router class); a function returning one it built is a router factory. ``router_of``
follows names, locals, ``self``/``cls`` attributes, factory calls, module-level
assignments to one of them, and a parameter every call hands the same router
(``configure_routes(app)``). Apart from ``route_facts``, which reads what is declared
on these routers and included where: this is the index both of its passes look
routers up in.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from archbook.application.code_facts.code_model import CodeModel, ModuleModel
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.code_model import name_of as _name
from archbook.application.code_facts.route_reading.route_arguments import (
    decorator_dependencies,
    keyword,
    keyword_strs,
)
from archbook.application.code_facts.route_reading.route_scopes import (
    Scope,
    calls,
    function_node,
    home_of,
    local_value,
    local_values,
    scopes,
    statements,
)
from archbook.application.code_facts.route_reading.router_tree import (
    APP_FACTORIES,
    MAX_INCLUDE_DEPTH,
    ROUTER_FACTORIES,
    Router,
    router_classes,
)
from archbook.application.code_facts.route_reading.static_values import string_value
from archbook.domain.facts import Location, UnresolvedRoute


class RouterIndex:
    """Routers of a code model by id, router factories, and the notes on what archbook
    could not resolve."""

    def __init__(self, model: CodeModel) -> None:
        self.model = model
        self.router_classes = router_classes(model)
        self.routers: dict[str, Router] = {}
        self.factories: dict[str, str] = {}
        self.unresolved: list[UnresolvedRoute] = []
        self._passed: dict[tuple[str, str, str], list[tuple[Scope, ast.expr]]] = {}

    def _collect_routers(self, scope: Scope) -> None:
        self._collect_parameters(scope)
        for statement in statements(scope.body):
            if not isinstance(statement, ast.Assign | ast.AnnAssign) or statement.value is None:
                continue
            call = statement.value
            if not isinstance(call, ast.Call):
                continue
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            kind = self._router_kind(scope.module, call) or self._returned_router_kind(
                scope, targets
            )
            if kind is None:
                continue
            ids = [i for i in (self._target_id(scope, t) for t in targets) if i is not None]
            if not ids:
                continue
            router = Router(
                ids[0],
                kind[0],
                self._prefix(scope, call, "prefix"),
                keyword_strs(call, "tags"),
                decorator_dependencies(self.model, scope.module.name, call),
                Location(scope.module.path, statement.lineno),
                kind[1],
            )
            for router_id in ids:  # ``users_router = r = APIRouter()``: one router, two names
                self.routers[router_id] = router

    def _collect_parameters(self, scope: Scope) -> None:
        """``def register_routers(app: FastAPI)``: the parameter is the app it is given."""
        function = function_node(scope)
        if function is None:
            return
        for argument in [
            *function.args.posonlyargs,
            *function.args.args,
            *function.args.kwonlyargs,
        ]:
            annotation = argument.annotation
            if annotation is None:
                continue
            kind: tuple[bool, bool] | None = None
            if _name(annotation) in ROUTER_FACTORIES:
                kind = (_name(annotation) in APP_FACTORIES, False)
            else:
                kind = self.router_classes.get(
                    self.model.resolve_expr(scope.module.name, annotation)
                )
            if kind is None or not kind[0]:
                continue  # only apps: a router parameter's includes are unknowable
            router_id = scope.local_id(argument.arg)
            self.routers[router_id] = Router(
                router_id, True, "", (), (), Location(scope.module.path, function.lineno), kind[1]
            )

    def _router_kind(self, module: ModuleModel, node: ast.expr) -> tuple[bool, bool] | None:
        """(is an app, doubles paths) when ``node`` constructs a router or app."""
        if not isinstance(node, ast.Call):
            return None
        if _callee(node) in ROUTER_FACTORIES:
            return _callee(node) in APP_FACTORIES, False
        target = self.model.resolve_expr(module.name, node.func)
        return self.router_classes.get(target)

    def _returned_router_kind(
        self, scope: Scope, targets: Sequence[ast.expr]
    ) -> tuple[bool, bool] | None:
        """The kind a function's return annotation gives the name it returns: in ``def
        make_users_router() -> APIRouter``, ``router = make_error_aware_router(...)``
        followed by ``return router`` is a router, whatever library class builds it."""
        function = function_node(scope)
        if function is None or function.returns is None:
            return None
        annotation = function.returns
        if _name(annotation) in ROUTER_FACTORIES:
            kind: tuple[bool, bool] | None = (_name(annotation) in APP_FACTORIES, False)
        else:
            kind = self.router_classes.get(self.model.resolve_expr(scope.module.name, annotation))
        if kind is None:
            return None
        names = {target.id for target in targets if isinstance(target, ast.Name)}
        for statement in statements(scope.body):
            returned = statement.value if isinstance(statement, ast.Return) else None
            if isinstance(returned, ast.Name) and returned.id in names:
                return kind
        return None

    def passed_values(self, scope: Scope, parameter: str) -> list[tuple[Scope, ast.expr]]:
        """What the calls of ``scope``'s function hand it for ``parameter``, each with the
        scope the call is written in: ``configure_routes(app)`` in any function or at
        module level, for ``def configure_routes(app)``. Only module-level functions:
        a method or a nested function is called through names archbook cannot follow."""
        function = function_node(scope)
        if function is None or "." in scope.path:
            return []
        key = (scope.module.name, scope.path, parameter)
        if key in self._passed:
            return self._passed[key]
        self._passed[key] = []  # a call handing the function its own parameter ends here
        positional, keyword_only = _parameters(function)
        if parameter not in positional and parameter not in keyword_only:
            return []
        index = positional.index(parameter) if parameter in positional else -1
        target = f"{scope.module.name}:{scope.path}"
        found: list[tuple[Scope, ast.expr]] = []
        for module in self.model.modules.values():
            if f"{function.name}(" not in module.text:
                continue
            for caller in scopes(module):
                for call, _ in calls(caller.body, _unknown):
                    if self.model.resolve_expr(module.name, call.func) != target:
                        continue
                    given = keyword(call, parameter)
                    if given is None and 0 <= index < len(call.args):
                        given = call.args[index]
                    if given is not None:
                        found.append((caller, given))
        self._passed[key] = found
        return found

    @staticmethod
    def _is_parameter(scope: Scope, node: ast.expr) -> bool:
        """Whether ``node`` names a parameter of ``scope``'s function: a function that
        returns what it was handed makes no router."""
        function = function_node(scope)
        if function is None or not isinstance(node, ast.Name):
            return False
        positional, keyword_only = _parameters(function)
        return node.id in positional or node.id in keyword_only

    def _passed_router(self, scope: Scope, parameter: str, depth: int) -> str | None:
        """The one router every call hands a function for ``parameter`` (``def
        configure_routes(app)`` called as ``configure_routes(app)``), or None."""
        found = {
            self.router_of(caller, given, depth + 1)
            for caller, given in self.passed_values(scope, parameter)
        }
        found.discard(None)  # a test's app, or one archbook cannot resolve
        return found.pop() if len(found) == 1 else None

    def _target_id(self, scope: Scope, target: ast.expr) -> str | None:
        if isinstance(target, ast.Name):
            return scope.local_id(target.id)
        if isinstance(target, ast.Attribute) and _name(target.value) in ("self", "cls"):
            return scope.self_id(target.attr)
        return None

    def _collect_factory(self, scope: Scope) -> None:
        """A function returning a router it built is a router factory."""
        if not scope.path:
            return
        for statement in statements(scope.body):
            returned = statement.value if isinstance(statement, ast.Return) else None
            if returned is not None and not self._is_parameter(scope, returned):
                router = self.router_of(scope, returned)
                if router is not None:
                    self.factories[f"{scope.module.name}:{scope.path}"] = router

    def router_of(self, scope: Scope, node: ast.expr, depth: int = 0) -> str | None:
        """The router an expression refers to, as seen from ``scope``."""
        if depth > MAX_INCLUDE_DEPTH:
            return None
        home = self.model.modules.get(home_of(node) or scope.module.name)
        if home is not None and home is not scope.module:
            scope = Scope(home, "", None, home.tree.body)  # an item of that module's list
        if isinstance(node, ast.Name):
            for path in scope.enclosing_paths():
                local = scope.local_id(node.id, path)
                if local in self.routers:
                    return local
            value = local_value(scope, node.id)
            if value is not None:
                return self.router_of(scope, value, depth + 1)
            passed = self._passed_router(scope, node.id, depth)
            if passed is not None:
                return passed
        if isinstance(node, ast.Attribute) and _name(node.value) in ("self", "cls"):
            return self._self_router(scope, node.attr)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call):
            klass = self.model.resolve_expr(scope.module.name, node.value.func)
            return self._attribute_router(klass, node.attr)
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and _name(node.func.value) in ("self", "cls"):
                return self.factories.get(f"{scope.module.name}:{scope.klass}.{node.func.attr}")
            return self.factories.get(self.model.resolve_expr(scope.module.name, node.func))
        if not isinstance(node, ast.Name | ast.Attribute):
            return None
        qualified = self.model.resolve_expr(scope.module.name, node)
        if qualified in self.routers:
            return qualified
        owner, _, name = qualified.partition(":")
        defined = self.model.modules.get(owner)
        if defined is not None and name in defined.assignments:
            module_scope = Scope(defined, "", None, defined.tree.body)
            return self.router_of(module_scope, defined.assignments[name], depth + 1)
        return None

    def _self_router(self, scope: Scope, attribute: str) -> str | None:
        if scope.klass is None:
            return None
        return self._attribute_router(f"{scope.module.name}:{scope.klass}", attribute)

    def _attribute_router(self, class_name: str, attribute: str) -> str | None:
        """``Server().router`` / ``self.router``: the router a class stores as ``attribute``."""
        klass = self.model.classes.get(class_name)
        owners = [class_name]
        if klass is not None:
            owners += sorted(self.model.ancestors(klass))
        for owner in owners:
            if f"{owner}.{attribute}" in self.routers:
                return f"{owner}.{attribute}"
        return None

    def _prefix(self, scope: Scope, call: ast.Call, name: str) -> str:
        node = keyword(call, name)
        if node is None:
            return ""
        value = string_value(self.model, scope.module.name, node, local_values(scope))
        if value is None:
            self._note(scope, call, f"{name}={ast.unparse(node)} is not a static string")
            return ""
        return value

    def _note(self, scope: Scope, node: ast.expr, reason: str) -> None:
        text = ast.unparse(node)
        text = text if len(text) <= 80 else text[:77] + "..."
        self.unresolved.append(
            UnresolvedRoute(Location(scope.module.path, node.lineno), text, reason)
        )


def _unknown(_test: ast.expr) -> None:
    """Whether a branch runs, for a search of calls: unknown, so both are searched."""
    return None


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[list[str], list[str]]:
    """A function's positional parameter names, in order, and its keyword-only ones."""
    arguments = function.args
    positional = [a.arg for a in [*arguments.posonlyargs, *arguments.args]]
    return positional, [a.arg for a in arguments.kwonlyargs]
