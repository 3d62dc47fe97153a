"""Performance lint of the code a request reaches: unbounded queries, missing
projections, N+1 awaits in loops, blocking calls in ``async def`` and filters or
sorts on fields no declared index covers. MongoDB (Motor, PyMongo, Beanie,
ODMantic) here; SQLAlchemy/SQLModel, HTTP clients and Redis in ``stack_lint``."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from itertools import chain

from archbook.application.code_facts.code_model import CodeModel, FunctionModel, ModuleModel
from archbook.application.code_facts.code_model import callee as _callee
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.tracing.mongo_indexes import (
    Indexes,
    collections_of,
    declared_indexes,
    receiver_collection,
    unindexed_findings,
)
from archbook.application.tracing.route_trace import trace_request
from archbook.application.tracing.stack_lint import sql_models, stack_findings
from archbook.domain.facts import Location
from archbook.domain.trace import PerfFinding, Trace

QUERY_METHODS = ("find", "aggregate", "find_all", "find_many")
# ``skip`` alone bounds nothing: only these cap how many documents come back.
LIMITING_METHODS = ("limit", "page", "paginate")
MONGO_DRIVERS = frozenset(
    {"motor", "pymongo", "beanie", "odmantic", "mongomock", "mongomock_motor"}
)
BLOCKING_CALLS = {
    "time.sleep": "time.sleep blocks the event loop; use await asyncio.sleep",
    "requests": "requests is synchronous; use httpx.AsyncClient",
    "urllib.request.urlopen": "urlopen is synchronous; use httpx.AsyncClient",
    "subprocess.run": "subprocess.run blocks; use asyncio.create_subprocess_exec",
    "subprocess.call": "subprocess.call blocks; use asyncio.create_subprocess_exec",
    "subprocess.check_output": "subprocess.check_output blocks; use asyncio subprocesses",
    "pymongo.MongoClient": "pymongo is synchronous; use motor (or run it in a thread)",
    "httpx.get": "httpx.get is synchronous; use httpx.AsyncClient",
    "httpx.post": "httpx.post is synchronous; use httpx.AsyncClient",
    "httpx.Client": "httpx.Client is synchronous; use httpx.AsyncClient",
    "redis.Redis": "redis.Redis is synchronous; use redis.asyncio.Redis",
    "redis.StrictRedis": "redis.StrictRedis is synchronous; use redis.asyncio.Redis",
    "sqlalchemy.create_engine": "a sync engine blocks the event loop; use create_async_engine",
    "psycopg2.connect": "psycopg2 is synchronous; use asyncpg or psycopg's async connection",
    "sqlite3.connect": "sqlite3 is synchronous; use aiosqlite",
    "pymysql.connect": "pymysql is synchronous; use aiomysql or asyncmy",
}


def perf_findings(known: RepoKnowledge, route: str | None = None) -> list[PerfFinding]:
    """Performance findings along one route's trace, or in every service and adapter."""
    if route is not None:
        return lint_trace(known.model, trace_request(known, route))
    functions: list[FunctionModel] = []
    names = {s.qualname for s in known.facts.services} | {a.qualname for a in known.facts.adapters}
    for qualname in sorted(names):
        klass = known.model.classes.get(qualname)
        if klass is not None:
            functions.extend(klass.methods.values())
    return lint_functions(known.model, functions)


def lint_trace(model: CodeModel, trace: Trace) -> list[PerfFinding]:
    """Findings in the service, collaborator and adapter methods a trace reaches."""
    functions = []
    for step in trace.steps():
        if step.kind in ("handler", "service", "collaborator", "adapter"):
            function = model.function(step.name)
            if function is not None:
                functions.append(function)
    return lint_functions(model, functions)


