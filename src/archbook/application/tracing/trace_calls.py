"""What a function body calls, read statically, for request traces.

Real handlers and services reach the next layer in more ways than an injected
parameter: they call module-level functions (``crud.create_user(...)``), build a
use case in place (``UseCase(repo).execute()``, ``service = Service(db)``), get one
from a factory function whose return type or ``return`` names a class, or receive
a port as a typed function parameter. These helpers name the targets of such
calls; the tracer decides what each step is.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from archbook.application.code_facts.code_model import (
    ClassModel,
    CodeModel,
    find_method,
    name_of,
    unquoted,
)
from archbook.application.tracing.annotated_types import annotated_class, parameter_classes
from archbook.domain.facts import PortFact

MAX_FACTORY_HOPS = 4
# Libraries whose objects do a request's I/O: a handler or service calling methods on a
# parameter typed with one of their classes reaches that library there.
IO_LIBRARIES = frozenset(
    {"sqlalchemy", "sqlmodel", "motor", "odmantic", "pymongo", "beanie", "redis", "asyncpg",
     "databases", "httpx", "requests", "aiohttp", "boto3", "aiobotocore", "elasticsearch",
     "fastcrud"}
)  # fmt: skip

# Classes of those libraries whose objects do the I/O (a SQLAlchemy ``Session``, a
# Motor ``AsyncIOMotorCollection``, an ``httpx.AsyncClient``), not query builders or
# column objects (``Select``, ``InstrumentedAttribute``) handed around beside them.
IO_OBJECT = re.compile(
    r"Session|Connection|Engine|Client|Database|Collection|Redis|Pool|Elasticsearch|Cursor"
    r"|CRUD"
)


def produced_classes(model: CodeModel, module: str, node: ast.expr) -> list[str]:
    """Repository classes an expression evaluates to an instance of: ``Cls(...)``,
    ``await make()``/``make()`` of a factory returning one, ``a or b``."""
    return _produced(model, module, node, 0)


def returned_classes(model: CodeModel, qualname: str) -> list[str]:
    """Classes a factory function (``Depends(get_service)``) returns an instance of."""
    call = ast.Call(
        func=ast.Name(id=qualname.partition(":")[2], ctx=ast.Load()), args=[], keywords=[]
    )
    return _produced(model, qualname.partition(":")[0], call, 0) if ":" in qualname else []


def local_instances(model: CodeModel, module: str, function: ast.AST) -> dict[str, list[str]]:
    """Local name → classes it holds: ``x = Cls(...)``, ``x = factory()``, and parameters
    annotated with a repository class."""
    found = parameter_classes(model, module, function)
    for node in _own_nodes(function):
        value = None
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            value, targets = node.value, list(node.targets)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            value, targets = node.value, [node.target]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            value, targets = node.context_expr, [node.optional_vars]
        if value is None:
            continue
        classes = produced_classes(model, module, value)
        for target in targets:
            if isinstance(target, ast.Name) and classes:
                found[target.id] = classes
    return found


def method_calls(function: ast.AST, names: set[str]) -> list[tuple[str, str, int]]:
    """``name.method(...)`` and ``name(...)`` on the given local names, in source order."""
    calls = []
    for node in _own_nodes(function):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in names:
            calls.append((func.id, "__call__", node.lineno))
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in names
        ):
            calls.append((func.value.id, func.attr, node.lineno))
    return sorted(dict.fromkeys(calls), key=lambda c: c[2])


def function_calls(model: CodeModel, module: str, function: ast.AST) -> list[tuple[str, int]]:
    """Repository module-level functions called in a body: (qualname, line)."""
    calls: list[tuple[str, int]] = []
    for node in _own_nodes(function):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name | ast.Attribute):
            continue
        if isinstance(node.func, ast.Attribute) and not isinstance(
            node.func.value, ast.Name | ast.Attribute
        ):
            continue
        qualified = model.resolve_expr(module, node.func)
        target = model.function(qualified)
        if target is not None and "." not in qualified.partition(":")[2]:
            calls.append((target.qualname, node.lineno))
    return sorted(dict.fromkeys(calls), key=lambda c: c[1])


def constructed_calls(
    model: CodeModel, module: str, function: ast.AST
) -> list[tuple[str, str, int]]:
    """``Cls(...).method(...)`` in a body: (class, method, line)."""
    calls = []
    for node in _own_nodes(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Call)
        ):
            for klass in produced_classes(model, module, node.func.value):
                calls.append((klass, node.func.attr, node.lineno))
    return sorted(dict.fromkeys(calls), key=lambda c: c[2])


def attributes_built(model: CodeModel, klass: ClassModel, attribute: str) -> list[str]:
    """Classes ``self.attribute`` holds when ``__init__`` builds it: ``self.x = Cls(...)``
    or ``self.x = factory()``."""
    init = find_method(model, klass, "__init__")
    if init is None:
        return []
    module = init.qualname.partition(":")[0]
    for node in _own_nodes(init.node):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
                and target.attr == attribute
            ):
                return produced_classes(model, module, node.value)
    return []


def self_attribute_classes(model: CodeModel, klass: ClassModel) -> dict[str, list[str]]:
    """``self.x`` → classes, from properties returning one and class-level annotations
    (a controller's ``service`` property, ``repo: Repo`` on the class)."""
    found: dict[str, list[str]] = {}
    owners = [
        klass,
        *(model.classes[b] for b in sorted(model.ancestors(klass)) if b in model.classes),
    ]
    for owner in owners:
        for method in owner.methods.values():
            decorators = {name_of(d) for d in method.node.decorator_list}
            if decorators & {"property", "cached_property"} and method.name not in found:
                classes = _returned_in(model, owner.module, method.node)
                if classes:
                    found[method.name] = classes
        init = owner.methods.get("__init__")
        annotated = [*(_own_nodes(init.node) if init else []), *owner.node.body]
        for statement in annotated:
            if not isinstance(statement, ast.AnnAssign):
                continue
            attribute = _attribute_named(owner, statement, statement.target)
            if attribute is None:
                continue
            qualified = annotated_class(model, owner.module, statement.annotation)
            if qualified is not None:
                found.setdefault(attribute, [qualified])
    return found


def _returned_in(model: CodeModel, module: str, function: ast.AST) -> list[str]:
    returns = getattr(function, "returns", None)
    declared = annotated_class(model, module, returns) if returns is not None else None
    if declared is not None:
        return [declared]
    for inner in ast.walk(function):
        if isinstance(inner, ast.Return) and inner.value is not None:
            classes = _produced(model, module, inner.value, 1)
            if classes:
                return classes
    return []


def module_instance_calls(
    model: CodeModel, module: str, function: ast.AST, local: set[str]
) -> list[tuple[str, str, int]]:
    """``crud.user.get(...)`` / ``user_service.create(...)`` on a module-level instance
    (``user = CRUDUser(User)``, re-exported or not): (class, method, line)."""
    calls = []
    for node in _own_nodes(function):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner_node = node.func.value
        if not isinstance(owner_node, ast.Name | ast.Attribute):
            continue
        if isinstance(owner_node, ast.Name) and owner_node.id in local | {"self", "cls"}:
            continue
        owner, _, name = model.resolve_expr(module, owner_node).partition(":")
        defined = model.modules.get(owner)
        if defined is None or not name or name not in defined.assignments:
            continue
        for klass in produced_classes(model, owner, defined.assignments[name]):
            calls.append((klass, node.func.attr, node.lineno))
    return sorted(dict.fromkeys(calls), key=lambda c: c[2])


def library_calls(model: CodeModel, module: str, function: ast.AST) -> list[tuple[str, str, int]]:
    """``session.add(...)`` on a parameter typed with an I/O library's class
    (``session: Session`` from sqlmodel): (library class, method, line)."""
    args = getattr(function, "args", None)
    if not isinstance(args, ast.arguments):
        return []
    typed: dict[str, str] = {}
    for argument in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
        annotation = argument.annotation
        library = _library_class(model, module, annotation) if annotation else None
        if library is not None:
            typed[argument.arg] = library
    calls = [
        (typed[name], method, line) for name, method, line in method_calls(function, set(typed))
    ]
    return sorted(calls + _module_library_calls(model, module, function), key=lambda c: c[2])


def _module_library_calls(
    model: CodeModel, module: str, function: ast.AST
) -> list[tuple[str, str, int]]:
    """``redis_client.get(...)``, ``crud_posts.create(...)`` on a module-level object
    of the repository built from an I/O library's class (``redis_client = Redis(...)``,
    ``crud_posts = CRUDPost(Post)`` with ``CRUDPost = FastCRUD[Post, ...]``):
    (library class, method, line)."""
    local = _local_names(function)
    calls = []
    for node in _own_nodes(function):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner_node = root = node.func.value
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name) or root.id in local:
            continue
        library = _library_object(model, model.resolve_expr(module, owner_node))
        if library is not None:
            calls.append((library, node.func.attr, node.lineno))
    return calls


