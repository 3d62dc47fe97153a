"""Fields a feature adds to tables the repository already has, and the schema
migration that goes with them.

A session asks for a stored field in a few words ("add first_event_at column",
"Add created_at field to User and Item models", "Add summary to recipe
instructions"). The tables are the repository's ORM classes (SQLModel ``table=True``,
SQLAlchemy declarative classes, document models), matched by their names and table
names to the words the request puts after "to", or to any words of it. The revision
goes in the migration folder that already holds the revisions about those tables,
named the way its newest revision is named; nothing of the target is run, so the
plan gives the command that writes it.
"""

from __future__ import annotations

import ast
import hashlib
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from archbook.application.code_facts.code_model import ClassModel, CodeModel
from archbook.application.planning.naming import singular, snake, word_set
from archbook.domain.project import PDM, PIPENV, POETRY, UV, ProjectFacts

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
# Calls whose result is a declarative base (``Base = declarative_base()``).
BASE_FACTORIES = re.compile(r"(?:^|\.)(?:declarative_base|generate_base)$")
# Words of a class name that say it is the stored form, not which resource it is.
STORAGE_WORDS = word_set("model models table orm db record row document doc sql entity in")
# How a request adds stored data, in the languages sessions were met in: "add a
# `name` column", "add X to <table>", "<tables> get a `name` timestamp".
FIELD_WORDS = r"columns?|fields?|attributes?|flags?|timestamps?|campos?|columnas?|atributos?"
_ADD = r"(?:add(?:s|ed|ing)?|añad\w*|agreg\w*|ajout\w*)"
_TO = r"(?:to|al?|à|aux?)"
_FIELD_ADJECTIVES = r"(?:an?|the|new|nullable|optional|typed|required|unique|indexed|el|un|nuevo)"
_FIELD_TYPES = r"(?:jsonb?|boolean|bool|string|text|int|integer|uuid|date|datetime|timestamp)"
_FIELD = (
    rf"(?:{_FIELD_ADJECTIVES}\s+)*`?(?P<field>[a-z][a-z0-9_]*)`?"
    rf"(?:\s+{_FIELD_TYPES})?\s+(?:{FIELD_WORDS})\b"
)
_NAMED_FIELD = re.compile(rf"\b{_ADD}\s+{_FIELD}", re.I)
_HAS_FIELD = re.compile(
    rf"\b(?P<target>\w+(?:[ \t]+\w+)?)[ \t]+(?:gets?|gains?|has|have|needs?)\s+{_FIELD}", re.I
)
_ADDED_TO = re.compile(rf"\b{_ADD}\b(?P<what>[^.;\n]*?)\b{_TO}\s+(?P<target>[^.;\n]+)", re.I)
_NOT_A_FIELD = re.compile(r"[(/]|\.py\b")
# Alembic cuts a revision's slug to 40 characters at a word boundary.
SLUG_LENGTH = 40
_DATE_PREFIX = re.compile(
    r"^\d{4}[-_.]?\d{2}[-_.]?\d{2}(?:[-_.]?\d{2}(?:[-_.:]?\d{2}){0,2})?(?=[-_.]|$)"
)
# "add the ability to flag …": an infinitive, not the table a field is added to
_INFINITIVE = re.compile(r"\b(?:ability|able|option|possibility|way|support)\s*$", re.I)
_RUNNERS = {UV: "uv run ", POETRY: "poetry run ", PDM: "pdm run ", PIPENV: "pipenv run "}


@dataclass(frozen=True)
class StoredModel:
    """A class stored as a table (or a document collection)."""

    name: str
    path: str
    table: str

    def words(self) -> tuple[tuple[str, ...], ...]:
        """The spellings a request may use: the class's words without its storage
        words, and the table name's, each singular."""
        spellings = []
        for raw in (snake(self.name), self.table):
            words = tuple(singular(w) for w in raw.split("_") if w and w not in STORAGE_WORDS)
            if words and words not in spellings:
                spellings.append(words)
        return tuple(spellings)


@dataclass(frozen=True)
class Revision:
    """The migration revision a field change needs, and how to write it."""

    path: str
    message: str
    command: str  # run from ``folder`` ("" the repository's root)
    folder: str
    head: str

    def how(self) -> str:
        """Where and how the revision is written, as the plan says it."""
        where = f"from `{self.folder}/` " if self.folder else ""
        return f"{where}with `{self.command}`"


