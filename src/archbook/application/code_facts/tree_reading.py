"""What the code model reads from syntax trees and module names before it knows any
class: every call and every import statement of a tree (breadth-first walks that
visit only the fields able to hold them), the absolute module a relative import
names, and whether a name is one of the repository's modules. Pure ``ast`` and
strings, so ``code_model`` builds on it without a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

# Fields that never hold a node which can contain a call (names, operators, contexts,
# flags): :func:`calls_in` does not descend into them.
_LEAF_FIELDS = frozenset(
    {"ctx", "op", "ops", "id", "attr", "arg", "name", "names", "asname", "module", "level"}
    | {"kind", "type_comment", "conversion", "is_async", "kwd_attrs", "rest", "tag"}
)
# Fields holding statements (or the handlers and cases that hold them): every import.
_STATEMENT_FIELDS = frozenset({"body", "handlers", "orelse", "finalbody", "cases"})
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_STATEMENT_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True)
class KnownNames:
    """The repository's module names, with their top-level names and every dotted prefix
    computed once per build (not once per module), so building the model stays linear."""

    modules: frozenset[str]
    tops: frozenset[str]
    prefixes: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str]) -> KnownNames:
        modules = frozenset(names)
        prefixes = set()
        for name in modules:
            dot = name.find(".")
            while dot >= 0:
                prefixes.add(name[:dot])
                dot = name.find(".", dot + 1)
        return cls(modules, frozenset(n.partition(".")[0] for n in modules), frozenset(prefixes))

    def is_internal(self, name: str) -> bool:
        """``name`` is a module of the repository or a package holding some."""
        return name in self.modules or name in self.prefixes


def calls_in(tree: ast.AST) -> list[ast.Call]:
    """Every call of a tree in the breadth-first order of :func:`ast.walk` (outer calls
    before inner ones), about three times faster: each node class's child fields are
    looked up once and leaf fields are never visited."""
    calls: list[ast.Call] = []
    nodes: list[ast.AST] = [tree]
    append = nodes.append
    for node in nodes:  # grows while it is read: a breadth-first walk
        kind = node.__class__
        if kind is ast.Call:
            calls.append(node)  # type: ignore[arg-type]
        fields = _CHILD_FIELDS.get(kind)
        if fields is None:
            fields = _CHILD_FIELDS[kind] = tuple(
                name for name in kind._fields if name not in _LEAF_FIELDS
            )
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        append(item)
            elif isinstance(value, ast.AST):
                append(value)
    return calls


def imports_in(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, in the order :func:`ast.walk` meets them. Imports are
    statements, and statements sit only in statement lists (bodies, handlers, cases),
    so only those are walked — never an expression."""
    imports: list[ast.Import | ast.ImportFrom] = []
    nodes: list[ast.AST] = [tree]
    for node in nodes:  # breadth-first over statements, handlers and match cases
        kind = node.__class__
        if kind is ast.Import or kind is ast.ImportFrom:
            imports.append(node)  # type: ignore[arg-type]
            continue
        fields = _STATEMENT_CHILD_FIELDS.get(kind)
        if fields is None:
            fields = _STATEMENT_CHILD_FIELDS[kind] = tuple(
                name for name in kind._fields if name in _STATEMENT_FIELDS
            )
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                nodes.extend(item for item in value if isinstance(item, ast.AST))
    return imports


def absolute_module(package: str, target: str | None, level: int) -> str | None:
    if not level:
        return target or None
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    if target:
        base.append(target)
    return ".".join(base)
