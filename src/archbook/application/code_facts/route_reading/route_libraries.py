"""Routes a library adds to the app when the code hands the app to it.

Some libraries register an endpoint themselves: ``Instrumentator().instrument(app)
.expose(app)`` (prometheus-fastapi-instrumentator) adds ``GET /metrics`` to
``app.routes`` without a decorator or ``add_api_route`` in the repository. FastAPI
counts such a route like any other, so archbook does too — from a small table of
libraries known to do this, never by guessing: the class whose method adds the
route (under any of its names, imported from any module of the package), that
method, the route's HTTP method, its default path and the keyword that overrides
the path. The receiver may be the constructor call, a call chained on it or a
name bound to either. The route's handler is named after the library method with
`` (library)`` appended, so it reads as coming from that library; its location is
the line of the method call. A path archbook cannot read statically, or an app it
cannot resolve, becomes an unresolved-route note.

To support another library, add one :class:`LibraryRoute` to ``LIBRARY_ROUTES``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_HOPS = 8


@dataclass(frozen=True)
class LibraryRoute:
    """``<maker instance>.<call>(app, <path_keyword>=...)`` adds ``method path``."""

    library: str  # the top-level package, as imported
    makers: tuple[str, ...]  # names of the class whose instance registers the route
    call: str  # the method that is handed the app
    method: str
    default_path: str
    path_keyword: str

    @property
    def handler(self) -> str:
        return f"{self.library}:{self.makers[0]}.{self.call} (library)"


LIBRARY_ROUTES = (
    # Instrumentator.expose(app, should_gzip=False, endpoint="/metrics", include_in_schema=True)
    LibraryRoute(
        "prometheus_fastapi_instrumentator", ("Instrumentator", "PrometheusFastApiInstrumentator"),
        "expose", "GET", "/metrics", "endpoint",
    ),
)  # fmt: skip
LIBRARY_CALLS = frozenset(spec.call for spec in LIBRARY_ROUTES)
LIBRARY_NAMES = tuple(spec.library for spec in LIBRARY_ROUTES)


def library_route(
    call: ast.Call, resolve: Callable[[ast.expr], str], bound: Mapping[str, ast.expr]
) -> tuple[LibraryRoute, ast.expr | None] | None:
    """The table entry a call ``<receiver>.<call>(app, ...)`` matches, and its path
    keyword's value (``None`` for the default path).

    ``resolve`` turns a callee into ``package.Class`` (``Instrumentator`` imported
    under any alias); ``bound`` maps names of the scope to the value they hold, so a
    receiver kept in a variable is followed."""
    if not isinstance(call.func, ast.Attribute) or call.func.attr not in LIBRARY_CALLS:
        return None
    maker = _maker(call.func.value, resolve, bound)
    package, name = maker.partition(".")[0], maker.rpartition(".")[2]
    for spec in LIBRARY_ROUTES:
        if spec.call == call.func.attr and package == spec.library and name in spec.makers:
            path = next((k.value for k in call.keywords if k.arg == spec.path_keyword), None)
            return spec, path
    return None


def _maker(
    node: ast.expr, resolve: Callable[[ast.expr], str], bound: Mapping[str, ast.expr]
) -> str:
    """``package.Class`` of the instance a receiver starts from: ``Cls(...)``, a
    chained call on it (``Cls(...).instrument(app)`` returns the instance) or a name
    bound to one of them."""
    for _ in range(MAX_HOPS):
        if isinstance(node, ast.Name):
            if node.id not in bound:
                return ""
            node = bound[node.id]
        elif not isinstance(node, ast.Call):
            return ""
        elif isinstance(node.func, ast.Attribute) and (
            isinstance(node.func.value, ast.Call)
            or (isinstance(node.func.value, ast.Name) and node.func.value.id in bound)
        ):
            node = node.func.value
        else:
            return resolve(node.func).replace(":", ".")
    return ""
