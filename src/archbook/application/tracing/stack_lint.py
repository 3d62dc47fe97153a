"""Performance rules for the stacks FastAPI backends use besides MongoDB: SQLAlchemy
and SQLModel (sync and async), HTTP clients and Redis.

Each rule yields ``(rule, why it is slow, line)``. Rules fire only where the module
imports the library, so a local ``select`` or a dict's ``keys()`` stays quiet.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from archbook.application.code_facts.code_model import CodeModel, FunctionModel, ModuleModel
from archbook.application.code_facts.code_model import callee as _callee

SQL_LIBRARIES = frozenset({"sqlalchemy", "sqlmodel"})
REDIS_LIBRARIES = frozenset({"redis", "aioredis", "coredis"})
# Calls that bound a statement's rows, on the statement or on its result.
BOUNDING = frozenset(
    {"limit", "slice", "fetch", "first", "one", "one_or_none", "scalar", "scalar_one",
     "scalar_one_or_none", "paginate", "exists", "count"}
)  # fmt: skip
EAGER_LOADS = frozenset({"selectinload", "joinedload", "subqueryload", "immediateload"})
QUERY_CALLS = frozenset({"execute", "exec", "scalars", "scalar", "get", "query", "refresh"})
SYNC_SESSION_TYPES = frozenset({"Session", "scoped_session"})
REQUESTS_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request"})
SCAN_ITERS = frozenset({"scan_iter", "sscan_iter", "hscan_iter", "zscan_iter"})
WHOLE_RANGES = frozenset({"lrange", "zrange"})


@dataclass
class SqlModels:
    """Columns of the SQLAlchemy/SQLModel classes of a repository, by class name:
    every column, the indexed ones (index, unique, primary key, ``Index(...)``) and
    the relationship attributes."""

    columns: dict[str, set[str]] = field(default_factory=dict)
    indexed: dict[str, set[str]] = field(default_factory=dict)
    relationships: set[str] = field(default_factory=set)


def sql_models(model: CodeModel) -> SqlModels:
    """Read the column declarations of every class in a module that imports an ORM."""
    found = SqlModels()
    for module in model.modules.values():
        if not module.externals & SQL_LIBRARIES:
            continue
        for klass in module.classes.values():
            _read_class(klass.node, found)
    return found


def stack_findings(
    module: ModuleModel, function: FunctionModel, tables: SqlModels
) -> Iterator[tuple[str, str, int]]:
    """Every SQL, HTTP-client and Redis finding in one function."""
    node = function.node
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
    names = {_callee(c) for c in calls}
    if module.externals & SQL_LIBRARIES:
        yield from _unbounded_statements(module, calls, names)
        yield from _loops(node, tables, names)
        yield from _unindexed_filters(calls, tables)
        if function.is_async:
            yield from _sync_session(node, module)
    if "requests" in module.externals:
        yield from _no_timeout(module, calls)
    if module.externals & REDIS_LIBRARIES:
        yield from _redis(calls)


def _unbounded_statements(
    module: ModuleModel, calls: list[ast.Call], names: set[str]
) -> Iterator[tuple[str, str, int]]:
    """``select(...)``/``query(...)`` read to the end with nothing capping the rows."""
    if names & BOUNDING:
        return
    for call in calls:
        if (
            isinstance(call.func, ast.Name)
            and call.func.id == "select"
            and module.bindings.get("select", "").startswith(tuple(SQL_LIBRARIES))
        ):
            yield (
                "unbounded-select",
                "select() without limit or pagination returns every matching row",
                call.lineno,
            )
        elif _callee(call) == "query" and isinstance(call.func, ast.Attribute) and "all" in names:
            yield (
                "unbounded-select",
                "query().all() without limit or pagination loads every matching row",
                call.lineno,
            )


def _loops(node: ast.AST, tables: SqlModels, names: set[str]) -> Iterator[tuple[str, str, int]]:
    """Queries issued per item of a loop, and relationships lazily loaded per row."""
    eager = bool(names & EAGER_LOADS)
    for loop in ast.walk(node):
        if not isinstance(loop, ast.For | ast.AsyncFor | ast.While):
            continue
        item = (
            loop.target.id
            if isinstance(loop, ast.For | ast.AsyncFor) and isinstance(loop.target, ast.Name)
            else None
        )
        for inner in (n for stmt in loop.body for n in ast.walk(stmt)):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and _callee(inner) in QUERY_CALLS
                and _is_session(inner.func.value)
                and _reads(inner)
            ):
                yield (
                    "query-in-loop",
                    "a query per loop item (N+1): load them in one statement",
                    inner.lineno,
                )
            elif (
                item is not None
                and not eager
                and isinstance(inner, ast.Attribute)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == item
                and inner.attr in tables.relationships
            ):
                yield (
                    "lazy-load-in-loop",
                    f"'{item}.{inner.attr}' lazy-loads a relationship per row (N+1); "
                    "use selectinload/joinedload",
                    inner.lineno,
                )


def _unindexed_filters(calls: list[ast.Call], tables: SqlModels) -> Iterator[tuple[str, str, int]]:
    """``where(Model.col == x)``/``filter_by(col=x)`` on a column with no index."""
    for call in calls:
        name = _callee(call)
        if name in ("where", "filter"):
            for arg in call.args:
                for compare in (n for n in ast.walk(arg) if isinstance(n, ast.Compare)):
                    column = compare.left
                    if isinstance(column, ast.Attribute) and isinstance(column.value, ast.Name):
                        yield from _unindexed(column.value.id, column.attr, call.lineno, tables)
        elif name == "filter_by" and isinstance(call.func, ast.Attribute):
            for owner in _query_models(call):
                for keyword in call.keywords:
                    if keyword.arg:
                        yield from _unindexed(owner, keyword.arg, call.lineno, tables)


def _unindexed(
    owner: str, column: str, line: int, tables: SqlModels
) -> Iterator[tuple[str, str, int]]:
    if column in tables.columns.get(owner, ()) and column not in tables.indexed.get(owner, ()):
        yield (
            "unindexed-filter",
            f"filter on {owner}.{column} but the model declares no index on it: "
            "every row is scanned",
            line,
        )


def _query_models(call: ast.Call) -> list[str]:
    """``session.query(User).filter_by(...)`` → ``["User"]``."""
    node: ast.AST = call.func
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Call) and _callee(node) in ("query", "select"):
            return [a.id for a in node.args if isinstance(a, ast.Name)]
        node = node.func if isinstance(node, ast.Call) else node.value
    return []


def _sync_session(node: ast.AST, module: ModuleModel) -> Iterator[tuple[str, str, int]]:
    """A synchronous ``Session`` used inside ``async def``: every query blocks the loop."""
    assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    sync_args = {
        arg.arg
        for arg in (*node.args.args, *node.args.kwonlyargs)
        if arg.annotation is not None and _names_sync_session(arg.annotation)
    }
    for inner in ast.walk(node):
        if not isinstance(inner, ast.Call):
            continue
        receiver = inner.func.value if isinstance(inner.func, ast.Attribute) else None
        if isinstance(receiver, ast.Name) and receiver.id in sync_args:
            if _callee(inner) in (*QUERY_CALLS, "commit", "flush", "add", "delete", "all"):
                yield (
                    "sync-session-in-async",
                    f"'{receiver.id}' is a synchronous Session inside async def: each "
                    "query blocks the event loop; use AsyncSession or a plain def",
                    inner.lineno,
                )
        elif (
            isinstance(inner.func, ast.Name)
            and inner.func.id in SYNC_SESSION_TYPES
            and module.bindings.get(inner.func.id, "").startswith(tuple(SQL_LIBRARIES))
        ):
            yield (
                "sync-session-in-async",
                "a synchronous Session opened inside async def blocks the event loop",
                inner.lineno,
            )


def _no_timeout(module: ModuleModel, calls: list[ast.Call]) -> Iterator[tuple[str, str, int]]:
    """``requests.get(...)`` without ``timeout=`` waits forever on a stalled server."""
    for call in calls:
        if _callee(call) not in REQUESTS_VERBS or any(k.arg == "timeout" for k in call.keywords):
            continue
        head = call.func.value if isinstance(call.func, ast.Attribute) else call.func
        if isinstance(head, ast.Name) and module.bindings.get(head.id, "").startswith("requests"):
            yield (
                "http-without-timeout",
                "requests call without timeout= waits forever if the server stalls",
                call.lineno,
            )


def _redis(calls: list[ast.Call]) -> Iterator[tuple[str, str, int]]:
    for call in calls:
        name = _callee(call)
        if name == "keys" and call.args and isinstance(call.func, ast.Attribute):
            yield (
                "redis-keys",
                "KEYS walks the whole keyspace and blocks Redis; use SCAN with match/count",
                call.lineno,
            )
        elif name in SCAN_ITERS and not any(k.arg == "count" for k in call.keywords):
            yield (
                "unbounded-scan",
                f"{name}() without count= scans in batches of 10: thousands of round trips",
                call.lineno,
            )
        elif name in WHOLE_RANGES and len(call.args) >= 3 and _is_minus_one(call.args[2]):
            yield (
                "unbounded-scan",
                f"{name}(key, 0, -1) reads the whole collection into memory; page it",
                call.lineno,
            )


def _read_class(node: ast.ClassDef, found: SqlModels) -> None:
    columns: set[str] = set()
    indexed: set[str] = set()
    for stmt in node.body:
        target, value = _assigned(stmt)
        if target is None or not isinstance(value, ast.Call):
            if target == "__table_args__" and value is not None:
                indexed |= _index_columns(value)
            continue
        name = _callee(value)
        if name == "relationship" or name == "Relationship":
            found.relationships.add(target)
        elif name in ("Column", "mapped_column", "Field") or (
            isinstance(stmt, ast.AnnAssign) and name not in ("Index",)
        ):
            columns.add(target)
            if any(
                k.arg in ("index", "unique", "primary_key")
                and isinstance(k.value, ast.Constant)
                and k.value.value is True
                for k in value.keywords
            ):
                indexed.add(target)
        if target == "__table_args__":
            indexed |= _index_columns(value)
    if columns:
        found.columns.setdefault(node.name, set()).update(columns)
        found.indexed.setdefault(node.name, set()).update(indexed | {"id"})


def _assigned(stmt: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        if isinstance(target, ast.Name):
            return target.id, stmt.value
    return None, None


def _index_columns(value: ast.AST) -> set[str]:
    """Columns named in ``Index("ix", "col")``/``UniqueConstraint("col")``."""
    names: set[str] = set()
    for call in (n for n in ast.walk(value) if isinstance(n, ast.Call)):
        if _callee(call) in ("Index", "UniqueConstraint", "PrimaryKeyConstraint"):
            skip = 1 if _callee(call) == "Index" else 0
            for arg in call.args[skip:]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
                elif isinstance(arg, ast.Attribute):
                    names.add(arg.attr)
    return names


def _names_sync_session(annotation: ast.expr) -> bool:
    for inner in ast.walk(annotation):
        name = inner.id if isinstance(inner, ast.Name) else getattr(inner, "attr", None)
        if name in SYNC_SESSION_TYPES:
            return True
    return False


def _reads(call: ast.Call) -> bool:
    """A read: ``get``/``scalars``/``query``..., or ``execute(select(...))`` — not an
    ``execute`` of an insert, delete or DDL statement, which a loop may well need."""
    if _callee(call) not in ("execute", "exec"):
        return True
    return any(
        isinstance(n, ast.Call) and _callee(n) == "select" for a in call.args for n in ast.walk(a)
    )


def _is_session(node: ast.AST) -> bool:
    text = ast.unparse(node).lower()
    return "session" in text or text in ("db", "self.db", "conn", "connection")


def _is_minus_one(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and node.operand.value == 1
    )
