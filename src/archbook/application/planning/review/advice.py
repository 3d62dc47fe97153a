"""Checks of a plan's code against the versions and the wiring the repository uses.

A plan written from older knowledge gives advice the pinned libraries no longer take
(Pydantic v1 idioms in a v2 repo, ``@app.on_event`` with a lifespan-era FastAPI,
PyMongo 3 calls with PyMongo 4), or wires dependencies with another idiom than the
repository's. Code that stops working is an ``error``; code that still runs but goes
against the version or the repository's idiom is a ``warning``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import NamedTuple

from archbook.domain.plan_review import ERROR, WARNING
from archbook.domain.project import (
    FASTAPI_LIFESPAN,
    MOTOR_3,
    PYDANTIC_2,
    PYMONGO_4,
    ProjectFacts,
    pin_floor,
)

# Collection methods PyMongo 4 (and Motor 3, built on it) removed.
PYMONGO_REMOVED = frozenset(
    {"insert", "update", "remove", "save", "find_and_modify", "ensure_index", "count"}
)
PYDANTIC_V1_METHODS = frozenset({"dict", "parse_obj", "parse_raw", "from_orm", "parse_file"})
PYDANTIC_V1_VALIDATORS = frozenset({"validator", "root_validator"})
PYDANTIC_V2_NAMES = frozenset(
    {"ConfigDict", "field_validator", "model_validator", "computed_field"}
)
PYDANTIC_V2_METHODS = frozenset({"model_dump", "model_validate", "model_dump_json"})
# The DI idioms archbook tells apart, and the import that gives each away.
DI_IMPORTS = {"dependency_injector": "provide", "dishka": "dishka"}
DI_NAMES = {
    "provide": "a dependency-injector container (Provide[...])",
    "dishka": "Dishka providers",
    "depends": "plain Depends factories",
}


class Advice(NamedTuple):
    """A finding inside one code block: ``line`` counts from the block's first line."""

    level: str
    rule: str
    message: str
    line: int


def version_advice(tree: ast.AST, project: ProjectFacts) -> list[Advice]:
    """What in ``tree`` contradicts the FastAPI, Pydantic and PyMongo/Motor pins."""
    found: list[Advice] = []
    pydantic = pin_floor(project.pin("pydantic"))
    if pydantic is not None:
        found += _pydantic_2(tree) if pydantic >= PYDANTIC_2 else _pydantic_1(tree)
    fastapi = pin_floor(project.pin("fastapi"))
    if fastapi is not None:
        found += _fastapi(tree, fastapi >= FASTAPI_LIFESPAN)
    pymongo, motor = pin_floor(project.pin("pymongo")), pin_floor(project.pin("motor"))
    if (pymongo and pymongo >= PYMONGO_4) or (motor and motor >= MOTOR_3):
        found += _pymongo_4(tree)
    return sorted(found, key=lambda a: a.line)


def wiring_idiom(tree: ast.AST) -> tuple[str, int] | None:
    """The DI idiom a block's code uses and its line: a container library it imports,
    or ``depends`` for ``get_*`` factories handed to ``Depends``; None when it wires
    nothing."""
    factories = None
    for node in ast.walk(tree):
        for module, line in _imported_modules(node):
            idiom = DI_IMPORTS.get(module.split(".")[0])
            if idiom:
                return idiom, line
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "get_"
        ):
            factories = factories or node.lineno
    uses_depends = any(_called(n) == "Depends" for n in ast.walk(tree))
    if factories and uses_depends and "Provide" not in _names(tree):
        return "depends", factories
    return None


def _pydantic_2(tree: ast.AST) -> Iterator[Advice]:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "pydantic"
            and any(alias.name == "BaseSettings" for alias in node.names)
        ):
            yield Advice(
                ERROR,
                "pydantic-version",
                "imports BaseSettings from pydantic, which Pydantic 2 moved to the "
                "pydantic-settings package (from pydantic_settings import BaseSettings)",
                node.lineno,
            )
        if isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, ast.ClassDef) and inner.name == "Config":
                    yield Advice(
                        WARNING,
                        "pydantic-version",
                        f"{node.name} uses a Pydantic v1 `class Config`; the repo pins "
                        "Pydantic 2: model_config = ConfigDict(...)",
                        inner.lineno,
                    )
        decorator = _decorator_names(node)
        for name, line in decorator:
            if name in PYDANTIC_V1_VALIDATORS:
                yield Advice(
                    WARNING,
                    "pydantic-version",
                    f"@{name} is Pydantic v1 API; the repo pins Pydantic 2: "
                    "@field_validator / @model_validator",
                    line,
                )
        called = _method(node)
        if called in PYDANTIC_V1_METHODS:
            yield Advice(
                WARNING,
                "pydantic-version",
                f".{called}() is Pydantic v1 API; the repo pins Pydantic 2: "
                "model_dump() / model_validate()",
                getattr(node, "lineno", 0),
            )


def _pydantic_1(tree: ast.AST) -> Iterator[Advice]:
    for node in ast.walk(tree):
        names: set[str] = set()
        if isinstance(node, ast.ImportFrom) and node.module == "pydantic":
            names = {alias.name for alias in node.names} & PYDANTIC_V2_NAMES
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "model_config" for t in node.targets
        ):
            names = {"model_config"}
        called = _method(node)
        if called in PYDANTIC_V2_METHODS:
            names = {f".{called}()"}
        for name in sorted(names):
            yield Advice(
                ERROR,
                "pydantic-version",
                f"{name} is Pydantic 2 API, which the repo's Pydantic 1 pin does not have "
                "(class Config, @validator, .dict(), parse_obj())",
                getattr(node, "lineno", 0),
            )


def _fastapi(tree: ast.AST, lifespan_era: bool) -> Iterator[Advice]:
    for node in ast.walk(tree):
        for name, line in _decorator_names(node):
            if name == "on_event" and lifespan_era:
                yield Advice(
                    WARNING,
                    "fastapi-version",
                    "@app.on_event is deprecated in the FastAPI the repo pins: use a "
                    "lifespan handler (FastAPI(lifespan=...))",
                    line,
                )
        if not lifespan_era and _called(node) == "FastAPI":
            assert isinstance(node, ast.Call)
            if any(k.arg == "lifespan" for k in node.keywords):
                yield Advice(
                    ERROR,
                    "fastapi-version",
                    "FastAPI(lifespan=...) needs FastAPI 0.93 or later; the repo's pin "
                    "allows older versions: use @app.on_event",
                    node.lineno,
                )


def _pymongo_4(tree: ast.AST) -> Iterator[Advice]:
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        receiver = ast.unparse(node.func.value).lower()
        collection = "coll" in receiver or receiver.endswith("db") or "db." in receiver
        if method in PYMONGO_REMOVED and collection:
            yield Advice(
                ERROR,
                "pymongo-version",
                f".{method}() was removed in PyMongo 4, which the repo pins: use "
                "insert_one/update_one/delete_one/count_documents/create_index",
                node.lineno,
            )


def _decorator_names(node: ast.AST) -> list[tuple[str, int]]:
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return []
    found = []
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute):
            found.append((target.attr, decorator.lineno))
        elif isinstance(target, ast.Name):
            found.append((target.id, decorator.lineno))
    return found


def _method(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return None


def _imported_modules(node: ast.AST) -> list[tuple[str, int]]:
    if isinstance(node, ast.Import):
        return [(alias.name, node.lineno) for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        return [(node.module, node.lineno)]
    return []


def _names(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
