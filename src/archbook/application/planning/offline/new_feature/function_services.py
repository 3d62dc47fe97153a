"""Repositories whose use cases are functions, not classes: the official full-stack
template's ``crud.py`` (``crud.create_item(session=session, item_in=item_in)``), a
domain folder's ``service.py`` of functions taking the session first (Netflix/dispatch).
A new route on such a router gets a function in the module its handlers already call,
never a service class the repository does not have; where handlers call no such
module, the handler does the work itself, as its neighbours do."""

from __future__ import annotations

import ast
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from archbook.application.code_facts.code_model import CodeModel, annotated_alias
from archbook.application.planning.naming import singular
from archbook.application.planning.scoping.repo_index import route_resource
from archbook.domain.facts import TestFact
from archbook.domain.layers import PRESENTATION, TESTS

# Stems of modules that hold use cases as functions.
FUNCTION_MODULES = frozenset(("crud", "service", "services", "actions", "operations"))
# Functions a module must define to be a layer of use cases, not a helper.
MIN_FUNCTIONS = 2


def _least_functions(path: str) -> int:
    """Functions a module must define to be a layer of use cases: one for a module
    named only for it (``services.py``), ``MIN_FUNCTIONS`` for a resource's own
    (``user_service.py``)."""
    base = posixpath.basename(path).removesuffix(".py")
    return 1 if base in FUNCTION_MODULES else MIN_FUNCTIONS


def _function_module_name(path: str) -> bool:
    """A module named for use-case functions: ``crud.py``, ``services.py``, or a
    resource's own (``user_service.py``, ``item_crud.py``)."""
    base = posixpath.basename(path).removesuffix(".py")
    return base in FUNCTION_MODULES or base.rpartition("_")[2] in FUNCTION_MODULES


def called_function_module(
    model: CodeModel,
    routers: Iterable[str],
    layers: Mapping[str, str],
) -> str | None:
    """The module (name) of use-case functions that the handlers of ``routers`` (module
    names) call most, or None: a module named like a use-case layer, outside the
    presentation and tests, with at least two module-level functions."""
    calls: Counter[str] = Counter()
    for router in routers:
        module = model.modules.get(router)
        if module is None:
            continue
        for call in module.calls:
            target = model.resolve_expr(router, call.func)
            owner, _, function = target.partition(":")
            if "." in function or not function:
                owner, function = _module_attribute(model, target)
            candidate = model.modules.get(owner)
            if (
                candidate is None
                or owner == router
                or function not in candidate.functions
                or layers.get(owner) in (PRESENTATION, TESTS)
                or not _function_module_name(candidate.path)
                or len(candidate.functions) < _least_functions(candidate.path)
            ):
                continue
            calls[owner] += 1
    return calls.most_common(1)[0][0] if calls else None


def _module_attribute(model: CodeModel, target: str) -> tuple[str, str]:
    """``app.crud.create_item`` (a module's attribute) as (``app.crud``, ``create_item``)."""
    dotted = target.replace(":", ".")
    owner, _, function = dotted.rpartition(".")
    return (owner, function) if owner in model.modules else ("", "")


def function_sketch(model: CodeModel, module_name: str, function: str) -> str:
    """The new function in the module's own idiom: keyword-only arguments when its
    functions take them, the session parameter its functions take first, async when
    they are."""
    module = model.modules[module_name]
    functions = [f.node for f in module.functions.values()]
    is_async = sum(isinstance(f, ast.AsyncFunctionDef) for f in functions) * 2 > len(functions)
    firsts = Counter(
        ast.unparse(f.args.kwonlyargs[0] if f.args.kwonlyargs else f.args.args[0])
        for f in functions
        if f.args.kwonlyargs or f.args.args
    )
    keyword_only = sum(bool(f.args.kwonlyargs) for f in functions) * 2 > len(functions)
    first = firsts.most_common(1)[0][0] if firsts else ""
    arguments = ", ".join(a for a in ("*" if keyword_only else "", first) if a)
    prefix = "async def" if is_async else "def"
    return f"{prefix} {function}({arguments}) -> None:\n    ...\n"


