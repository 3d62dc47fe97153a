"""Which repository classes an expression holds, read statically, for request traces.

Services reach their collaborators through more than a typed parameter: a chain of
attributes (``self.stores.members.count()`` where ``stores`` is a factory object
whose properties return repositories), a factory method on such a chain
(``ctx.factories.members.make_leave()``), a container kept on the app's state
(``request.app.state.container.enrolment()``), or an attribute set in
``__init__`` from a parameter typed ``Any`` whose class only the code building the
object names (``Service(SqlRepo(db))``). :class:`ValueTypes` follows such
expressions one hop at a time:

- a local name, ``self`` and a module-level instance;
- ``obj.attr``: a ``property``/``cached_property`` returning a class, a class-level
  annotation or assignment, ``self.attr`` set in ``__init__`` (typed, built there,
  or from a parameter whose class the construction sites name), a provider of a
  dependency-injector container;
- ``<anything>.state.name``: what the code assigns to ``….state.name``;
- ``Cls(...)``, ``factory()`` and ``obj.method()``: the class built, or the class a
  function or method returns (its return annotation, else its ``return``).

Nothing is guessed: an expression archbook cannot follow yields no class.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence

from archbook.application.code_facts.code_model import (
    ClassModel,
    CodeModel,
    FunctionModel,
    find_method,
    name_of,
)
from archbook.application.tracing.annotated_types import annotated_class, parameter_classes
from archbook.application.tracing.body_values import FUNCTIONS, is_self_attr, scope_nodes

MAX_HOPS = 8
PROPERTIES = frozenset({"property", "cached_property"})


class ValueTypes:
    """Classes of expressions in a repository (see the module docstring)."""

    def __init__(self, model: CodeModel, provided: Mapping[str, Sequence[str]]) -> None:
        self.model = model
        self.provided = provided  # "module:Container.name" → classes the provider builds
        self._state: dict[str, list[str]] | None = None
        self._sites: dict[str, list[tuple[str, ast.Call]]] = {}
        self._attributes: dict[tuple[str, str], list[str]] = {}
        self._returns: dict[str, list[str]] = {}

    def of(
        self,
        module: str,
        node: ast.expr,
        env: Mapping[str, Sequence[str]],
        owner: ClassModel | None = None,
        hops: int = 0,
    ) -> list[str]:
        """Classes ``node`` holds an instance of, seen from ``module`` (``env``: local
        names → classes; ``owner``: the class ``self`` is)."""
        if hops > MAX_HOPS:
            return []
        if isinstance(node, ast.Await):
            return self.of(module, node.value, env, owner, hops)
        if isinstance(node, ast.BoolOp):
            return _unique(c for v in node.values for c in self.of(module, v, env, owner, hops))
        if isinstance(node, ast.IfExp):
            branches = (node.body, node.orelse)
            return _unique(c for v in branches for c in self.of(module, v, env, owner, hops))
        if isinstance(node, ast.Name):
            return self._name(module, node, env, owner, hops)
        if isinstance(node, ast.Attribute):
            return self._attribute_of(module, node, env, owner, hops)
        if isinstance(node, ast.Call):
            return self._call(module, node, env, owner, hops)
        return []

    def attribute(self, klass: str, name: str, hops: int = 0) -> list[str]:
        """Classes ``instance.name`` holds for an instance of ``klass`` (or its bases)."""
        if hops > MAX_HOPS:
            return []
        if hops == 0 and (klass, name) not in self._attributes:
            self._attributes[(klass, name)] = self.attribute(klass, name, 1)
        if hops == 0:
            return self._attributes[(klass, name)]
        provided = self.provided.get(f"{klass}.{name}")
        if provided:
            return list(provided)
        start = self.model.classes.get(self.model.follow(klass))
        if start is None:
            return []
        owners = [start, *(self.model.classes[b] for b in self._bases(start))]
        for owner in owners:
            found = self._own_attribute(owner, name, hops + 1)
            if found:
                return found
        return []

    def returned(self, function: FunctionModel, hops: int = 0) -> list[str]:
        """Classes a function or method returns: its annotation, else its ``return``."""
        if hops == 0:
            if function.qualname not in self._returns:
                self._returns[function.qualname] = self.returned(function, 1)
            return self._returns[function.qualname]
        module, _, name = function.qualname.partition(":")
        owner = self.model.classes.get(f"{module}:{name.rpartition('.')[0]}")
        if function.node.returns is not None:
            declared = annotated_class(self.model, module, function.node.returns)
            if declared is not None:
                return [declared]
        if hops > MAX_HOPS:
            return []
        env = parameter_classes(self.model, module, function.node)
        for inner in ast.walk(function.node):
            if isinstance(inner, ast.Assign) and len(inner.targets) == 1:
                target = inner.targets[0]
                if isinstance(target, ast.Name) and target.id not in env:
                    classes = self.of(module, inner.value, env, owner, hops + 1)
                    if classes:
                        env[target.id] = classes
        for inner in ast.walk(function.node):
            if isinstance(inner, ast.Return) and inner.value is not None:
                classes = self.of(module, inner.value, env, owner, hops + 1)
                if classes:
                    return classes
        return []

    def _name(
        self,
        module: str,
        node: ast.Name,
        env: Mapping[str, Sequence[str]],
        owner: ClassModel | None,
        hops: int,
    ) -> list[str]:
        if node.id in env:
            return list(env[node.id])
        if node.id == "self" and owner is not None:
            return [owner.qualname]
        return self._module_instance(self.model.resolve_expr(module, node), hops)

    def _attribute_of(
        self,
        module: str,
        node: ast.Attribute,
        env: Mapping[str, Sequence[str]],
        owner: ClassModel | None,
        hops: int,
    ) -> list[str]:
        root = _root(node)
        if root and root not in env and root != "self":
            found = self._module_instance(self.model.resolve_expr(module, node), hops)
            if found:
                return found
        if isinstance(node.value, ast.Attribute) and node.value.attr == "state":
            found = self.state().get(node.attr, [])
            if found:
                return found
        classes = self.of(module, node.value, env, owner, hops + 1)
        return _unique(c for k in classes for c in self.attribute(k, node.attr, hops + 1))

    def _call(
        self,
        module: str,
        node: ast.Call,
        env: Mapping[str, Sequence[str]],
        owner: ClassModel | None,
        hops: int,
    ) -> list[str]:
        func = node.func
        if isinstance(func, ast.Name) or (
            isinstance(func, ast.Attribute) and _is_dotted(func) and _root(func) not in env
        ):
            qualified = self.model.follow(self.model.resolve_expr(module, func))
            if qualified in self.model.classes:
                return [qualified]
            function = self.model.function(qualified)
            if function is not None and "." not in qualified.partition(":")[2]:
                return self.returned(function, hops + 1)
        if not isinstance(func, ast.Attribute):
            return []
        built = self._built_by_classmethod(module, func, env)
        if built:
            return built
        found: list[str] = []
        for klass in self.of(module, func.value, env, owner, hops + 1):
            provided = self.provided.get(f"{klass}.{func.attr}")
            model = self.model.classes.get(klass)
            method = find_method(self.model, model, func.attr) if model else None
            if provided:
                found.extend(provided)
            elif method is not None and func.attr != "__init__":
                found.extend(self.returned(method, hops + 1))
        return _unique(found)

    def _built_by_classmethod(
        self, module: str, func: ast.Attribute, env: Mapping[str, Sequence[str]]
    ) -> list[str]:
        """``OrderRepository.from_session(session)``: a classmethod, here or on a base,
        that builds the class it is called on (``-> Self``, ``return cls(...)``)."""
        if not _is_dotted(func.value) or _root(func) in env:
            return []
        klass = self.model.follow(self.model.resolve_expr(module, func.value))
        owner = self.model.classes.get(klass)
        method = find_method(self.model, owner, func.attr) if owner else None
        if method is None or not _builds_its_class(method):
            return []
        return [klass]

    def _module_instance(self, qualified: str, hops: int) -> list[str]:
        """``name`` bound at module level to an instance (``user_dao = CRUDUser(User)``)."""
        owner, _, name = qualified.partition(":")
        defined = self.model.modules.get(owner)
        if defined is None or not name or name not in defined.assignments:
            return []
        return self.of(owner, defined.assignments[name], {}, None, hops + 1)

    def _own_attribute(self, owner: ClassModel, name: str, hops: int) -> list[str]:
        """``name`` as ``owner`` itself defines it (property, class body, ``__init__``)."""
        method = owner.methods.get(name)
        if method is not None:
            decorators = {name_of(d) for d in method.node.decorator_list}
            return self.returned(method, hops) if decorators & PROPERTIES else []
        for statement in owner.node.body:
            if isinstance(statement, ast.AnnAssign) and name_of(statement.target) == name:
                declared = annotated_class(self.model, owner.module, statement.annotation)
                if declared is not None:
                    return [declared]
            if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
                targets = statement.targets if isinstance(statement, ast.Assign) else []
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    return self.of(owner.module, statement.value, {}, owner, hops)
        init = owner.methods.get("__init__")
        return self._set_in_init(owner, init, name, hops) if init is not None else []

    def _set_in_init(
        self, owner: ClassModel, init: FunctionModel, name: str, hops: int
    ) -> list[str]:
        """``self.name`` assigned in ``__init__``: its annotation, what the value builds,
        or — for a parameter typed with no repository class — what callers pass."""
        params = parameter_classes(self.model, owner.module, init.node)
        for node in ast.walk(init.node):
            value: ast.expr | None = None
            if isinstance(node, ast.AnnAssign) and is_self_attr(node.target, name):
                declared = annotated_class(self.model, owner.module, node.annotation)
                if declared is not None:
                    return [declared]
                value = node.value
            elif isinstance(node, ast.Assign) and any(is_self_attr(t, name) for t in node.targets):
                value = node.value
            if value is None:
                continue
            found = self.of(owner.module, value, params, owner, hops)
            if found or not isinstance(value, ast.Name):
                return found
            return self._passed(owner, init, value.id, hops)
        return []

    def _passed(self, owner: ClassModel, init: FunctionModel, param: str, hops: int) -> list[str]:
        """Classes the code constructing ``owner`` passes for ``__init__``'s ``param``."""
        args = init.node.args
        positional = [a.arg for a in [*args.posonlyargs, *args.args]][1:]
        index = positional.index(param) if param in positional else -1
        found: list[str] = []
        for module, call in self.sites(owner.name):
            if self.model.follow(self.model.resolve_expr(module, call.func)) != owner.qualname:
                continue
            argument = next((k.value for k in call.keywords if k.arg == param), None)
            if argument is None and 0 <= index < len(call.args):
                argument = call.args[index]
                if isinstance(argument, ast.Starred):
                    argument = None
            if argument is not None:
                found.extend(self.of(module, argument, {}, None, hops + 1))
        return _unique(found)

    def sites(self, name: str) -> list[tuple[str, ast.Call]]:
        """Every call in the repository whose callee ends with ``name`` (once per name;
        only modules whose text holds the name are read)."""
        if name not in self._sites:
            self._sites[name] = [
                (module.name, call)
                for module in self.model.modules.values()
                if any(name in line for line in module.lines)
                for call in module.calls
                if name_of(call.func) == name
            ]
        return self._sites[name]

    def state(self) -> dict[str, list[str]]:
        """``app.state.name = value`` anywhere in the repository → classes of value
        (a local built earlier in the same function counts)."""
        if self._state is None:
            self._state = {}
            for module in self.model.modules.values():
                if any(".state." in line for line in module.lines):
                    self._collect_state(module.name, module.tree)
        return self._state

    def _collect_state(self, module: str, tree: ast.AST) -> None:
        assert self._state is not None
        for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, FUNCTIONS))]:
            env: dict[str, list[str]] = {}
            for node in scope_nodes(scope):
                if not isinstance(node, ast.Assign):
                    continue
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        classes = self.of(module, node.value, env, None, 1)
                        if classes:
                            env[target.id] = classes
                    elif (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Attribute)
                        and target.value.attr == "state"
                    ):
                        classes = self.of(module, node.value, env, None, 1)
                        bucket = self._state.setdefault(target.attr, [])
                        bucket.extend(c for c in classes if c not in bucket)

    def _bases(self, klass: ClassModel) -> list[str]:
        return [b for b in sorted(self.model.ancestors(klass)) if b in self.model.classes]


def _builds_its_class(method: FunctionModel) -> bool:
    """A classmethod declared to return ``Self`` or returning ``cls(...)``."""
    node = method.node
    if not any(name_of(d) == "classmethod" for d in node.decorator_list):
        return False
    if node.returns is not None and name_of(node.returns) == "Self":
        return True
    cls = node.args.args[0].arg if node.args.args else ""
    return any(
        isinstance(inner, ast.Return)
        and isinstance(inner.value, ast.Call)
        and isinstance(inner.value.func, ast.Name)
        and inner.value.func.id == cls
        for inner in ast.walk(node)
    )


def _is_dotted(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _root(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