@dataclass(frozen=True)
class FieldChange:
    """The tables that gain fields, the fields the request names, and the revision."""

    models: tuple[StoredModel, ...]
    fields: tuple[str, ...]
    revision: Revision | None


def stored_models(model: CodeModel) -> list[StoredModel]:
    """Every class of the repository that is stored as a table or document."""
    bases = set(TABLE_BASES)
    for module in model.modules.values():
        if "declarative_base" not in module.text and "generate_base" not in module.text:
            continue
        for name, value in module.assignments.items():
            if isinstance(value, ast.Call) and BASE_FACTORIES.search(_dotted(value.func)):
                bases.add(f"{module.name}:{name}")
    candidates: list[ClassModel] = []
    for klass in model.classes.values():
        own = _own_names(klass)
        if own.get("__abstract__") is True:
            continue
        table_keyword = any(
            k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in klass.node.keywords
        )
        if table_keyword or "__tablename__" in own or model.ancestors(klass) & bases:
            candidates.append(klass)
    parents = {base for klass in candidates for base in klass.bases}
    found = []
    for klass in candidates:
        own = _own_names(klass)
        declared = own.get("__tablename__")
        if klass.qualname in parents and not isinstance(declared, str):
            continue  # a base the tables share, not a table
        module = model.modules[klass.module]
        table = declared if isinstance(declared, str) else snake(klass.name)
        found.append(StoredModel(klass.name, module.path, table))
    return sorted(found, key=lambda m: (m.path, m.name))


def field_change(
    text: str,
    title: str,
    feature: str,
    model: CodeModel,
    project: ProjectFacts | None,
    exists_file: Callable[[str], bool],
) -> FieldChange | None:
    """The field change ``text`` asks for, or None when it asks for none: it must name
    a stored table and either name a field or use a field word with "add"."""
    tables = stored_models(model)
    if not tables:
        return None
    named = [m.group("field") for m in _NAMED_FIELD.finditer(text)]
    owned = list(_HAS_FIELD.finditer(text))
    named += [m.group("field") for m in owned]
    # "add X to Y": X a field (a method, "f(x)", or a file is no field), Y the tables
    added = [
        m
        for m in _ADDED_TO.finditer(text)
        if not _INFINITIVE.search(m.group("what")) and not _NOT_A_FIELD.search(m.group("what"))
    ]
    if not named:
        for match in added:
            what = match.group("what").strip(" `")
            if re.fullmatch(r"[a-z][a-z0-9_]*", what):
                named.append(what)
    fields = tuple(dict.fromkeys(n for n in named if n.lower() not in FIELD_STOP))
    # a field's own words name no table: ``first_event_at`` is not the event table
    blanked = text
    for name in fields:
        blanked = re.sub(rf"\b{re.escape(name)}\b", " " * len(name), blanked)
    targets: list[StoredModel] = []
    for match in (*added, *owned):
        target = blanked[match.start("target") : match.end("target")]
        targets += [t for t in _named_tables(target, tables) if t not in targets]
    if not targets and _NAMED_FIELD.search(text):  # "feat(customer): add x column"
        targets = _named_tables(blanked, tables)
    if not targets:
        return None
    revision = _revision(model, targets, fields, feature, title, project, exists_file)
    return FieldChange(tuple(targets), fields, revision)


FIELD_STOP = word_set("a an the new nullable optional typed column field flag it them")


def _named_tables(text: str, tables: list[StoredModel]) -> list[StoredModel]:
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
        if all(end <= a or start >= b for a, b, _ in kept if _ is not table):
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


