"""Routes of a FastAPI app, read from source the way FastAPI registers them.

A route is a decorator (``@router.get``) or an ``add_api_route`` /
``add_api_websocket_route`` call on any router object — a module name, a local in
a ``make_*_router()`` factory, ``self.router`` in a class — and its full path
joins every prefix on the way up: ``APIRouter(prefix=...)`` and each
``include_router(..., prefix=...)`` hop, including ones made in loops, lifespan
functions and app factories, and routers included by calling their factory.
A route is counted once per include chain that reaches an app. Class-based
controllers (a class decorator that registers the methods decorated with its
router) need nothing special: the methods' decorators are read like any other.
A router subclass whose ``add_api_route`` registers twice (with and without a
trailing slash) yields both routes. Calls that look like routes but whose router
archbook cannot resolve are returned as :class:`UnresolvedRoute` notes. Which router
an expression names is ``routers``' index.
"""

from __future__ import annotations

import ast
import re

from archbook.application.code_facts.code_model import CodeModel, ModuleModel
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.route_reading.route_arguments import (
    declared_methods,
    decorator_dependencies,
    keyword,
    keyword_source,
    keyword_strs,
    keyword_text,
    listed_methods,
    parameter_dependencies,
)
from archbook.application.code_facts.route_reading.route_libraries import (
    LIBRARY_CALLS,
    LIBRARY_NAMES,
    library_route,
)
from archbook.application.code_facts.route_reading.route_scopes import (
    Scope,
    calls,
    find_function,
    functions_with_scope,
    local_values,
    loop_items,
    loop_iterations,
    scopes,
    substitute,
)
from archbook.application.code_facts.route_reading.router_tree import (
    ROUTER_FACTORIES,
    Declared,
    Include,
    full_routes,
)
from archbook.application.code_facts.route_reading.routers import RouterIndex
from archbook.application.code_facts.route_reading.static_values import static_truth, string_value
from archbook.domain.facts import Location, Route, UnresolvedRoute

# Web frameworks whose apps also take ``@app.get("/")``: a module importing one of them
# and not FastAPI (or Starlette) declares none of FastAPI's routes.
OTHER_FRAMEWORKS = frozenset(
    {"flask", "quart", "sanic", "aiohttp", "litestar", "starlite", "django", "bottle",
     "falcon", "tornado", "robyn", "blacksheep"}
)  # fmt: skip
# Where the response classes a handler may be annotated with come from.
RESPONSE_FRAMEWORKS = frozenset({"fastapi", "starlette"})
HTTP_METHODS = ("get", "post", "put", "patch", "delete", "options", "head", "trace")
ROUTE_CALLS = ("add_api_route", "add_api_websocket_route")
CALL_WORDS = ("include_router", "add_api_route", "add_api_websocket_route", ".mount(")
TEST_PARTS = re.compile(r"(^|\.)(tests?|conftest|test_[^.]*)(\.|$)")


def extract_route_facts(model: CodeModel) -> tuple[list[Route], list[UnresolvedRoute]]:
    """Every route with its full path, and the route-like code archbook could not resolve."""
    return _RouteReader(model).read()


def extract_routes(model: CodeModel) -> list[Route]:
    """Every route with its full path; a router included twice gives two routes."""
    return extract_route_facts(model)[0]


