"""How a schema change reads in code: the new fields of a table written in its
class's own idiom (SQLModel ``Field``, SQLAlchemy ``Mapped``/``mapped_column`` or
``Column``, a Core table's ``Column`` argument) and a new table's class written like
its neighbours."""

from __future__ import annotations

import ast
from collections import Counter

from archbook.application.code_facts.code_model import ClassModel, CodeModel, callee
from archbook.application.planning.naming import camel, singular
from archbook.application.planning.scoping.stored_tables import (
    StoredModel,
    new_table_home,
    own_names,
    stored_models,
)


def field_sketch(model: CodeModel, path: str, stored_fields: tuple[str, ...]) -> str:
    """The new fields of the tables ``path`` stores, written in each class's own idiom
    (SQLModel ``Field``, SQLAlchemy ``Mapped``/``mapped_column`` or ``Column``, plain
    annotations); "" when ``stored_fields`` adds none there."""
    wanted: dict[str, list[str]] = {}
    for item in stored_fields:
        table, _, name = item.partition(".")
        if name:
            wanted.setdefault(table, []).append(name)
    blocks = []
    for stored in stored_models(model):
        if stored.path != path or stored.table not in wanted:
            continue
        module = next(m for m in model.modules.values() if m.path == path)
        if stored.core:
            blocks.append(_core_sketch(module.assignments[stored.name], stored, wanted))
            continue
        klass = module.classes.get(stored.name)
        if klass is None:
            continue
        optional = "Optional[" in module.text and "| None" not in module.text
        header = module.line(klass.node.lineno)
        header = header[:-1] if header.endswith(":") else f"class {stored.name}"
        style = _field_style(klass)
        lines = [_field_line(name, style, optional) for name in wanted[stored.table]]
        blocks.append(f"{header}:\n    ...\n" + "".join(f"    {line}\n" for line in lines))
    return "\n\n".join(blocks)


def _core_sketch(table: ast.expr, stored: StoredModel, wanted: dict[str, list[str]]) -> str:
    """A Core table's new ``Column(...)`` arguments, after its name and metadata."""
    assert isinstance(table, ast.Call)
    metadata = ast.unparse(table.args[1]) if len(table.args) > 1 else "metadata"
    columns = "".join(
        f'    Column("{name}", {_COLUMN_TYPES.get(_field_type(name), "String")}, nullable=True),\n'
        for name in wanted[stored.table]
    )
    return (
        f"{stored.name} = {ast.unparse(table.func)}(\n"
        f'    "{stored.table}",\n    {metadata},\n    ...,\n{columns})\n'
    )


def _field_style(klass: ClassModel) -> str:
    """How the class declares its columns: ``mapped``, ``field``, ``column`` or ``plain``."""
    for statement in klass.node.body:
        value = getattr(statement, "value", None)
        called = callee(value) if isinstance(value, ast.Call) else ""
        if isinstance(statement, ast.AnnAssign) and "Mapped" in ast.unparse(statement.annotation):
            return "mapped"
        if called.endswith("Field"):
            return "field"
        if called.endswith("Column"):
            return "column"
    return "plain"


_COLUMN_TYPES = {"datetime": "DateTime", "bool": "Boolean", "int": "Integer", "dict": "JSON"}


def _field_type(name: str) -> str:
    """A first guess at a new field's type from its name (the session may say more)."""
    last = name.rsplit("_", 1)[-1]
    if last in ("at", "on", "date", "time"):
        return "datetime"
    if name.startswith(("is_", "has_", "can_", "allow")) or last in ("flag", "enabled"):
        return "bool"
    if last in ("count", "year", "number") or name.startswith(("max_", "min_", "num_")):
        return "int"
    if last in ("settings", "data", "metadata", "config", "details"):
        return "dict"
    return "str"


def _field_line(name: str, style: str, optional: bool) -> str:
    kind = _field_type(name)
    nullable = f"Optional[{kind}]" if optional else f"{kind} | None"
    if style == "mapped":
        return f"{name}: Mapped[{nullable}] = mapped_column(nullable=True, default=None)"
    if style == "field":
        return f"{name}: {nullable} = Field(default=None)"
    if style == "column":
        return f"{name} = Column({_COLUMN_TYPES.get(kind, 'String')}, nullable=True)"
    return f"{name}: {nullable} = None"


def new_table_sketch(
    model: CodeModel, tables: list[StoredModel], path: str, class_name: str, table: str
) -> str:
    """A new table's class as its neighbours are written (the tables of its module, or
    all of them for a new module): their most common bases and, where they declare
    it, its ``__tablename__``."""
    tables = [t for t in tables if t.path == path] or tables
    core = [t for t in tables if t.core]
    if len(core) * 2 > len(tables):  # Core tables: ``Name = Table("name", metadata, …)``
        module = next(m for m in model.modules.values() if m.path == core[0].path)
        call = module.assignments[core[0].name]
        assert isinstance(call, ast.Call)
        metadata = ast.unparse(call.args[1]) if len(call.args) > 1 else "metadata"
        return (
            f'{class_name} = {ast.unparse(call.func)}(\n    "{table}",\n    {metadata},\n'
            '    Column("id", Integer, primary_key=True),\n)\n'
        )
    headers: Counter[str] = Counter()
    declared = 0
    for stored in tables:
        module = next(m for m in model.modules.values() if m.path == stored.path)
        klass = module.classes.get(stored.name)
        if klass is None:
            continue
        line = module.line(klass.node.lineno)
        bases = line[line.find("(") : line.rfind(")") + 1] if "(" in line else ""
        headers[bases] += 1
        declared += "__tablename__" in own_names(klass)
    bases, count = headers.most_common(1)[0] if headers else ("", 0)
    if count == 1 and "table=True" in bases:  # SQLModel classes each with its own base
        bases = "(SQLModel, table=True)"
    body = f'    __tablename__ = "{table}"\n' if declared * 2 >= len(tables) else ""
    return f"class {class_name}{bases}:\n{body}    ...\n"


def stored_data_sketch(
    model: CodeModel, path: str, stored_fields: tuple[str, ...], new_tables: tuple[str, ...]
) -> str:
    """What ``path`` gains of a schema change: the new fields of the tables it holds
    and the classes of the new tables planned in it ("" when nothing)."""
    blocks = [field_sketch(model, path, stored_fields)] if stored_fields else []
    tables = stored_models(model) if new_tables else []
    for table in new_tables:
        words = table.split("_")
        stem = "_".join([*words[:-1], singular(words[-1])])
        if tables and new_table_home(tables, stem)[0] == path:
            blocks.append(new_table_sketch(model, tables, path, camel(stem), table))
    return "\n\n".join(b for b in blocks if b)
