"""What an annotation says a value is: the repository class of ``Repo``,
``Optional[Repo]``, ``Repo | None`` or ``Annotated[Repo, ...]`` (never the items of
a collection), and the classes of a function's annotated parameters. Pure readers of
the code model, shared by the call readers and :class:`ValueTypes`."""

from __future__ import annotations

import ast

from archbook.application.code_facts.code_model import CodeModel, name_of

COLLECTIONS = frozenset(
    {"dict", "list", "set", "frozenset", "tuple", "type", "Dict", "List", "Set", "FrozenSet",
     "Tuple", "Type", "Sequence", "MutableSequence", "Mapping", "MutableMapping", "Iterable",
     "Iterator", "Collection", "DefaultDict", "defaultdict", "OrderedDict", "deque", "Deque"}
)  # fmt: skip


def annotated_class(model: CodeModel, module: str, annotation: ast.expr) -> str | None:
    """The first repository class an annotation says a value is an instance of:
    ``Repo``, ``Optional[Repo]``, ``Repo | None``, ``Annotated[Repo, ...]``,
    ``FromDishka[Repo]``, ``Repo[T]`` — not the items of ``dict[str, Repo]`` or
    ``list[Repo]``, nor ``type[Repo]``."""
    for inner in _instance_types(annotation):
        qualified = model.follow(model.resolve_expr(module, inner))
        if qualified in model.classes:
            return qualified
    return None


def parameter_classes(model: CodeModel, module: str, function: ast.AST) -> dict[str, list[str]]:
    """Parameter → [class] for parameters annotated with a repository class."""
    found: dict[str, list[str]] = {}
    args = getattr(function, "args", None)
    if not isinstance(args, ast.arguments):
        return found
    for argument in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
        if argument.annotation is None or argument.arg in ("self", "cls"):
            continue
        qualified = annotated_class(model, module, argument.annotation)
        if qualified is not None:
            found[argument.arg] = [qualified]
    return found


def _instance_types(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.Name | ast.Attribute):
        return [node]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_instance_types(node.left), *_instance_types(node.right)]
    if not isinstance(node, ast.Subscript) or name_of(node.value) in COLLECTIONS:
        return []  # dict[str, Repo] is no Repo; type[Repo] is the class itself
    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    if name_of(node.value) == "Annotated":
        items = items[:1]
    # Repo[T] is a Repo; Optional[Repo], FromDishka[Repo], Inject[Repo] hold one
    return [node.value, *(t for item in items for t in _instance_types(item))]