class _RouteReader(RouterIndex):
    """Routers, includes and declared routes of a whole code model."""

    def __init__(self, model: CodeModel) -> None:
        super().__init__(model)
        self.modules = [m for m in model.modules.values() if not TEST_PARTS.search(m.name)]
        self.declared: list[Declared] = []
        self.dynamic_includes: list[Location] = []

    def read(self) -> tuple[list[Route], list[UnresolvedRoute]]:
        # Only modules whose text can hold a router, a route call or a decorator are
        # walked: on a 500-module repository most modules hold none of them.
        texts = {m.name: m.text for m in self.modules}
        makers = (*ROUTER_FACTORIES, *(q.rpartition(":")[2] for q in self.router_classes))
        with_routers = [m for m in self.modules if any(w in texts[m.name] for w in makers)]
        router_scopes = [s for m in with_routers for s in scopes(m)]
        for scope in router_scopes:
            self._collect_routers(scope)
        for scope in router_scopes:
            self._collect_factory(scope)
        words = (*CALL_WORDS, *LIBRARY_NAMES)
        calling = [m for m in self.modules if any(w in texts[m.name] for w in words)]
        for scope in (s for m in calling for s in scopes(m)):
            self._collect_calls(scope)
        for module in self.modules:
            if "@" in texts[module.name]:
                self._collect_decorated(module)
        routes, notes = full_routes(self.routers, self.declared, self.dynamic_includes)
        self.unresolved.extend(notes)
        return routes, self.unresolved

    # --- includes and add_api_route ---------------------------------------------------

    def _collect_calls(self, scope: Scope) -> None:
        local = local_values(scope)

        def holds(test: ast.expr) -> bool | None:
            return static_truth(self.model, scope.module.name, test, local)

        for call, loops in calls(scope.body, holds):
            if not isinstance(call.func, ast.Attribute):
                continue
            attribute = call.func.attr
            if attribute in LIBRARY_CALLS:
                self._library_route(scope, call)
                continue
            if attribute not in ("include_router", "mount", *ROUTE_CALLS):
                continue
            if not call.args and (attribute in ROUTE_CALLS or not call.keywords):
                continue
            if isinstance(call.func.value, ast.Call) and _callee(call.func.value) == "super":
                continue  # a router subclass passing registrations on
            for bound in loop_iterations(self.model, scope, loops):
                node = substitute(call, bound) if bound else call
                assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                if attribute in ROUTE_CALLS:
                    self._route_call(scope, node)
                else:
                    self._include(scope, node, loops)

    def _include(self, scope: Scope, call: ast.Call, loops: list[ast.For]) -> None:
        assert isinstance(call.func, ast.Attribute)
        parent = self.router_of(scope, call.func.value)
        if parent is None:
            if call.func.attr == "include_router":
                self.dynamic_includes.append(Location(scope.module.path, call.lineno))
            return
        if call.func.attr == "mount":  # mount(path, app, name=None), by position or name
            path_node = call.args[0] if call.args else keyword(call, "path")
            mounted = call.args[1] if len(call.args) > 1 else keyword(call, "app")
            if path_node is None or mounted is None:
                return
            path = string_value(self.model, scope.module.name, path_node)
            if path is None:
                # ``app.mount(settings.base_path, app=api)``: under which path the app's
                # routes are served is unknown, and guessing "" would list them twice
                # beside a sibling ``mount("/api", app=api)``; static files are no app
                if self.router_of(scope, mounted) is not None:
                    self._note(scope, call, "mount on a path archbook cannot resolve")
                return
            include, child_expr = Include(parent, path), mounted
        else:
            found = call.args[0] if call.args else keyword(call, "router")
            if found is None:
                return
            include = Include(
                parent,
                self._prefix(scope, call, "prefix"),
                keyword_strs(call, "tags"),
                decorator_dependencies(self.model, scope.module.name, call),
            )
            child_expr = found
        child = self.router_of(scope, child_expr)
        children = [child] if child is not None else self._passed_routers(scope, child_expr, loops)
        if not children:
            if call.func.attr == "include_router":
                self.dynamic_includes.append(Location(scope.module.path, call.lineno))
                self._note(scope, call, "include_router of a router archbook cannot resolve")
            return
        for child in children:
            if include not in self.routers[child].parents:
                self.routers[child].parents.append(include)

    def _passed_routers(self, scope: Scope, node: ast.expr, loops: list[ast.For]) -> list[str]:
        """The routers calls hand a function for its parameter ``node``: ``app =
        create_application(router=api_router)`` for ``def create_application(router:
        APIRouter)`` that includes ``router``; or, when ``node`` runs over a parameter
        (``for route in routes``), each router of the lists the calls hand it
        (``add_routes([author_router, book_router], app)``)."""
        if not isinstance(node, ast.Name):
            return []
        lists = False
        parameter = node.id
        for loop in loops:
            if (
                isinstance(loop.target, ast.Name)
                and loop.target.id == node.id
                and isinstance(loop.iter, ast.Name)
            ):
                parameter, lists = loop.iter.id, True
        found: list[str] = []
        for caller, given in self.passed_values(scope, parameter):
            items = [given]
            if lists:
                items = loop_items(self.model, caller, given) or []
            for item in items:
                router = self.router_of(caller, item)
                if router is not None and router not in found:
                    found.append(router)
        return found

    def _route_call(self, scope: Scope, call: ast.Call) -> None:
        assert isinstance(call.func, ast.Attribute)
        router = self.router_of(scope, call.func.value)
        path = string_value(self.model, scope.module.name, call.args[0])
        endpoint = call.args[1] if len(call.args) > 1 else keyword(call, "endpoint")
        handler = find_function(self.model, scope, endpoint) if endpoint is not None else None
        if router is None or path is None or handler is None:
            why = "a router" if router is None else "a path" if path is None else "an endpoint"
            self._note(scope, call, f"{call.func.attr} with {why} archbook cannot resolve")
            return
        qualname, file, line = handler
        if call.func.attr == "add_api_websocket_route":
            methods = ["WEBSOCKET"]
        else:
            methods = listed_methods(call) or ["GET"]
        dependencies = decorator_dependencies(self.model, scope.module.name, call)
        where = Location(file, line)
        self._declare(router, methods, path, qualname, where, scope.module.name, call, dependencies)

    def _library_route(self, scope: Scope, call: ast.Call) -> None:
        """A route a library adds when handed the app (see ``route_libraries``)."""
        local = local_values(scope)
        bound = {**scope.module.assignments, **local}
        found = library_route(
            call, lambda node: self.model.resolve_expr(scope.module.name, node), bound
        )
        if found is None:
            return
        spec, path_node = found
        app = call.args[0] if call.args else keyword(call, "app")
        router = self.router_of(scope, app) if app is not None else None
        path: str | None = spec.default_path
        if path_node is not None:
            path = string_value(self.model, scope.module.name, path_node, local)
        if router is None or path is None:
            why = "app" if router is None else "path"
            self._note(scope, call, f"{spec.library} route on an {why} archbook cannot resolve")
            return
        where = Location(scope.module.path, call.func.end_lineno or call.lineno)  # ``.expose(``
        tags = keyword_strs(call, "tags")
        self.declared.append(
            Declared(router, Route(spec.method, path, spec.handler, where, tags=tags))
        )

    # --- decorators --------------------------------------------------------------------

    def _collect_decorated(self, module: ModuleModel) -> None:
        for scope, function in functions_with_scope(module):
            for decorator in function.decorator_list:
                if not isinstance(decorator, ast.Call) or not isinstance(
                    decorator.func, ast.Attribute
                ):
                    continue
                verb = decorator.func.attr
                if verb not in (*HTTP_METHODS, "websocket", "api_route"):
                    continue
                path_node = decorator.args[0] if decorator.args else keyword(decorator, "path")
                path = (
                    string_value(self.model, module.name, path_node, local_values(scope))
                    if path_node is not None
                    else ""
                )
                router = self.router_of(scope, decorator.func.value)
                if router is None or path is None:
                    if router is None and _another_framework(module):
                        continue  # a Flask app's ``@app.get("/")`` is no FastAPI route
                    if path is None or path.startswith("/") or path == "":
                        why = "router" if router is None else "path"
                        self._note(scope, decorator, f"@…{verb} on a {why} archbook cannot resolve")
                    continue
                where = f"{scope.path}.{function.name}" if scope.path else function.name
                dependencies = decorator_dependencies(self.model, module.name, decorator)
                dependencies += parameter_dependencies(self.model, module.name, function)
                self._declare(
                    router,
                    declared_methods(verb, decorator),
                    path,
                    f"{module.name}:{where}",
                    Location(module.path, function.lineno),
                    module.name,
                    decorator,
                    dependencies,
                    function.returns,
                )

    def _declare(
        self,
        router: str,
        methods: list[str],
        path: str,
        handler: str,
        where: Location,
        module: str,
        call: ast.Call,
        dependencies: tuple[str, ...],
        returns: ast.expr | None = None,
    ) -> None:
        """One declared route per method, with what the declaring call's keywords say;
        without ``response_model=``, the handler's return annotation is the response
        model, as FastAPI takes it (a response class or ``None`` is none)."""
        given = keyword(call, "response_model")
        if given is None:
            response_model = self._annotated_model(module, returns) if returns else None
        elif isinstance(given, ast.Constant) and given.value is None:
            response_model = None  # ``response_model=None``: no model, whatever it returns
        else:
            response_model = keyword_text(self.model, module, call, "response_model")
        status_code = keyword_source(call, "status_code")
        tags = keyword_strs(call, "tags")
        for method in methods:
            route = Route(
                method, path, handler, where, response_model, status_code, dependencies, tags
            )
            self.declared.append(Declared(router, route))

    def _annotated_model(self, module: str, returns: ast.expr) -> str | None:
        """The response model a return annotation gives, or None: not ``None``, and not
        a response class of FastAPI or Starlette (``-> Response``, ``-> JSONResponse``)."""
        if isinstance(returns, ast.Constant):
            return None
        if isinstance(returns, ast.Name | ast.Attribute):
            resolved = self.model.resolve_expr(module, returns)
            name = resolved.rpartition(":")[2].rpartition(".")[2]
            framework = resolved.partition(".")[0].partition(":")[0] in RESPONSE_FRAMEWORKS
            return None if name.endswith("Response") and framework else resolved
        return ast.unparse(returns)


def _another_framework(module: ModuleModel) -> bool:
    """Whether ``module`` imports another web framework and neither FastAPI nor
    Starlette."""
    imported = module.externals
    return bool(imported & OTHER_FRAMEWORKS) and not imported & {"fastapi", "starlette"}
