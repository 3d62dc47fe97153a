"""The sketch of a new module laid out like an existing one: the analog's classes,
functions and routers as signatures, renamed for the new resource.

A new ``pattern`` resource laid out like ``phase_repository.py`` shows the methods
``PhaseRepository`` has, as ``PatternRepository``'s: what a reader must write, in the
repository's own idiom, rather than a placeholder. Bodies, imports and everything else
are left out; nothing of the analog is run.
"""

from __future__ import annotations

import ast
import re

from archbook.application.code_facts.code_model import ModuleModel
from archbook.application.planning.naming import camel, plural
from archbook.application.planning.plan_validation import parses
from archbook.domain.python_syntax import parse_python

# Definitions a sketch shows at most, and lines it keeps at most.
MAX_DEFINITIONS = 8
MAX_LINES = 40
_DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def analog_sketch(module: ModuleModel | None, old: str, new: str) -> str:
    """Signatures of ``module``'s definitions with ``old`` (a resource, snake case)
    renamed ``new``; '' when it defines nothing or the result does not parse."""
    if module is None or not module.text:
        return ""
    try:
        tree = parse_python(module.text, module.path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ""
    kept: list[ast.stmt] = []
    lines = 1
    for statement in tree.body:
        if isinstance(statement, _DEFINITIONS):
            statement = _signatures(statement)
        elif not _router(statement):
            continue
        size = len(ast.unparse(statement).splitlines()) + 2
        if lines + size > MAX_LINES or len(kept) == MAX_DEFINITIONS:
            break
        kept.append(statement)
        lines += size
    if not any(isinstance(s, _DEFINITIONS) for s in kept):
        return ""
    body = ast.unparse(ast.Module(body=kept, type_ignores=[]))
    name = module.path.rpartition("/")[2]
    text = f"# the definitions of {name}, renamed: keep what the feature needs\n{body}"
    text = renamed_words(text.replace(name, "\0"), old, new).replace("\0", name)
    return text + "\n" if parses(text) else ""


def renamed_words(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` renamed ``new`` wherever it is a whole part of a name,
    plural, snake, Camel or upper case (``phases``, ``phase_id``, ``PhaseRepository``,
    ``PHASE_TTL``)."""
    pairs = [(plural(old), plural(new)), (old, new)]
    forms = []
    for before, after in pairs:
        forms += [
            (camel(before), camel(after)),
            (before.upper(), after.upper()),
            (before, after),
        ]
    table = dict(forms)
    camels = "|".join(re.escape(camel(before)) for before, _ in pairs)
    lower = "|".join(re.escape(before) for before, _ in pairs)
    upper = "|".join(re.escape(before.upper()) for before, _ in pairs)
    # a Camel part starts a word wherever it stands (``PostgresPhaseRepository``)
    pattern = (
        rf"(?:{camels})(?![a-z])|(?<![A-Za-z])(?:{lower})(?![a-z])"
        rf"|(?<![A-Za-z])(?:{upper})(?![A-Za-z])"
    )
    return re.sub(pattern, lambda m: table[m.group(0)], text)


def _signatures(node: ast.stmt) -> ast.stmt:
    """``node`` with each function's body cut to its docstring's first line or ``...``;
    a class keeps its fields, its methods cut the same way."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        node.body = [*_first_line(node.body), ast.Expr(ast.Constant(...))]
        return node
    if isinstance(node, ast.ClassDef):
        body: list[ast.stmt] = [*_first_line(node.body)]
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                body.append(_signatures(item))
            elif isinstance(item, ast.AnnAssign | ast.Assign) and _one_line(item):
                body.append(item)
        node.body = body or [ast.Expr(ast.Constant(...))]
    return node


def _first_line(body: list[ast.stmt]) -> list[ast.stmt]:
    """The first line of a body's docstring, as a docstring of its own."""
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        line = first.value.value.strip().splitlines()[0] if first.value.value.strip() else ""
        return [ast.Expr(ast.Constant(line))] if line else []
    return []


def _router(statement: ast.stmt) -> bool:
    """``router = APIRouter(prefix="/phases", tags=[...])``: how the module's routes
    are served."""
    return (
        isinstance(statement, ast.Assign | ast.AnnAssign)
        and isinstance(statement.value, ast.Call)
        and ast.unparse(statement.value.func).rpartition(".")[2] == "APIRouter"
    )


def _one_line(statement: ast.stmt) -> bool:
    return statement.lineno == getattr(statement, "end_lineno", statement.lineno)