def _library_object(model: CodeModel, qualname: str) -> str | None:
    """The I/O library class a module-level name of the repository is an instance of:
    its value calls the class, or an alias of it (``Alias = Lib[...]``), directly or
    through ``.from_url(...)``-style constructors."""
    for _ in range(MAX_FACTORY_HOPS):
        owner, _, name = qualname.partition(":")
        defined = model.modules.get(owner)
        if defined is None or not name or name not in defined.assignments:
            return None
        value = defined.assignments[name]
        if isinstance(value, ast.Call):
            value = value.func
            if isinstance(value, ast.Attribute) and not isinstance(value.value, ast.Call):
                library = _library_class(model, owner, value.value)  # Redis.from_url(...)
                if library is not None:
                    return library
        if isinstance(value, ast.Subscript):
            value = value.value
        if not isinstance(value, ast.Name | ast.Attribute):
            return None
        library = _library_class(model, owner, value)
        if library is not None:
            return library
        qualname = model.resolve_expr(owner, value)
    return None


def _local_names(function: ast.AST) -> set[str]:
    """Parameters and names a function assigns: never module-level objects."""
    names = {"self", "cls"}
    args = getattr(function, "args", None)
    if isinstance(args, ast.arguments):
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        names.update(a.arg for a in every if a is not None)
    for node in _own_nodes(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def library_attributes(model: CodeModel, klass: ClassModel) -> dict[str, str]:
    """``self.x`` → the I/O library class it holds, for a class and its bases: a
    class-level or ``__init__`` annotation (``self.engine: AIOEngine = get_engine()``),
    or ``self.x = param`` with the parameter typed by the library."""
    found: dict[str, str] = {}
    owners = [klass, *(model.classes[b] for b in model.ancestors(klass) if b in model.classes)]
    for owner in owners:
        init = owner.methods.get("__init__")
        params = {}
        if init is not None:
            args = init.node.args
            params = {a.arg: a.annotation for a in [*args.args, *args.kwonlyargs] if a.annotation}
        statements = [*owner.node.body, *(_own_nodes(init.node) if init else [])]
        for statement in statements:
            target: ast.expr
            annotation: ast.expr | None = None
            if isinstance(statement, ast.AnnAssign):
                target, annotation = statement.target, statement.annotation
            elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Name):
                target, annotation = statement.targets[0], params.get(statement.value.id)
            else:
                continue
            name = _attribute_named(owner, statement, target)
            library = _library_class(model, owner.module, annotation) if annotation else None
            if library is not None and name is not None:
                found.setdefault(name, library)
    return found


