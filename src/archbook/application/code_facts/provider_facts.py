"""Dependency-injection wiring read from source: dependency-injector containers,
Dishka providers, hand-written containers and plain factory functions (the
``Depends`` targets of ``dependencies.py``). Each becomes a ``Provider`` saying what
it builds and from which other providers."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Set

from archbook.application.code_facts.class_roles import ENUM_BASES
from archbook.application.code_facts.code_model import (
    ClassModel,
    CodeModel,
    FunctionModel,
    ModuleModel,
)
from archbook.application.code_facts.code_model import callee as _callee_name
from archbook.application.code_facts.route_reading.route_arguments import keyword
from archbook.domain.facts import Location, Provider
from archbook.domain.layers import COMPOSITION, TESTS

DI_CONTAINER_BASES = ("DeclarativeContainer", "DynamicContainer")
DI_PROVIDER_KINDS = frozenset(
    {
        "Singleton",
        "ThreadSafeSingleton",
        "ThreadLocalSingleton",
        "Factory",
        "Resource",
        "Callable",
        "Coroutine",
        "Object",
        "Selector",
        "Container",
        "DependenciesContainer",
        "Dependency",
        "Configuration",
        "List",
        "Dict",
        "AbstractFactory",
        "AbstractSingleton",
        "DelegatedFactory",
    }
)
# A generator provider (``-> AsyncIterator[Session]`` with ``yield``) builds the item.
GENERATOR_TYPES = frozenset(
    f"{module}:{name}"
    for module in ("typing", "collections.abc")
    for name in (
        "Iterator",
        "Iterable",
        "Generator",
        "AsyncIterator",
        "AsyncIterable",
        "AsyncGenerator",
    )
)


def extract_providers(
    model: CodeModel, layers: Mapping[str, str], depends_targets: Set[str]
) -> list[Provider]:
    """Every provider of every container and factory in the repository.

    A plain function counts as a factory when it lives in a composition module
    (``dependencies.py``, ``container.py``, ...) or is the target of a ``Depends``.
    """
    found: list[Provider] = []
    for module in model.modules.values():
        layer = layers.get(module.name, "")
        if layer == TESTS:
            continue
        for klass in module.classes.values():
            if _is_di_container(klass):
                found.extend(_di_providers(model, module, klass))
            elif _is_dishka_provider(klass):
                found.extend(_dishka_providers(model, module, klass))
            else:
                found.extend(_factory_methods(model, module, klass))
        if "dishka" in module.externals:
            found.extend(_dishka_module_providers(model, module))
        for function in module.functions.values():
            wanted = layer == COMPOSITION or function.qualname in depends_targets
            if not wanted or function.name.startswith("_"):
                continue
            provider = _factory(model, module, function, module.name)
            if provider is not None:
                found.append(provider)
    return sorted(found, key=lambda p: (p.container, p.location.line, p.name))


def _is_di_container(klass: ClassModel) -> bool:
    return any(base.endswith(DI_CONTAINER_BASES) for base in klass.bases)


def _is_dishka_provider(klass: ClassModel) -> bool:
    return any(base.startswith("dishka") and base.endswith("Provider") for base in klass.bases)


def _di_providers(model: CodeModel, module: ModuleModel, klass: ClassModel) -> Iterator[Provider]:
    names = {
        t.id
        for s in klass.node.body
        if isinstance(s, ast.Assign)
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    for statement in klass.node.body:
        if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Call):
            continue
        kind = _callee_name(statement.value)
        if kind not in DI_PROVIDER_KINDS:
            continue
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield _di_provider(model, module, klass, target.id, statement.value, names)


def _di_provider(
    model: CodeModel,
    module: ModuleModel,
    klass: ClassModel,
    name: str,
    call: ast.Call,
    names: set[str],
) -> Provider:
    kind = _callee_name(call)
    location = Location(module.path, call.lineno)
    if kind == "Selector":
        branches: list[str] = []
        selected: list[str] = []
        for keyword in call.keywords:
            if keyword.arg and isinstance(keyword.value, ast.Call) and keyword.value.args:
                branches.append(keyword.arg)
                selected.append(model.resolve_expr(module.name, keyword.value.args[0]))
        return Provider(klass.qualname, name, kind, tuple(selected), location, (), tuple(branches))
    builds: tuple[str, ...] = ()
    if call.args and kind not in ("Configuration", "Dependency", "List", "Dict"):
        builds = (model.resolve_expr(module.name, call.args[0]),)
    arguments = tuple(
        (keyword.arg, _argument(model, module, keyword.value, names))
        for keyword in call.keywords
        if keyword.arg
    )
    return Provider(klass.qualname, name, kind, builds, location, arguments)


def _argument(model: CodeModel, module: ModuleModel, value: ast.expr, names: set[str]) -> str:
    """A sibling provider's name, the class a nested call builds, or the source text."""
    if isinstance(value, ast.Name) and value.id in names:
        return value.id
    if isinstance(value, ast.Call):
        callee = model.resolve_expr(module.name, value.func)
        if callee in model.classes:
            return callee
        if value.args and _callee_name(value) in DI_PROVIDER_KINDS:
            return model.resolve_expr(module.name, value.args[0])
    if (
        isinstance(value, ast.Attribute)
        and isinstance(value.value, ast.Name)
        and value.value.id in names
        and value.value.id != "config"
    ):
        return f"{value.value.id}.{value.attr}"
    return ast.unparse(value)


