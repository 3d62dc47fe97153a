"""The tables a repository stores, how a request names them, and where a new one
goes: what a schema change is planned against (``table_sketches`` writes it).

A table is a SQLModel ``table=True`` class, a class with a ``__tablename__``, a
subclass of a declarative base (``DeclarativeBase``, ``declarative_base()``) or of a
document base (Beanie, ODMantic, Tortoise), minus abstract bases and the bases the
tables share, or a SQLAlchemy Core ``Table(...)`` bound to a module-level name. A
request names a table by its class or table name, singular or plural, snake or in
words ("product prices").
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from archbook.application.code_facts.code_model import ClassModel, CodeModel, callee
from archbook.application.planning.naming import camel, plural, singular, snake, word_set
from archbook.domain.layers import is_test_file
from archbook.domain.project import is_schema_revision

# Bases that make a class a stored table or document, wherever the repository is.
TABLE_BASES = frozenset(
    (
        "sqlalchemy.orm:DeclarativeBase",
        "sqlalchemy.orm:DeclarativeBaseNoMeta",
        "beanie:Document",
        "odmantic:Model",
        "tortoise.models:Model",
        "tortoise:Model",
    )
)
# SQLAlchemy's bases whose direct subclass is the declarative base, not a table.
DECLARATIVE_BASES = frozenset(
    ("sqlalchemy.orm:DeclarativeBase", "sqlalchemy.orm:DeclarativeBaseNoMeta")
)
# Modules of one table each before a new table gets a module of its own.
MIN_SIBLINGS = 3
# SQLAlchemy Core's table, wherever it is imported from.
CORE_TABLES = frozenset(
    ("sqlalchemy:Table", "sqlalchemy.schema:Table", "sqlalchemy.sql.schema:Table")
)
# Calls whose result is a declarative base (``Base = declarative_base()``).
BASE_FACTORIES = frozenset(("declarative_base", "generate_base"))
# Words of a class name that say it is the stored form, not which resource it is.
STORAGE_WORDS = word_set("model models table orm db record row document doc sql entity in")


@dataclass(frozen=True)
class StoredModel:
    """A class stored as a table (or a document collection), or a SQLAlchemy Core
    ``Table(...)`` bound to a module-level name (``core``)."""

    name: str
    path: str
    table: str
    # the names its class and its bases in the repository assign (its columns)
    columns: frozenset[str] = frozenset()
    core: bool = False

    def words(self) -> tuple[tuple[str, ...], ...]:
        """The spellings a request may use: the class's words without its storage
        words, and the table name's, each singular."""
        spellings = []
        for raw in (snake(self.name), self.table):
            words = tuple(singular(w) for w in raw.split("_") if w and w not in STORAGE_WORDS)
            if words and words not in spellings:
                spellings.append(words)
        return tuple(spellings)


def stored_models(model: CodeModel) -> list[StoredModel]:
    """Every class of the repository that is stored as a table or document (worked
    out once per code model: the scope, each file's sketch and the validation ask)."""
    found = _FOUND.get(model)
    if found is None:
        found = _FOUND[model] = _stored_models(model)
    return list(found)


_FOUND: WeakKeyDictionary[CodeModel, tuple[StoredModel, ...]] = WeakKeyDictionary()


def _stored_models(model: CodeModel) -> tuple[StoredModel, ...]:
    bases = set(TABLE_BASES)
    for module in model.modules.values():
        if "declarative_base" not in module.text and "generate_base" not in module.text:
            continue
        for name, value in module.assignments.items():
            if isinstance(value, ast.Call) and callee(value) in BASE_FACTORIES:
                bases.add(f"{module.name}:{name}")
    candidates: list[ClassModel] = []
    # a revision's own copies of tables (data migrations) and test models are no tables
    elsewhere = {
        name
        for name, module in model.modules.items()
        if is_schema_revision(module.path) or is_test_file(posixpath.basename(module.path)[:-3])
    }
    for klass in model.classes.values():
        if klass.module in elsewhere:
            continue
        own = own_names(klass)
        if own.get("__abstract__") is True:
            continue
        table_keyword = any(
            k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in klass.node.keywords
        )
        if table_keyword or "__tablename__" in own or model.ancestors(klass) & bases:
            candidates.append(klass)
    parents = {base for klass in candidates for base in klass.bases}
    found: list[StoredModel] = []
    for klass in candidates:
        own = own_names(klass)
        declared = own.get("__tablename__")
        if klass.qualname in parents and not isinstance(declared, str):
            continue  # a base the tables share, not a table
        if not isinstance(declared, str) and DECLARATIVE_BASES & set(klass.bases):
            continue  # `class Base(DeclarativeBase)`: the registry's base (maybe aliased)
        module = model.modules[klass.module]
        table = declared if isinstance(declared, str) else snake(klass.name)
        columns = set(own)
        for base in model.ancestors(klass):
            if base in model.classes:
                columns.update(own_names(model.classes[base]))
        found.append(StoredModel(klass.name, module.path, table, frozenset(columns)))
    found += _core_tables(model, elsewhere)
    return tuple(sorted(found, key=lambda m: (m.path, m.name)))