def _attribute_named(owner: ClassModel, statement: ast.stmt, target: ast.expr) -> str | None:
    """The instance attribute an assignment sets: ``self.x`` in a method, ``x`` in the
    class body; ``None`` for anything else (a local of ``__init__``)."""
    if isinstance(target, ast.Attribute) and name_of(target.value) == "self":
        return target.attr
    if isinstance(target, ast.Name) and statement in owner.node.body:
        return target.id
    return None


def _library_class(model: CodeModel, module: str, annotation: ast.expr) -> str | None:
    """The I/O library class an annotation names (``Session`` from sqlmodel), if any."""
    for inner in ast.walk(annotation):
        if isinstance(inner, ast.Name | ast.Attribute):
            qualified = model.resolve_expr(module, inner)
            top = qualified.split(".", 1)[0].split(":", 1)[0]
            name = qualified.replace(":", ".").rpartition(".")[2]
            if top in IO_LIBRARIES and top not in model.modules and IO_OBJECT.search(name):
                return qualified.replace(":", ".")
    return None


HANDLER_METHODS = ("handle", "__call__", "execute", "run")
# The names of a class that handles messages and of a message class: a handler whose
# ``handle`` takes a ``TransferCommand`` handles it even with no generic base.
HANDLER_CLASS_ENDINGS = ("Handler", "UseCase", "Interactor")
MESSAGE_CLASS_ENDINGS = ("Command", "Query", "Event", "Message", "Request")


def message_handlers(model: CodeModel) -> dict[str, list[str]]:
    """Message class → what handles it when a mediator or bus dispatches by type:
    ``class H(Handler[Cmd, R])`` (its ``handle``/``__call__``/``execute``/``run``), a
    ``…Handler`` whose such method takes a ``…Command`` (``Query``, ``Event``, ...)
    and functions registered by a decorator naming the class (``@bus.handler(Cmd)``)."""
    found: dict[str, list[str]] = {}
    for klass in model.classes.values():
        method = next((m for m in HANDLER_METHODS if m in klass.methods), None)
        if method is None:
            continue
        taken = _annotated_message(model, klass, klass.methods[method].node)
        if taken is not None:
            found.setdefault(taken, []).append(klass.methods[method].qualname)
            continue
        for base in klass.node.bases:
            if not isinstance(base, ast.Subscript):
                continue
            first = base.slice.elts[0] if isinstance(base.slice, ast.Tuple) else base.slice
            for inner in ast.walk(first):
                if isinstance(inner, ast.Name | ast.Attribute):
                    message = model.resolve_expr(klass.module, inner)
                    if message in model.classes:
                        found.setdefault(message, []).append(klass.methods[method].qualname)
    for module in model.modules.values():
        for function in module.functions.values():
            for decorator in function.node.decorator_list:
                if not isinstance(decorator, ast.Call):
                    continue
                for argument in decorator.args:
                    if isinstance(argument, ast.Name | ast.Attribute):
                        message = model.resolve_expr(module.name, argument)
                        if message in model.classes:
                            found.setdefault(message, []).append(function.qualname)
    return found


