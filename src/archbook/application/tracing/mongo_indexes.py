"""MongoDB indexes and collections for the performance lint: the index fields a
repository declares, the collection a query's receiver names, and the filters and
sorts on fields no declared index covers. Apart from ``perf_lint`` because reading
indexes is its own walk over every module, with its own small value (``Indexes``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from archbook.application.code_facts.code_model import CodeModel, FunctionModel
from archbook.application.code_facts.code_model import callee as _callee

ALWAYS_INDEXED = frozenset({"_id"})


INDEX_CALLS = ("create_index", "create_indexes", "IndexModel", "ensure_index")


@dataclass
class Indexes:
    """Declared MongoDB index fields per collection (``""`` when the collection is unknown)."""

    by_collection: dict[str, set[str]] = field(default_factory=dict)

    @property
    def declared(self) -> bool:
        return bool(self.by_collection)

    def covers(self, collection: str | None, name: str) -> bool:
        if name in ALWAYS_INDEXED:
            return True
        if collection and collection in self.by_collection:
            return name in self.by_collection[collection] or name in self.by_collection.get("", ())
        return any(name in fields for fields in self.by_collection.values())


def declared_indexes(model: CodeModel) -> Indexes:
    """Fields named in ``create_index``/``IndexModel`` calls anywhere in the repository.

    An ``IndexModel`` inside ``coll.create_indexes([...])`` belongs to ``coll`` only; a
    free-standing one, to whichever collection (``""``)."""
    indexes = Indexes()
    for module in model.modules.values():
        if module.text.isascii() and not any(name in module.text for name in INDEX_CALLS):
            continue  # no index call can be written here (a non-ASCII name may normalise)
        counted: set[int] = set()
        for node in ast.walk(module.tree):  # breadth first: outer calls come first
            if not isinstance(node, ast.Call) or _callee(node) not in INDEX_CALLS:
                continue
            if id(node) in counted:
                continue
            collection = (
                _collection_name(node.func.value) if isinstance(node.func, ast.Attribute) else None
            )
            fields = indexes.by_collection.setdefault(collection or "", set())
            for arg in node.args[:1]:
                fields.update(_index_fields(arg))
                counted.update(id(inner) for inner in ast.walk(arg) if isinstance(inner, ast.Call))
    return indexes


def collections_of(
    model: CodeModel, function: FunctionModel, known: dict[str, dict[str, str]] | None = None
) -> dict[str, str]:
    """``self._collection`` → ``"threads"`` from ``self._collection = db["threads"]``,
    read from the function's class (kept in ``known`` for its other methods)."""
    qualname = function.qualname
    module_name, _, rest = qualname.partition(":")
    owner = rest.partition(".")[0]
    klass = model.classes.get(f"{module_name}:{owner}")
    key = klass.qualname if klass is not None else qualname
    if known is not None and key in known:
        return known[key]
    found: dict[str, str] = {}
    if known is not None:
        known[key] = found
    nodes: list[ast.AST] = [klass.node] if klass is not None else [function.node]
    for root in nodes:
        for inner in ast.walk(root):
            if isinstance(inner, ast.Assign):
                collection = _collection_name(inner.value)
                if collection is None:
                    continue
                for target in inner.targets:
                    found[_dotted(target)] = collection
    return found


def receiver_collection(call: ast.Call, collections: dict[str, str]) -> str | None:
    if not isinstance(call.func, ast.Attribute):
        return None
    receiver = call.func.value
    return collections.get(_dotted(receiver)) or _collection_name(receiver)


def unindexed_findings(
    call: ast.Call,
    chained: list[ast.Call],
    query_keys: dict[str, dict[str, int]],
    collection: str | None,
    indexes: Indexes,
) -> Iterator[tuple[str, str, int]]:
    target = call.args[0] if call.args else None
    keys: dict[str, int] = {}
    if isinstance(target, ast.Dict):
        keys = {
            k.value: call.lineno
            for k in target.keys
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
        }
    elif isinstance(target, ast.Name):
        keys = query_keys.get(target.id, {})
    for key, line in keys.items():
        if not key.startswith("$") and not indexes.covers(collection, key):
            yield ("unindexed-filter", f"filter on '{key}' but no declared index covers it", line)
    for sort_field, line in _sort_fields(chained):
        if not indexes.covers(collection, sort_field):
            yield (
                "unindexed-sort",
                f"sort on '{sort_field}' but no declared index covers it",
                line,
            )


def _sort_fields(chained: list[ast.Call]) -> list[tuple[str, int]]:
    """``.sort("f", ...)`` / ``.sort([("f", 1)])`` applied to a query's cursor."""
    fields = []
    for candidate in chained:
        if _callee(candidate) == "sort" and candidate.args:
            first = candidate.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                fields.append((first.value, candidate.lineno))
            elif isinstance(first, ast.List | ast.Tuple):
                fields.extend((f, candidate.lineno) for f in sorted(_index_fields(first)))
    return fields


def _collection_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        value = node.slice.value
        return value if isinstance(value, str) else None
    if isinstance(node, ast.Call) and _callee(node) == "get_collection" and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def _index_fields(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    fields = set()
    if isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            if isinstance(element, ast.Tuple | ast.List) and element.elts:
                first = element.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    fields.add(first.value)
            elif isinstance(element, ast.Constant) and isinstance(element.value, str):
                fields.add(element.value)
            elif isinstance(element, ast.Call):
                for arg in element.args[:1]:
                    fields |= _index_fields(arg)
    return fields


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""
