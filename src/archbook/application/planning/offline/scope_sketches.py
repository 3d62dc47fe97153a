"""Code sketches for scope-planned files: short, parseable Python that uses the names
the target file really has (its router variable, the port a new adapter implements)
and handler names made from the operation, never from a path template."""

from __future__ import annotations

import posixpath
import re

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.naming import camel
from archbook.application.planning.offline.route_layout import include_prefix
from archbook.application.planning.plan_validation import parses
from archbook.application.planning.scoping.repo_index import RepoIndex
from archbook.application.planning.scoping.scope import Scope
from archbook.application.planning.scoping.table_sketches import stored_data_sketch
from archbook.domain.plan import CREATE

ROUTER_VAR = re.compile(r"^(\w+)\s*(?::[^=\n]+)?=\s*(?:\w+\.)?APIRouter\(", re.M)
ROUTER_PREFIX = re.compile(r"APIRouter\([^)]*?prefix\s*=\s*[\"']([^\"']+)")
OPERATION = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (/\S*)$")
VERB_OF = {"GET": "get", "POST": "create", "PUT": "replace", "PATCH": "update", "DELETE": "delete"}
INDENT = "    "
# The arguments of a method sketched without knowing them: a placeholder a better
# sketch (an analog's methods) replaces.
ANY_ARGUMENTS = "*args: object"


def sketch_for(known: RepoKnowledge, index: RepoIndex, path: str, action: str, scope: Scope) -> str:
    """A sketch for ``path`` or '' when there is nothing specific to show."""
    if not path.endswith(".py"):
        return ""
    stem = posixpath.basename(path).removesuffix(".py")
    stored = stored_data_sketch(known.model, path, scope.stored_fields, scope.new_tables)
    if stored:
        text = stored
    elif action == CREATE:
        if stem.endswith("_use_case"):
            text = _use_case(stem)
        elif "/ports/" in f"/{path}" and stem.endswith(("_service", "_repository")):
            text = _port(stem)
        elif "/adapters/" in f"/{path}" and stem.endswith(("_service", "_repository")):
            text = _adapter(stem)
        else:
            text = ""
    else:
        text = _routes(known, index, path, scope)
    return text if parses(text) else ""


def handler_name(method: str, route: str) -> str:
    """``POST /api/butler/ask-voice`` → ``create_butler_ask_voice``; path parameters
    and non-identifier characters never reach the name."""
    bare = re.sub(r"\{[^}]*\}", "", route)
    words = [w.lower() for w in re.split(r"[^A-Za-z0-9]+", bare) if w and w.lower() != "api"]
    words = [w for w in words if not re.fullmatch(r"v\d+", w)]
    name = "_".join([VERB_OF.get(method, method.lower()), *words[-3:]])
    return name if name.isidentifier() else "handle_request"


def router_variable(source: str) -> str:
    """The name an ``APIRouter(...)`` is bound to in ``source`` ('' when none)."""
    found = ROUTER_VAR.search(source)
    return found.group(1) if found else ""


def _routes(known: RepoKnowledge, index: RepoIndex, path: str, scope: Scope) -> str:
    name = next((n for n, p in index.paths.items() if p == path), "")
    module = known.model.modules.get(name)
    if module is None:
        return ""
    source = "\n".join(module.lines)
    variable = router_variable(source)
    prefix = ROUTER_PREFIX.search(source)
    if not variable:
        return ""
    included = include_prefix(known, path)
    own = prefix.group(1) if prefix else ""
    blocks = []
    for operation in scope.operations:
        match = OPERATION.match(operation)
        if not match or scope.reasons.get(path, "").find(match.group(2)) < 0:
            continue
        method, route = match.groups()
        existing = {r.path for r in known.facts.routes if r.location.path == path}
        if route in existing:
            continue
        written = _relative(route, included if included is not None else own)
        blocks.append(
            f'@{variable}.{method.lower()}("{written}")\n'
            f"async def {handler_name(method, route)}() -> dict[str, str]:\n"
            f'{INDENT}"""{method} {route}: delegate to the use case."""\n'
            f"{INDENT}raise NotImplementedError"
        )
    return "\n\n\n".join(blocks)


def _relative(route: str, prefix: str) -> str:
    """The route as this router's decorators write it: without the router's prefix."""
    if prefix and route.startswith(prefix.rstrip("/") + "/"):
        return route[len(prefix.rstrip("/")) :]
    return route


def _use_case(stem: str) -> str:
    name = camel(stem.removesuffix("_use_case")) + "UseCase"
    return (
        f"class {name}:\n"
        f'{INDENT}"""One use case, one class, like its neighbours."""\n\n'
        f"{INDENT}def __init__(self, *ports: object) -> None:\n"
        f"{INDENT}{INDENT}self._ports = ports\n\n"
        f"{INDENT}async def execute(self, {ANY_ARGUMENTS}) -> object:\n"
        f"{INDENT}{INDENT}raise NotImplementedError\n"
    )


def _port(stem: str) -> str:
    name = camel(stem) + "Port"
    return (
        "from abc import ABC, abstractmethod\n\n\n"
        f"class {name}(ABC):\n"
        f'{INDENT}"""What the application needs from {stem.replace("_", " ")}."""\n\n'
        f"{INDENT}@abstractmethod\n"
        f"{INDENT}async def run(self, {ANY_ARGUMENTS}) -> object: ...\n"
    )


def _adapter(stem: str) -> str:
    name = camel(stem)
    return (
        f"class {name}:\n"
        f'{INDENT}"""Implements {camel(stem)}Port with the chosen technology."""\n\n'
        f"{INDENT}async def run(self, {ANY_ARGUMENTS}) -> object:\n"
        f"{INDENT}{INDENT}raise NotImplementedError\n"
    )