def lint_functions(model: CodeModel, functions: Iterable[FunctionModel]) -> list[PerfFinding]:
    """Findings in these functions, once each, in file and line order."""
    indexes = declared_indexes(model)
    tables = sql_models(model)
    found: dict[tuple[str, int, str], PerfFinding] = {}
    unique = {function.qualname: function for function in functions}
    by_class: dict[str, dict[str, str]] = {}
    for function in unique.values():
        module = model.modules[function.qualname.partition(":")[0]]
        collections = collections_of(model, function, by_class)
        mongo = bool(module.externals & MONGO_DRIVERS)
        checks = _check(model, module, function, indexes, collections, mongo)
        for rule, message, line in chain(checks, stack_findings(module, function, tables)):
            location = Location(module.path, line)
            found.setdefault(
                (module.path, line, rule),
                PerfFinding(rule, message, location, module.line(line), function.qualname),
            )
    return sorted(found.values(), key=lambda f: (f.location.path, f.location.line, f.rule))


def _check(
    model: CodeModel,
    module: ModuleModel,
    function: FunctionModel,
    indexes: Indexes,
    collections: dict[str, str],
    mongo: bool,
) -> Iterator[tuple[str, str, int]]:
    """Query rules only where MongoDB is used (the module imports a driver, or the
    receiver is a known collection), never on ``self.find()`` nor on a port's ``find``;
    blocking calls by imported name."""
    node = function.node
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
    query_keys = _query_keys(node)
    chains = _chains(node)
    for call in calls:
        name = _callee(call)
        if (
            name in ("find", "find_all", "find_many")
            and _on_collection(call)
            and (mongo or receiver_collection(call, collections) is not None)
        ):
            chained = chains.get(id(call), [])
            limited = (
                any(_callee(c) in LIMITING_METHODS for c in chained)
                or any(_callee(c) == "to_list" and _bounded_to_list(c) for c in chained)
                or any(k.arg == "limit" for k in call.keywords)  # ODMantic engine.find
            )
            if name == "find" and _projection_missing(call, module):
                yield (
                    "find-without-projection",
                    "find() without a projection reads whole documents; name the fields",
                    call.lineno,
                )
            if not limited:
                yield (
                    "unbounded-query",
                    "query without limit or pagination returns every matching document",
                    call.lineno,
                )
            collection = receiver_collection(call, collections)
            if indexes.declared:
                yield from unindexed_findings(call, chained, query_keys, collection, indexes)
        elif (
            (mongo or collections)
            and name == "to_list"
            and not _bounded_to_list(call)
            and not _limited_receiver(call)
        ):
            yield (
                "unbounded-to-list",
                "to_list(None) loads the whole cursor into memory; pass length=",
                call.lineno,
            )
        if function.is_async:
            dotted = _imported_name(model, module, call.func)
            for blocked, advice in BLOCKING_CALLS.items():
                if dotted == blocked or dotted.startswith(blocked + "."):
                    yield "blocking-call-in-async", advice, call.lineno
    if function.is_async:
        for line in _awaits_in_loops(node):
            yield (
                "await-in-loop",
                "await inside a loop: one round trip per item (N+1); batch it or gather",
                line,
            )


def _limited_receiver(call: ast.Call) -> bool:
    """``Menu.find_all().limit(n).to_list()``: on a Beanie document class (a capitalised
    name, not a Motor collection) a limit earlier in the chain bounds the list."""
    node = call.func.value if isinstance(call.func, ast.Attribute) else None
    limited = False
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        limited = limited or _callee(node) in LIMITING_METHODS
        node = node.func.value
    return limited and isinstance(node, ast.Name) and node.id[:1].isupper()


def _projection_missing(call: ast.Call, module: ModuleModel) -> bool:
    """A Motor/PyMongo ``find`` without a projection; ODMantic and Beanie documents
    are models read whole by design, so no projection is asked of them."""
    if module.externals & {"odmantic", "beanie"} and not module.externals & {"motor", "pymongo"}:
        return False
    return len(call.args) < 2 and not any(k.arg == "projection" for k in call.keywords)