def use_case_function(
    method: str, path: str, action_words: Iterable[str], verbs: Mapping[str, str]
) -> str:
    """The function a route's use case is named: ``POST /items/{id}/archive`` →
    ``archive_item``, ``POST /items/`` → ``create_item``."""
    words = [
        w.lower()
        for w in re.split(r"[^A-Za-z0-9]+", re.sub(r"\{[^}]*\}", "", path))
        if w and w.lower() != "api" and not re.fullmatch(r"v\d+", w, re.I)
    ]
    if words and words[-1] in action_words:
        action = words[-1]
        if method == "DELETE" and not action.startswith("un"):
            action = f"un{action}"  # ``DELETE /profiles/{username}/follow``: unfollow
        return "_".join([action, *(singular(w) for w in words[-2:-1])])
    return "_".join([verbs.get(method, method.lower()), *(singular(w) for w in words[-1:])])


def handler_sketch(
    model: CodeModel,
    neighbour: str,
    variable: str,
    method: str,
    route: str,
    name: str,
    call: str = "",
) -> str:
    """A new handler written like ``neighbour`` (a handler's qualname) of the same
    router: its dependency parameters (the session, the current user; annotated
    ``…Dep`` or ``Depends``) and async when it is, plus the new route's path
    parameters."""
    function = model.function(neighbour)
    if function is None:
        return ""
    arguments = function.node.args
    defaults = [None] * (len(arguments.args) - len(arguments.defaults)) + list(arguments.defaults)
    wanted = []
    for argument, default in zip(arguments.args, defaults, strict=True):
        annotation = ast.unparse(argument.annotation) if argument.annotation else ""
        given = f" = {ast.unparse(default)}" if default is not None else ""
        alias = annotated_alias(model, function.qualname.partition(":")[0], argument.annotation)
        aliased = alias is not None and "Depends(" in ast.unparse(alias[1])
        if aliased or "Depends" in annotation + given or annotation.endswith(("Dep", "Session")):
            wanted.append(f"{argument.arg}: {annotation or 'object'}{given}")
    wanted += [f"{p}: str" for p in re.findall(r"\{(\w+)\}", route)]
    wanted.sort(key=lambda a: " = " in a)  # parameters with defaults last
    prefix = "async def" if function.is_async else "def"
    session = next((a.split(":")[0] for a in wanted if "Session" in a), "")
    body = (
        f"    return {'await ' if function.is_async else ''}{call}("
        + (f"{session}={session}" if session else "")
        + ")\n"
        if call
        else f'    """{method} {route}: the work is done here, as in the router\'s other '
        'handlers."""\n    ...\n'
    )
    return (
        f'@{variable}.{method.lower()}("{route}")\n{prefix} {name}({", ".join(wanted)}) -> None:\n'
        + body
    )


def function_call(model: CodeModel, router: str, module: str, function: str) -> str:
    """How ``router`` spells a call of ``module``'s new ``function``: through the name
    it binds the module to (``crud.deactivate_user``), else by the function's name."""
    bindings = model.modules[router].bindings
    local = next((n for n, target in bindings.items() if target == module), "")
    return f"{local}.{function}" if local else function


def function_tests(
    tests: Iterable[TestFact], module: str, routes: list[str], routers: set[str]
) -> str:
    """Where a new function of ``module`` is tested: the test module that exercises
    ``module`` and is named after the routes' resource (``test_user.py`` beside
    ``crud.py``; the API tests of the ``routers``, ``test_users.py`` for ``users``,
    last), else a new one named so beside those that exercise it; "" when none does."""
    resources = {route_resource(route) for route in routes} - {""}
    api_tests = {f"test_{r.rpartition('.')[2]}{end}.py" for r in routers for end in ("", "_api")}
    exercising = [t for t in tests if module in t.exercises]
    exercising.sort(key=lambda t: (posixpath.basename(t.path) in api_tests, t.path))
    for path in (t.path for t in exercising):
        stem = posixpath.basename(path).removesuffix(".py")
        if resources & {singular(w) for w in stem.split("_")}:
            return path
    # else the tests of the module itself (``user_service_test.py``, ``test_crud.py``)
    base = module.rpartition(".")[2]
    for path in (t.path for t in exercising):
        if posixpath.basename(path).removesuffix(".py") in (f"test_{base}", f"{base}_test"):
            return path
    if not exercising or not resources:
        return ""
    folder = Counter(posixpath.dirname(t.path) for t in exercising).most_common(1)[0][0]
    return f"{folder}/test_{min(resources)}.py"