def _annotated_message(model: CodeModel, klass: ClassModel, method: ast.AST) -> str | None:
    """The message class a handler's method takes as its first argument, when the
    class and the message are named as such (``TransferHandler.handle(self, command:
    TransferCommand)``); None otherwise."""
    if not klass.name.endswith(HANDLER_CLASS_ENDINGS):
        return None
    arguments = getattr(method, "args", None)
    positional = arguments.args[1:] if arguments is not None else []
    annotation = positional[0].annotation if positional else None
    if not isinstance(annotation, ast.Name | ast.Attribute):
        return None
    message = model.resolve_expr(klass.module, annotation)
    if message in model.classes and message.endswith(MESSAGE_CLASS_ENDINGS):
        return message
    return None


def dispatched_messages(
    model: CodeModel, module: str, function: ast.AST, env: dict[str, list[str]]
) -> list[tuple[str, int]]:
    """Message instances handed to a method call (``app.execute(command)``,
    ``mediator.handle_command(LoginCommand(...))``) or to a callable the function was
    given (``await executor(TransferCommand(...))`` with ``executor`` a parameter):
    (message class, line)."""
    found: list[tuple[str, int]] = []
    arguments = getattr(function, "args", None)
    given = {a.arg for a in (*arguments.args, *arguments.kwonlyargs)} if arguments else set()
    for node in _own_nodes(function):
        if not isinstance(node, ast.Call):
            continue
        if not isinstance(node.func, ast.Attribute) and not (
            isinstance(node.func, ast.Name) and node.func.id in given
        ):
            continue
        for argument in node.args:
            if isinstance(argument, ast.Name) and argument.id in env:
                found.extend((c, node.lineno) for c in env[argument.id])
            elif isinstance(argument, ast.Call):
                found.extend((c, node.lineno) for c in produced_classes(model, module, argument))
    return list(dict.fromkeys(found))


def structural_implementations(
    model: CodeModel, port: PortFact, excluded: set[str]
) -> list[tuple[str, str]]:
    """Classes and modules providing every method a port names, without naming the port:
    (``module:Class`` or ``module``, note). Protocols are satisfied this way."""
    names = {m.name for m in port.methods if not m.name.startswith("_")}
    if not names:
        return []
    found: list[tuple[str, str]] = []
    for klass in model.classes.values():
        if klass.qualname in excluded or klass.qualname == port.qualname:
            continue
        if names <= set(klass.methods) and port.qualname not in model.ancestors(klass):
            found.append((klass.qualname, "structural"))
    for module in model.modules.values():
        if module.name in excluded or module.name == port.qualname.partition(":")[0]:
            continue
        if names <= set(module.functions):
            found.append((module.name, "module functions"))
    return found


def _produced(model: CodeModel, module: str, node: ast.expr, hops: int) -> list[str]:
    if hops > MAX_FACTORY_HOPS:
        return []
    if isinstance(node, ast.Await):
        return _produced(model, module, node.value, hops)
    if isinstance(node, ast.BoolOp):
        return [c for value in node.values for c in _produced(model, module, value, hops)]
    if isinstance(node, ast.Name):
        # ``return server``: an instance made at the top of a module (imported in the
        # function or not)
        owner, _, name = model.resolve_name(module, node.id).partition(":")
        defined = model.modules.get(owner)
        value = defined.assignments.get(name) if defined is not None else None
        return _produced(model, owner, value, hops + 1) if value is not None else []
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name | ast.Attribute):
        return []
    qualified = model.resolve_expr(module, node.func)
    if qualified in model.classes:
        return [qualified]
    function = model.function(qualified)
    if function is None:
        return []
    owner = qualified.partition(":")[0]
    if function.node.returns is not None:
        for inner in ast.walk(unquoted(function.node.returns)):
            if isinstance(inner, ast.Name | ast.Attribute):
                declared = model.resolve_expr(owner, inner)
                if declared in model.classes:
                    return [declared]
    for inner in ast.walk(function.node):
        if isinstance(inner, ast.Return) and inner.value is not None:
            classes = _produced(model, owner, inner.value, hops + 1)
            if classes:
                return classes
    return []


def _own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """Nodes of a function body, not entering nested functions, classes or lambdas."""
    body = getattr(function, "body", None)
    pending: list[ast.AST] = (
        list(body) if isinstance(body, list) else list(ast.iter_child_nodes(function))
    )
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))