def _revision(
    model: CodeModel,
    targets: list[StoredModel],
    fields: tuple[str, ...],
    feature: str,
    title: str,
    project: ProjectFacts | None,
    exists_file: Callable[[str], bool],
) -> Revision | None:
    """The new revision in the migration folder whose revisions speak most of the
    target tables (the one holding most revisions on a tie)."""
    folders: dict[str, list[tuple[str, str, str]]] = {}
    for module in model.modules.values():
        if "/versions/" not in module.path or "down_revision" not in module.text:
            continue
        ids = _revision_ids(module.tree)
        if ids is not None:
            folders.setdefault(posixpath.dirname(module.path), []).append((module.path, *ids))
    if not folders:
        return None
    tables = [t.table for t in targets]
    texts = {m.path: m.text for m in model.modules.values() if "/versions/" in m.path}

    def mentions(folder: str) -> tuple[int, int]:
        hits = sum(
            any(f'"{t}"' in texts[path] or f"'{t}'" in texts[path] for t in tables)
            for path, _, _ in folders[folder]
        )
        return hits, len(folders[folder])

    folder = max(sorted(folders), key=mentions)
    revisions = folders[folder]
    pointed = {down for _, _, down in revisions}
    heads = [r for r in revisions if r[1] not in pointed]
    newest = max(heads or revisions, key=lambda r: r[0])
    # a commit-style title ("feat(case): adds …") without its type; no quotes
    subject = re.sub(r"^\W*(?:\w+(?:\([^)]*\))?:\s*)?", "", title).replace('"', "").strip()
    message = (
        f"add {', '.join(fields)} to {' and '.join(tables)}"
        if fields
        else subject or feature.replace("-", " ")
    )
    rev = hashlib.sha1(f"{feature}\n{message}".encode()).hexdigest()[:12]
    name = revision_file_name(posixpath.basename(newest[0]), newest[1], rev, _slug(message))
    runner = runner_prefix(project)
    command = f'{runner}alembic revision --autogenerate --rev-id {rev} -m "{message}"'
    return Revision(
        f"{folder}/{name}", message, command, _alembic_folder(folder, exists_file), newest[1]
    )


def revision_file_name(example: str, example_rev: str, rev: str, slug: str) -> str:
    """A revision file name shaped like ``example``: its date part with letters in
    place of digits (alembic writes the date), ``rev`` for its id, ``slug`` for its
    message when it has one."""
    stem = example.removesuffix(".py")
    date = _DATE_PREFIX.match(stem)
    shape = ""
    if date:
        letters = iter("YYYYMMDDHHMMSS")
        shape = "".join(next(letters, "X") if c.isdigit() else c for c in date.group())
        stem = stem[date.end() :]
    separator = stem[:1] if stem[:1] in "_-" else ""
    stem = stem[len(separator) :]
    has_rev = example_rev and example_rev in stem
    rest = stem.replace(example_rev, "", 1) if has_rev else stem
    parts = [shape] if shape else []
    if has_rev and stem.startswith(example_rev):
        parts.append(rev)
        if rest.strip("_-"):
            parts.append(slug)
    else:
        if rest.strip("_-"):
            parts.append(slug)
        if has_rev:
            parts.append(rev)
    if not parts:
        parts = [rev, slug]
    return "_".join(p for p in parts if p) + ".py"


def _slug(message: str) -> str:
    slug = "_".join(re.findall(r"\w+", message)).lower()
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("_", 1)[0] + "_"
    return slug


def _alembic_folder(versions: str, exists_file: Callable[[str], bool]) -> str:
    """The folder holding ``alembic.ini`` above a versions folder ("" for the root or
    when none is found)."""
    folder = posixpath.dirname(versions)
    while folder:
        if exists_file(f"{folder}/alembic.ini"):
            return folder
        folder = posixpath.dirname(folder)
    return ""


def runner_prefix(project: ProjectFacts | None) -> str:
    """How the project runs a tool it installs (``uv run ``), or "" for plain."""
    return _RUNNERS.get(project.package_manager, "") if project else ""


def _revision_ids(tree: ast.Module) -> tuple[str, str] | None:
    """A revision module's ``revision`` and ``down_revision`` ("" for the first)."""
    values: dict[str, object] = {}
    for statement in tree.body:
        for target, value in _assignments(statement):
            if target in ("revision", "down_revision"):
                values[target] = _constant(value)
    revision, down = values.get("revision"), values.get("down_revision")
    if not isinstance(revision, str):
        return None
    return revision, down if isinstance(down, str) else ""


def _own_names(klass: ClassModel) -> dict[str, object]:
    """Names the class body assigns, with their constant values (None otherwise)."""
    return {
        target: _constant(value)
        for statement in klass.node.body
        for target, value in _assignments(statement)
    }


def _assignments(statement: ast.stmt) -> list[tuple[str, ast.expr | None]]:
    if isinstance(statement, ast.Assign):
        return [(t.id, statement.value) for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return [(statement.target.id, statement.value)]
    return []


def _constant(value: ast.expr | None) -> object:
    return value.value if isinstance(value, ast.Constant) else None


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func)
    return ""


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


def _field_style(klass: ClassModel) -> str:
    """How the class declares its columns: ``mapped``, ``field``, ``column`` or ``plain``."""
    for statement in klass.node.body:
        value = getattr(statement, "value", None)
        called = _dotted(value.func) if isinstance(value, ast.Call) else ""
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
