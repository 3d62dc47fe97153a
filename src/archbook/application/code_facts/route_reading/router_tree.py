"""Routers and the includes between them.

Each router knows the routers that include it (with the prefix, tags and
dependencies of each ``include_router`` hop); a route declared on a router is
listed once per chain of includes that reaches an app, its path joining every
prefix on the way up.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from dataclasses import dataclass, field

from archbook.application.code_facts.code_model import CodeModel
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.route_reading.route_arguments import join_path, toggle_slash
from archbook.domain.facts import Location, Route, UnresolvedRoute

ROUTER_FACTORIES = ("APIRouter", "FastAPI", "Starlette", "Router")
APP_FACTORIES = ("FastAPI", "Starlette")
MAX_INCLUDE_DEPTH = 12


@dataclass(frozen=True)
class Include:
    """``parent.include_router(child, prefix=..., tags=..., dependencies=...)``."""

    parent: str
    prefix: str
    tags: tuple[str, ...] = ()
    dependencies: tuple[str, ...] = ()


@dataclass
class Router:
    id: str
    is_app: bool
    prefix: str
    tags: tuple[str, ...]
    dependencies: tuple[str, ...]
    location: Location
    doubles: bool = False  # its class registers each path with and without a trailing "/"
    parents: list[Include] = field(default_factory=list)


@dataclass(frozen=True)
class Declared:
    """A route as its decorator or ``add_api_route`` call declares it on ``router``: its
    path relative to that router, before any include's prefix."""

    router: str
    route: Route


def full_routes(
    routers: dict[str, Router], declared: list[Declared], dynamic_includes: list[Location]
) -> tuple[list[Route], list[UnresolvedRoute]]:
    """Each declared route once per include chain that reaches an app, with the
    chain's prefixes, tags and dependencies; notes for routers no include reaches."""
    has_app = any(r.is_app for r in routers.values())
    unresolved: list[UnresolvedRoute] = []
    routes: list[Route] = []
    orphans: dict[str, int] = {}
    for item in declared:
        router = routers[item.router]
        chains = chains_above(router, routers, 0)
        reaching = [c for c in chains if c[3]]
        if has_app and not reaching:
            orphans[item.router] = orphans.get(item.router, 0) + 1
            if not dynamic_includes:
                continue
        route = item.route
        for prefix, tags, deps, _ in reaching or chains:
            path = join_path(prefix, route.path) or "/"
            paths = [path, toggle_slash(path)] if router.doubles else [path]
            routes.extend(
                dataclasses.replace(
                    route,
                    path=one,
                    dependencies=deps + route.dependencies,
                    tags=tuple(dict.fromkeys(tags + route.tags)),
                )
                for one in paths
            )
    dynamic = ", ".join(str(d) for d in dynamic_includes[:3])
    for router_id, count in orphans.items():
        router = routers[router_id]
        reason = (
            f"{count} route(s) on a router no static include reaches; listed with its own "
            f"prefix only, as include_router calls archbook cannot follow ({dynamic}) may "
            "include it"
            if dynamic
            else f"{count} route(s) on a router never included in an app (not counted)"
        )
        unresolved.append(UnresolvedRoute(router.location, router_id, reason))
    ordered = sorted(routes, key=lambda r: (r.path, r.method, r.handler, r.location.line))
    return ordered, unresolved


def router_classes(model: CodeModel) -> dict[str, tuple[bool, bool]]:
    """Repository classes that are routers or apps: qualname → (is app, doubles paths)."""
    found: dict[str, tuple[bool, bool]] = {}
    for klass in model.classes.values():
        leaves = {re.split(r"[:.]", base)[-1] for base in model.ancestors(klass)}
        if not leaves & set(ROUTER_FACTORIES):
            continue
        override = klass.methods.get("add_api_route")
        supers = 0
        if override is not None:
            supers = sum(
                isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute)
                and n.func.attr == "add_api_route"
                and isinstance(n.func.value, ast.Call)
                and _callee(n.func.value) == "super"
                for n in ast.walk(override.node)
            )
        found[klass.qualname] = (bool(leaves & set(APP_FACTORIES)), supers >= 2)
    return found


def chains_above(
    router: Router, routers: dict[str, Router], depth: int
) -> list[tuple[str, tuple[str, ...], tuple[str, ...], bool]]:
    """(prefix, tags, dependencies, reaches an app) for every chain above ``router``."""
    own = (router.prefix, router.tags, router.dependencies, router.is_app)
    if not router.parents or depth > MAX_INCLUDE_DEPTH:
        return [own]
    chains = []
    for include in router.parents:
        for prefix, tags, deps, app in chains_above(routers[include.parent], routers, depth + 1):
            chains.append(
                (
                    join_path(join_path(prefix, include.prefix), router.prefix),
                    tags + include.tags + router.tags,
                    deps + include.dependencies + router.dependencies,
                    app,
                )
            )
    return chains