def _core_tables(model: CodeModel, elsewhere: set[str]) -> list[StoredModel]:
    """SQLAlchemy Core tables: ``TodoItem = Table("todo_item", metadata, Column(...))``
    at a module's top level (imperative mapping, common in hexagonal repositories)."""
    found = []
    for name, module in model.modules.items():
        if name in elsewhere or "Table(" not in module.text:
            continue
        for variable, value in module.assignments.items():
            if not isinstance(value, ast.Call) or not value.args:
                continue
            if model.resolve_expr(name, value.func) not in CORE_TABLES:
                continue
            table = constant(value.args[0])
            if isinstance(table, str):
                columns = {
                    column.args[0].value
                    for column in value.args[1:]
                    if isinstance(column, ast.Call)
                    and column.args
                    and isinstance(column.args[0], ast.Constant)
                }
                found.append(
                    StoredModel(variable, module.path, table, frozenset(map(str, columns)), True)
                )
    return found


def named_tables(text: str, tables: list[StoredModel]) -> list[StoredModel]:
    """The tables ``text`` names, the longest spelling first: "product prices" is the
    product price table, not the product table. A table only its last word names
    (``food`` for ``IngredientFoodModel``) counts when no table is named whole."""
    words = [singular(w) for w in re.split(r"[^a-z0-9]+", snake(text)) if w]
    spans: list[tuple[int, int, StoredModel]] = []
    for table in tables:
        for spelling in table.words():
            size = len(spelling)
            for start in range(len(words) - size + 1):
                if tuple(words[start : start + size]) == spelling:
                    spans.append((start, start + size, table))
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))
    kept: list[tuple[int, int, StoredModel]] = []
    for start, end, table in spans:
        if all(end <= a or start >= b for a, b, other in kept if other is not table):
            kept.append((start, end, table))
    found = list(dict.fromkeys(t for _, _, t in sorted(kept, key=lambda s: s[0])))
    if found:
        return found
    heads = Counter(t.words()[0][-1] for t in tables if t.words())
    return [
        t
        for t in tables
        if t.words() and t.words()[0][-1] in words and heads[t.words()[0][-1]] == 1
    ]


def own_names(klass: ClassModel) -> dict[str, object]:
    """Names the class body assigns, with their constant values (None otherwise)."""
    return {
        target: constant(value)
        for statement in klass.node.body
        for target, value in assignments(statement)
    }


def assignments(statement: ast.stmt) -> list[tuple[str, ast.expr | None]]:
    if isinstance(statement, ast.Assign):
        return [(t.id, statement.value) for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return [(statement.target.id, statement.value)]
    return []


def constant(value: ast.expr | None) -> object:
    return value.value if isinstance(value, ast.Constant) else None


def new_table_names(name: str, tables: list[StoredModel]) -> tuple[str, str, str] | None:
    """The class, table and module stem of a new table a request calls ``name``
    ("organization SSO connection", ``EmailLog``, "feedbacks"), named as this
    repository names its tables (plural or singular); None when a table of that
    name exists."""
    words = [w for w in re.split(r"[^a-z0-9]+", snake(name.replace(" ", "_"))) if w]
    if not words:
        return None
    words[-1] = singular(words[-1])
    if any(spelling == tuple(singular(w) for w in words) for t in tables for spelling in t.words()):
        return None
    stem = "_".join(words)
    plural_tables = sum(t.table.endswith("s") for t in tables) * 2 >= len(tables)
    return camel(stem), plural(stem) if plural_tables else stem, stem


def new_table_home(tables: list[StoredModel], stem: str) -> tuple[str, bool]:
    """Where a new table's class goes, and whether that file is new: a module of its
    own where one table per module is the idiom (``models/email_log.py``); else the
    module of the table it is named after (``CaseNote`` beside ``Case``); else a
    ``models.py`` in a folder of its own where each domain folder has one; else the
    module holding most tables."""
    per_file = Counter(t.path for t in tables)
    single = Counter(posixpath.dirname(p) for p, n in per_file.items() if n == 1)
    if single:
        folder, count = single.most_common(1)[0]
        if count >= MIN_SIBLINGS and count * 2 >= len(per_file):
            return f"{folder}/{stem}.py", True
    # a table named after another ("case_note" beside "case") joins that one's module
    kin = [
        t
        for t in tables
        if stem.startswith(f"{singular(t.table)}_") or stem.startswith(f"{snake(t.name)}_")
    ]
    if kin:
        return max(kin, key=lambda t: len(t.table)).path, False
    domains = [p for p in per_file if posixpath.basename(p) == "models.py"]
    if len(domains) >= MIN_SIBLINGS and len(domains) * 2 >= len(per_file):
        parent = Counter(posixpath.dirname(posixpath.dirname(p)) for p in domains).most_common(1)
        return f"{parent[0][0]}/{stem}/models.py", True
    return per_file.most_common(1)[0][0], False