def _on_collection(call: ast.Call) -> bool:
    """``x.find(...)`` on anything but ``self``/``cls`` (their own ``find`` method), and
    not ``text.find("/")``: a collection is filtered by a document, never a string."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant | ast.JoinedStr) and isinstance(
        getattr(first, "value", ""), str
    ):
        return False
    return not (isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"))


def _imported_name(model: CodeModel, module: ModuleModel, func: ast.expr) -> str:
    """``time.sleep``/``sleep`` → ``"time.sleep"`` when the head name is imported;
    ``""`` for local names (a variable called ``requests`` blocks nothing)."""
    head = func
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name) or head.id not in module.bindings:
        return ""
    return model.resolve_expr(module.name, func).replace(":", ".")


def _chains(node: ast.AST) -> dict[int, list[ast.Call]]:
    """For each call, the calls made on its result: ``find().sort()`` and, through a
    variable, ``cursor = find(); cursor.limit()``."""
    on_result: dict[int, list[ast.Call]] = {}
    variables: dict[str, ast.Call] = {}
    calls = sorted(
        (n for n in ast.walk(node) if isinstance(n, ast.Call)),
        key=lambda c: (c.lineno, c.col_offset),
    )
    for inner in ast.walk(node):
        if isinstance(inner, ast.Assign) and isinstance(inner.value, ast.Call):
            root = _chain_root(inner.value)
            for target in inner.targets:
                if isinstance(target, ast.Name):
                    variables[target.id] = root
    for call in calls:
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        origin: ast.Call | None = None
        if isinstance(receiver, ast.Call):
            origin = _chain_root(receiver)
        elif isinstance(receiver, ast.Name) and receiver.id in variables:
            origin = variables[receiver.id]
        if origin is not None:
            on_result.setdefault(id(origin), []).append(call)
    return on_result


def _chain_root(call: ast.Call) -> ast.Call:
    """The first call of ``a.find(x).sort(y).limit(z)`` — the ``find``."""
    while isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call):
        if _callee(call.func.value) in QUERY_METHODS:
            return call.func.value
        call = call.func.value
    return call


def _query_keys(node: ast.AST) -> dict[str, dict[str, int]]:
    """Keys put into dict variables: ``q = {"a": 1}`` and ``q["b"] = 2``."""
    keys: dict[str, dict[str, int]] = {}
    for inner in ast.walk(node):
        if isinstance(inner, ast.Assign):
            for target in inner.targets:
                if isinstance(target, ast.Name) and isinstance(inner.value, ast.Dict):
                    for key in inner.value.keys:
                        if isinstance(key, ast.Constant) and isinstance(key.value, str):
                            keys.setdefault(target.id, {})[key.value] = inner.lineno
                elif (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and isinstance(target.slice, ast.Constant)
                    and isinstance(target.slice.value, str)
                ):
                    keys.setdefault(target.value.id, {})[target.slice.value] = inner.lineno
        elif (
            isinstance(inner, ast.AnnAssign)
            and isinstance(inner.target, ast.Name)
            and isinstance(inner.value, ast.Dict)
        ):
            for key in inner.value.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    keys.setdefault(inner.target.id, {})[key.value] = inner.lineno
    return keys


def _awaits_in_loops(node: ast.AST) -> list[int]:
    lines: list[int] = []

    def visit(current: ast.AST, in_loop: bool) -> None:
        for child in ast.iter_child_nodes(current):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.Await) and in_loop:
                lines.append(child.lineno)
            loop_body = isinstance(current, ast.For | ast.While | ast.AsyncFor) and child in (
                *current.body,
                *current.orelse,
            )
            comprehension = isinstance(
                child, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
            )
            visit(child, in_loop or loop_body or comprehension)

    visit(node, False)
    return sorted(set(lines))


def _bounded_to_list(call: ast.Call) -> bool:
    values = [*call.args[:1], *(k.value for k in call.keywords if k.arg == "length")]
    if not values:
        return False
    return not any(isinstance(v, ast.Constant) and v.value is None for v in values)
