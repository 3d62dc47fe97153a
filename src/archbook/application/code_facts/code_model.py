"""A static model of a repository's code: modules, their classes, functions and the
names they bind, built with ``ast`` from source text — nothing is imported or run.

Names are qualified as ``module:Symbol`` (``module`` alone for a module), and a
name bound by an import is followed to where it is defined, re-exports included.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from archbook.application.code_facts.emptied_tests import blank_test_bodies, drop_test_bodies
from archbook.application.code_facts.tree_reading import (
    FunctionNode,
    KnownNames,
    absolute_module,
    calls_in,
    imports_in,
)
from archbook.domain.layers import is_test_file
from archbook.domain.python_syntax import parse_python
from archbook.domain.source import Module

MAX_REEXPORT_HOPS = 8


@dataclass
class FunctionModel:
    """A function or method and where it is written."""

    name: str
    qualname: str
    line: int
    node: FunctionNode

    @property
    def is_async(self) -> bool:
        return isinstance(self.node, ast.AsyncFunctionDef)

    @property
    def is_stub(self) -> bool:
        """Whether it does nothing yet: a docstring, ``...``, ``pass`` or ``raise
        NotImplementedError`` at most (an endpoint laid out before its work)."""
        return all(map(_placeholder, self.node.body))


@dataclass
class ClassModel:
    """A class: its bases (qualified when archbook can tell), methods and decorators."""

    name: str
    qualname: str
    module: str
    line: int
    node: ast.ClassDef
    bases: list[str]
    methods: dict[str, FunctionModel] = field(default_factory=dict)


@dataclass
class ModuleModel:
    """One parsed module: what it defines and what each local name refers to."""

    name: str
    path: str
    tree: ast.Module
    bindings: dict[str, str] = field(default_factory=dict)
    classes: dict[str, ClassModel] = field(default_factory=dict)
    functions: dict[str, FunctionModel] = field(default_factory=dict)
    assignments: dict[str, ast.expr] = field(default_factory=dict)
    externals: set[str] = field(default_factory=set)
    star_imports: list[str] = field(default_factory=list)  # ``from x import *`` → "x"
    text: str = ""  # the source the tree was parsed from, for quick "may it hold X" tests

    @cached_property
    def calls(self) -> list[ast.Call]:
        """Every call in the module, outer before inner (the order of :func:`ast.walk`),
        gathered on first use: most extractors first ask whether the text names what
        they look for, so most modules are never walked to the last expression."""
        return calls_in(self.tree)

    @cached_property
    def lines(self) -> list[str]:
        """The source's lines, split on first use: most modules are never quoted, and
        split up front they weighed more than the text itself."""
        return self.text.splitlines()

    def line(self, number: int) -> str:
        """The stripped source text of a 1-based line ("" when out of range)."""
        return self.lines[number - 1].strip() if 0 < number <= len(self.lines) else ""

    @property
    def holds_no_code(self) -> bool:
        """Whether the module holds nothing but strings, ``pass`` or ``...``: empty, or
        a docstring kept for code to come (``\"\"\"TODO: to implement\"\"\"``)."""
        return all(
            isinstance(node, ast.Pass)
            or isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            for node in self.tree.body
        )


class CodeModel:
    """Every parsed module of a repository, with name resolution across them."""

    def __init__(self, modules: dict[str, ModuleModel], problems: list[str]) -> None:
        self.modules = modules
        self.problems = problems
        self.classes = {c.qualname: c for m in modules.values() for c in m.classes.values()}

    @classmethod
    def build(cls, sources: Iterable[tuple[Module, str | None]]) -> CodeModel:
        """Parse ``(module, text)`` pairs; unparsable text becomes a problem, not an error."""
        items = list(sources)
        names = KnownNames.of(module.name for module, _ in items)
        modules: dict[str, ModuleModel] = {}
        problems: list[str] = []
        for module, text in items:
            if text is None:
                continue
            stem = module.path.rpartition("/")[2].removesuffix(".py")
            tests = is_test_file(stem) and stem != "conftest"  # fixtures hold fakes, overrides
            try:
                tree = _parse(text, module.path, tests)
            except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
                problems.append(f"{module.path}: not parsed ({type(error).__name__}: {error})")
                continue
            modules[module.name] = _model(module, tree, names)
            modules[module.name].text = text
        model = cls(modules, problems)
        for module_model in modules.values():
            for klass in module_model.classes.values():
                klass.bases = [model.resolve_expr(module_model.name, b) for b in klass.node.bases]
        return model

    def resolve_name(self, module: str, name: str) -> str:
        """Qualified name of ``name`` as seen from ``module`` (``module:name`` when local)."""
        model = self.modules.get(module)
        if model is None:
            return f"{module}:{name}"
        if name in model.classes or name in model.functions or name in model.assignments:
            return f"{module}:{name}"
        bound = model.bindings.get(name)
        if bound:
            return self.follow(bound)
        star = self._from_star(model, name)
        return self.follow(star) if star else name

    def _from_star(self, model: ModuleModel, name: str) -> str | None:
        """``name`` brought in by ``from package import *`` (defined or bound there)."""
        for star in model.star_imports:
            source = self.modules.get(star)
            if source is None:
                continue
            known = (
                name in source.classes
                or name in source.functions
                or name in source.assignments
                or name in source.bindings
            )
            if known:
                return f"{star}:{name}"
        return None

    def resolve_expr(self, module: str, node: ast.expr) -> str:
        """Qualified name of a ``Name``/``Attribute`` expression; dotted text otherwise."""
        if isinstance(node, ast.Name):
            return self.resolve_name(module, node.id)
        if isinstance(node, ast.Attribute):
            owner = self.resolve_expr(module, node.value)
            if ":" not in owner and owner in self.modules:
                submodule = f"{owner}.{node.attr}"
                if submodule in self.modules:
                    return submodule
                return self.follow(f"{owner}:{node.attr}")
            return f"{owner}.{node.attr}"
        if isinstance(node, ast.Subscript):
            return self.resolve_expr(module, node.value)
        return ast.unparse(node)

    def made_in(self, qualname: str, among: Iterable[str] | None = None) -> list[str]:
        """The modules (of ``among``, else all) that make an instance of a class at
        their top level (``user_service = UserService()``)."""
        names = self.modules if among is None else among
        return [
            name
            for name in names
            if name in self.modules
            and any(
                isinstance(value, ast.Call) and self.resolve_expr(name, value.func) == qualname
                for value in self.modules[name].assignments.values()
            )
        ]

    def follow(self, qualname: str) -> str:
        """Follow re-exports: ``pkg:Name`` bound in ``pkg`` by an import → its definition."""
        for _ in range(MAX_REEXPORT_HOPS):
            module, _, name = qualname.partition(":")
            model = self.modules.get(module)
            if not name or model is None:
                return qualname
            if name in model.classes or name in model.functions or name in model.assignments:
                return qualname
            bound = model.bindings.get(name) or self._from_star(model, name)
            if bound is None or bound == qualname:
                return qualname
            qualname = bound
        return qualname

    def function(self, qualname: str) -> FunctionModel | None:
        """The function ``module:name`` or method ``module:Class.name``, if defined."""
        module, _, name = qualname.partition(":")
        model = self.modules.get(module)
        if model is None:
            return None
        owner, _, method = name.partition(".")
        if not method:
            return model.functions.get(name)
        klass = model.classes.get(owner)
        if klass is not None and "." not in method:
            return klass.methods.get(method)
        if klass is None and owner not in model.functions:
            return None  # ``client.get`` on a module-level object: no definition
        return _nested_function(model, qualname, name.split("."))

    def subclasses_of(self, qualname: str) -> Iterator[ClassModel]:
        """Classes whose bases (transitively) include ``qualname``."""
        for klass in self.classes.values():
            if klass.qualname != qualname and qualname in self.ancestors(klass):
                yield klass

    def ancestors(self, klass: ClassModel) -> set[str]:
        seen: set[str] = set()
        pending = list(klass.bases)
        while pending:
            base = pending.pop()
            if base in seen:
                continue
            seen.add(base)
            parent = self.classes.get(base)
            if parent is not None:
                pending.extend(parent.bases)
        return seen


def _model(module: Module, tree: ast.Module, known: KnownNames) -> ModuleModel:
    model = ModuleModel(module.name, module.path, tree)
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    names, tops = known.modules, known.tops
    for node in imports_in(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    model.bindings[alias.asname] = alias.name
                else:
                    top = alias.name.split(".", 1)[0]
                    model.bindings[top] = top
                if alias.name.split(".", 1)[0] not in tops:
                    model.externals.add(alias.name.split(".", 1)[0])
        elif isinstance(node, ast.ImportFrom):
            base = absolute_module(package, node.module, node.level)
            if not base:
                continue
            if not known.is_internal(base):
                model.externals.add(base.split(".", 1)[0])
            for alias in node.names:
                if alias.name == "*":
                    model.star_imports.append(base)
                    continue
                full = f"{base}.{alias.name}" if base else alias.name
                model.bindings[alias.asname or alias.name] = (
                    full if full in names else f"{base}:{alias.name}"
                )
    for statement in tree.body:
        _define(model, statement)
    return model


def _define(model: ModuleModel, statement: ast.stmt) -> None:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        qualname = f"{model.name}:{statement.name}"
        model.functions[statement.name] = FunctionModel(
            statement.name, qualname, statement.lineno, statement
        )
    elif isinstance(statement, ast.ClassDef):
        klass = ClassModel(
            statement.name,
            f"{model.name}:{statement.name}",
            model.name,
            statement.lineno,
            statement,
            [],
        )
        for item in statement.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                klass.methods[item.name] = FunctionModel(
                    item.name, f"{klass.qualname}.{item.name}", item.lineno, item
                )
        model.classes[statement.name] = klass
    elif isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name):
                model.assignments[target.id] = statement.value
    elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        if statement.value is not None:
            model.assignments[statement.target.id] = statement.value
    elif isinstance(statement, ast.If | ast.Try):
        for child in [*statement.body, *getattr(statement, "orelse", [])]:
            _define(model, child)


def _nested_function(model: ModuleModel, qualname: str, parts: list[str]) -> FunctionModel | None:
    """A ``def`` inside a function or method (``make_users_router.list_users``: the
    endpoint a router factory declares), found by walking the path's bodies."""
    body: list[ast.stmt] = model.tree.body
    found: FunctionNode | ast.ClassDef | None = None
    for part in parts:
        found = _defined_in(body, part)
        if found is None:
            return None
        body = found.body
    if not isinstance(found, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    return FunctionModel(found.name, qualname, found.lineno, found)


def _defined_in(body: list[ast.stmt], name: str) -> FunctionNode | ast.ClassDef | None:
    """The ``def`` or ``class`` named ``name`` in a body, looking into ``if``, ``with``,
    ``try`` and loops but not into other definitions; the last one wins, as at run time."""
    found: FunctionNode | ast.ClassDef | None = None
    pending = list(body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if statement.name == name and (found is None or statement.lineno > found.lineno):
                found = statement
            continue
        for block in ("body", "orelse", "finalbody"):
            inner = getattr(statement, block, None)
            if isinstance(inner, list):
                pending.extend(s for s in inner if isinstance(s, ast.stmt))
        for handler in getattr(statement, "handlers", None) or []:
            pending.extend(handler.body)
    return found


def find_method(model: CodeModel, klass: ClassModel, method: str) -> FunctionModel | None:
    """A method of a class or of the nearest base defined in the repository."""
    pending, seen = [klass], set()
    while pending:
        owner = pending.pop(0)
        if owner.qualname in seen:
            continue
        seen.add(owner.qualname)
        if method in owner.methods:
            return owner.methods[method]
        pending.extend(model.classes[b] for b in owner.bases if b in model.classes)
    return None


def unquoted(annotation: ast.expr) -> ast.expr:
    """A string annotation (a forward reference, ``"SyncServer"``) read as the
    expression it spells; any other annotation as it is."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return ast.parse(annotation.value.strip(), mode="eval").body
        except (SyntaxError, ValueError):
            return annotation
    return annotation


def name_of(node: ast.AST) -> str:
    """``x`` for the expressions ``x`` and ``a.x``; ``""`` for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def callee(node: ast.AST) -> str:
    """The name a call ends with: ``f()`` and ``a.f()`` → ``f`` (a non-call as is)."""
    return name_of(node.func if isinstance(node, ast.Call) else node)


def annotated_alias(
    model: CodeModel, module: str, annotation: ast.expr | None
) -> tuple[str, ast.expr] | None:
    """A type alias used as an annotation, e.g. ``UserServiceDep`` defined elsewhere as
    ``Annotated[UserService, Depends(...)]``: (the module defining it, its value)."""
    if not isinstance(annotation, ast.Name | ast.Attribute):
        return None
    owner, _, name = model.resolve_expr(module, annotation).partition(":")
    defined = model.modules.get(owner)
    if defined is None or name not in defined.assignments:
        return None
    return owner, defined.assignments[name]


def _parse(text: str, path: str, tests: bool) -> ast.Module:
    """The syntax tree of a module's ``text``; a test file's without its tests' bodies
    (``emptied_tests``), parsed from the whole text where the blanked one fails."""
    if not tests:
        return parse_python(text, path)
    try:
        tree = parse_python(blank_test_bodies(text), path)
    except (SyntaxError, ValueError):
        tree = parse_python(text, path)
    drop_test_bodies(tree)
    return tree


def _placeholder(statement: ast.stmt) -> bool:
    """A statement that stands for code still to write."""
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return statement.value.value is Ellipsis or isinstance(statement.value.value, str)
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        return callee(statement.exc).rpartition(".")[2] == "NotImplementedError"
    return False
