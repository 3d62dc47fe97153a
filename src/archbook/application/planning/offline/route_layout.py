"""Where a repository's routes live, learned from its route facts: the paths each
router module serves, the prefix they share, the schemas module each router uses,
and the router a new route joins."""

from __future__ import annotations

import ast
import posixpath
import re
from collections import Counter

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.naming import singular
from archbook.application.planning.scoping.scope import route_kinship
from archbook.application.planning.session_text import API_PREFIX
from archbook.domain.layers import PRESENTATION, ROUTE_FOLDERS

# Words of a router module's name that say it holds an app's routes, whatever they are.
GENERIC_ROUTER_WORDS = frozenset(
    {"api", "app", "main", "server", "web", "http", "rest", "routes", "router", "routers",
     "views", "endpoints", "handlers", "controllers", "presentation", "v1", "v2"}
)  # fmt: skip
# Segments a one-route module's folder must keep to be its prefix.
SINGLE_ROUTE_SEGMENTS = 2


def route_paths(known: RepoKnowledge, paths: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Route module path → the paths of its routes."""
    by_module: dict[str, list[str]] = {}
    for route in known.facts.routes:
        module = paths.get(_module(route.handler))
        if module:
            by_module.setdefault(module, []).append(route.path)
    return {module: tuple(served) for module, served in by_module.items()}


def route_prefixes(by_module: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Route module path → the longest path prefix all its routes share. A module of
    one route (``/api/butler/ask``) has the route's folder as its prefix
    (``/api/butler``) when that keeps two segments or more: ``/api`` alone would claim
    every new route of the API."""
    prefixes = {}
    for module, served in by_module.items():
        if len(served) > 1:
            common = posixpath.commonpath(served)
        else:
            folder = posixpath.dirname(served[0].rstrip("/"))
            common = folder if folder.count("/") >= SINGLE_ROUTE_SEGMENTS else served[0]
        prefixes[module] = re.sub(r"/\{[^}]*\}.*$", "", common)
    return prefixes


def router_schemas(known: RepoKnowledge, paths: dict[str, str]) -> dict[str, str]:
    """Route module path → the presentation module of schemas it imports that is
    named like it (``schemas/videos.py`` for ``handlers/videos.py``, before
    ``schemas/common.py``), else nearest to it (its own package's ``schemas`` before
    another resource's); with none, the module of schemas, models or DTOs holding most
    of its routes' response models (``signal/models.py``)."""
    result = {}
    route_modules = {_module(r.handler) for r in known.facts.routes}
    answered: dict[str, Counter[str]] = {}  # route module → modules of its response models
    for route in known.facts.routes:
        klass = known.model.classes.get(route.response_model or "")
        if klass is not None and klass.module in paths and _holds_shapes(klass.module):
            answered.setdefault(_module(route.handler), Counter())[klass.module] += 1
    for module in route_modules:
        imported = [
            b
            for (a, b) in known.analysis.pairs
            if a == module and known.roles.get(b) == PRESENTATION and "schema" in b
        ]
        if not imported and module in answered and module in paths:
            # else where its routes' response models are (``signal/models.py``)
            counts = answered[module]
            result[paths[module]] = paths[min(counts, key=lambda m: (-counts[m], m))]
        elif imported and module in paths:
            leaf = module.rpartition(".")[2]
            nearest = max(
                sorted(imported),
                key=lambda b: (b.rpartition(".")[2] == leaf, _shared_parts(module, b)),
            )
            result[paths[module]] = paths[nearest]
    return result


def own_shapes(known: RepoKnowledge, paths: dict[str, str], router: str) -> list[str]:
    """The schema modules router ``router`` (a path) imports that are named after it
    (``schemas/search_request.py`` and ``schemas/search_response.py`` for
    ``v1/search.py``), as paths, sorted: a router of their own, the modules of its
    models of their own."""
    stem = posixpath.basename(router).removesuffix(".py")
    module = next((name for name, path in paths.items() if path == router), None)
    if module is None or not stem:
        return []
    found = set()
    for importer, imported in known.analysis.pairs:
        if importer != module or known.roles.get(imported) != PRESENTATION:
            continue
        leaf = imported.rpartition(".")[2]
        named = leaf == stem or leaf.startswith(f"{stem}_")
        shaped = any(_holds_shapes(part) for part in imported.split("."))
        if named and shaped and imported in paths:
            found.add(paths[imported])
    return sorted(found)


def _holds_shapes(module: str) -> bool:
    """Whether a module is named for the shapes an API reads and answers (``schemas``,
    ``models``, ``dtos``), not for the domain's entities."""
    leaf = module.rpartition(".")[2]
    return any(word in leaf for word in ("schema", "model", "dto", "serializ", "contract"))


def _shared_parts(a: str, b: str) -> int:
    """How many leading parts dotted names ``a`` and ``b`` share."""
    count = 0
    for x, y in zip(a.split("."), b.split("."), strict=False):
        if x != y:
            break
        count += 1
    return count


def joined_router(
    prefixes: dict[str, str], paths: dict[str, tuple[str, ...]], path: str
) -> str | None:
    """The router module a new route joins: the one whose prefix covers it, else the
    one holding its closest sibling (``/health/live`` for ``/health/ready``). Routers
    whose routes share no more than the API prefix (``/api/v1/{username}/post`` and
    ``/api/v1/user`` both give ``/api/v1``) tie: the closest sibling among them wins."""
    # a prefix of API prefixes alone (``/v1`` before several resources) covers nothing,
    # unless its router serves the whole API
    alone = len(prefixes) == 1
    covering = {
        module: prefix
        for module, prefix in prefixes.items()
        if (alone or _own(prefix)) and (path == prefix or path.startswith(prefix + "/"))
    }
    if not covering:
        return _sibling_router(paths, path) or _only_router(paths)
    longest = max(len(prefix) for prefix in covering.values())
    tied = [module for module, prefix in covering.items() if len(prefix) == longest]
    if len(tied) == 1:
        return tied[0]
    kinship = {m: max((route_kinship(p, path) for p in paths.get(m, ())), default=0) for m in tied}
    closest = [m for m in tied if kinship[m] == max(kinship.values())]
    # still tied (``threads.py`` and ``messages.py`` both serve ``/api/threads/{id}/…``):
    # the router named after a part of the path
    segments = {singular(s) for s in path.strip("/").split("/") if not s.startswith("{")}
    named = [m for m in closest if singular(posixpath.basename(m)[:-3]) in segments]
    return (named or closest)[0]


def is_router_file(path: str) -> bool:
    """Whether a file is named as a router is (``endpoints.py``, ``router.py``)."""
    return posixpath.basename(path).removesuffix(".py") in ROUTE_FOLDERS


def new_router_stem(paths: dict[str, tuple[str, ...]], path: str) -> str | None:
    """The name of a new router module for ``path`` where most router modules are named
    after a part of their routes' paths (``auth.py`` serving ``/auth/otp/request``,
    ``users.py`` serving ``/api/v1/users``): the first part of ``path`` after the
    parts every route starts with (``admin`` for ``/admin/deposits``); else None."""
    served = {m: routes for m, routes in paths.items() if routes}
    if len(served) < 2:
        return None
    named = sum(
        all(
            singular(posixpath.basename(m)[:-3]) in {singular(s) for s in _static(route)}
            for route in routes
        )
        for m, routes in served.items()
    )
    if named * 2 <= len(served):
        return None
    every = [_own(route) for routes in served.values() for route in routes]
    shared = 0
    while (
        all(len(parts) > shared + 1 for parts in every)
        and len({parts[shared] for parts in every}) == 1
    ):
        shared += 1
    # the first part of its own: past the shared ones and any API prefix (``api``,
    # ``v1``), and before any parameter (``/{id}/archive`` names an action, not a router)
    parts = [p for p in path.strip("/").split("/") if p and not API_PREFIX.fullmatch(p)]
    stem = parts[shared].replace("-", "_") if len(parts) > shared else ""
    if "{" in "".join(parts[: shared + 1]):
        return None
    return stem if stem.isidentifier() else None


def _static(path: str) -> list[str]:
    """The parts of a route path that are no parameter."""
    return [part for part in path.strip("/").split("/") if part and not part.startswith("{")]


def _own(path: str) -> list[str]:
    """The parts of a route path that are neither a parameter nor an API prefix."""
    return [part for part in _static(path) if not API_PREFIX.fullmatch(part)]


def include_prefix(known: RepoKnowledge, module_path: str) -> str | None:
    """What the includes and the router's own prefix put before the paths a router
    module's decorators write: a route's full path less the path its decorator
    names (``/api/v1`` for ``@router.get("/{username}/post")`` served at
    ``/api/v1/{username}/post``), the most frequent over the module's decorated
    routes; None when no decorator says (``add_api_route`` only)."""
    counts: dict[str, int] = {}
    declared_at: dict[str, dict[int, str]] = {}
    for route in known.facts.routes:
        if route.location.path != module_path:
            continue
        name = _module(route.handler)
        if name not in declared_at:
            module = known.model.modules.get(name)
            declared_at[name] = _declared_paths(module.tree) if module else {}
        declared = declared_at[name].get(route.location.line)
        full = route.path
        if declared is None:
            continue
        if not full.endswith(declared):
            declared, full = declared.rstrip("/"), full.rstrip("/")
            if not full.endswith(declared):
                continue
        prefix = full[: len(full) - len(declared)]
        counts[prefix] = counts.get(prefix, 0) + 1
    return max(sorted(counts), key=lambda p: counts[p]) if counts else None


def _declared_paths(tree: ast.Module) -> dict[int, str]:
    """``def`` line → the text path of the route decorator on it."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute):
                    first = decorator.args[0] if decorator.args else None
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        found[node.lineno] = first.value
                        break
    return found


def _only_router(route_paths: dict[str, tuple[str, ...]]) -> str | None:
    """The one router module of a small app when its name says it holds the app's
    routes, not one resource's (``presentation_web.py``, ``routes.py``, ``api.py``):
    a new route joins it rather than start a router of its own."""
    if len(route_paths) != 1:
        return None
    (only,) = route_paths
    words = set(posixpath.basename(only).removesuffix(".py").split("_"))
    return only if words <= GENERIC_ROUTER_WORDS else None


def _sibling_router(route_paths: dict[str, tuple[str, ...]], path: str) -> str | None:
    """The module of the existing route closest to ``path`` (``route_kinship``), when
    they share a segment that says which part of the API they are."""
    best, most = None, 0
    for module in sorted(route_paths):
        for existing in route_paths[module]:
            kinship = route_kinship(existing, path)
            if kinship > most:
                best, most = module, kinship
    return best


def _module(qualname: str) -> str:
    return qualname.partition(":")[0]