def _dishka_module_providers(model: CodeModel, module: ModuleModel) -> Iterator[Provider]:
    """Dishka's providers built at the top of a module: ``provider =
    Provider(scope=Scope.APP)``, then ``provider.provide(SqlRepo, provides=Repo)``."""
    names = {
        name
        for name, value in module.assignments.items()
        if isinstance(value, ast.Call) and _is_dishka_provider_class(model, module, value.func)
    }
    for statement in module.tree.body if names else []:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if (
            not isinstance(call, ast.Call)
            or not isinstance(call.func, ast.Attribute)
            or call.func.attr != "provide"
            or not isinstance(call.func.value, ast.Name)
            or call.func.value.id not in names
        ):
            continue
        source = call.args[0] if call.args else keyword(call, "source")
        if source is None:
            continue
        built = model.resolve_expr(module.name, source)
        provides = keyword(call, "provides")
        named = provides if provides is not None else source
        yield Provider(
            f"{module.name}:{call.func.value.id}",
            _plain_name(named) or ast.unparse(named),
            "dishka",
            (built,),
            Location(module.path, statement.lineno),
            provides=model.resolve_expr(module.name, provides) if provides else "",
        )


def _is_dishka_provider_class(model: CodeModel, module: ModuleModel, node: ast.expr) -> bool:
    qualified = model.resolve_expr(module.name, node)
    return qualified.startswith("dishka") and qualified.endswith("Provider")


def _dishka_providers(
    model: CodeModel, module: ModuleModel, klass: ClassModel
) -> Iterator[Provider]:
    for statement in klass.node.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            call = statement.value
            names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
            if _callee_name(call) == "provide_all":  # ``provide_all(A, B)``: each its own
                for each in call.args:
                    built = model.resolve_expr(module.name, each)
                    yield Provider(
                        klass.qualname,
                        _plain_name(each) or ast.unparse(each),
                        "dishka",
                        (built,),
                        Location(module.path, statement.lineno),
                    )
                continue
            source = call.args[0] if call.args else keyword(call, "source")
            if _callee_name(call) != "provide" or source is None:
                continue
            built = model.resolve_expr(module.name, source)
            provides = keyword(call, "provides")
            for name in names:
                yield Provider(
                    klass.qualname,
                    name,
                    "dishka",
                    (built,),
                    Location(module.path, statement.lineno),
                    provides=model.resolve_expr(module.name, provides) if provides else "",
                )
    for method in klass.methods.values():
        if any(
            _callee_name(d) == "provide" or _plain_name(d) == "provide"
            for d in method.node.decorator_list
        ):
            returned = _returned_type(model, module, method)
            yield Provider(
                klass.qualname,
                method.name,
                "dishka",
                (returned,) if returned else (),
                Location(module.path, method.line),
                _call_arguments(model, module, method),
            )


def _factory_methods(
    model: CodeModel, module: ModuleModel, klass: ClassModel
) -> Iterator[Provider]:
    """Methods and properties of a hand-written container class that build objects."""
    if not klass.name.endswith(("Container", "Factory", "Provider", "Registry")):
        return
    for method in klass.methods.values():
        if method.name.startswith("_"):
            continue
        provider = _factory(model, module, method, klass.qualname)
        if provider is not None:
            yield provider


def _factory(
    model: CodeModel, module: ModuleModel, function: FunctionModel, container: str
) -> Provider | None:
    """A function returning a new instance of a repository class (a factory), or a
    ``Depends`` target whose return annotation is a repository class."""
    built = _constructed(model, module, function)
    kind = "factory"
    if built is None:
        annotation = function.node.returns
        if annotation is None:
            return None
        built = _annotation_type(model, module, annotation)
        if built not in model.classes or not _returns_something(function):
            return None
        if model.ancestors(model.classes[built]) & set(ENUM_BASES):
            return None  # ``LocalModelClient.kind`` names a member: it builds nothing
        kind = "depends"
    return Provider(
        container,
        function.name,
        kind,
        (built,),
        Location(module.path, function.line),
        _call_arguments(model, module, function),
    )


def _constructed(model: CodeModel, module: ModuleModel, function: FunctionModel) -> str | None:
    for node in ast.walk(function.node):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
            callee = model.resolve_expr(module.name, node.value.func)
            if callee in model.classes:
                return callee
    return None


def _returns_something(function: FunctionModel) -> bool:
    return any(
        isinstance(node, ast.Return | ast.Yield) and node.value is not None
        for node in ast.walk(function.node)
    )


def _call_arguments(
    model: CodeModel, module: ModuleModel, function: FunctionModel
) -> tuple[tuple[str, str], ...]:
    """Keyword arguments of the construction a factory returns, as classes built."""
    for node in ast.walk(function.node):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
            return tuple(
                (k.arg, _argument(model, module, k.value, set()))
                for k in node.value.keywords
                if k.arg
            )
    return ()


def _returned_type(model: CodeModel, module: ModuleModel, function: FunctionModel) -> str | None:
    constructed = _constructed(model, module, function)
    if constructed:
        return constructed
    if function.node.returns is not None:
        return _annotation_type(model, module, function.node.returns)
    return None


def _annotation_type(model: CodeModel, module: ModuleModel, annotation: ast.expr) -> str:
    """The type a return annotation names; the item type of a generator's."""
    resolved = model.resolve_expr(module.name, annotation)
    if resolved in GENERATOR_TYPES and isinstance(annotation, ast.Subscript):
        item = annotation.slice
        first = item.elts[0] if isinstance(item, ast.Tuple) and item.elts else item
        return model.resolve_expr(module.name, first)
    return resolved


def _plain_name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""
