"""Fields a feature adds to tables the repository already has, new tables, and the
schema migration that goes with them, placed in the feature's scope.

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

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from archbook.application.code_facts.code_model import CodeModel
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import camel, singular, word_set
from archbook.application.planning.scoping.migrations import (
    Revision,
    plan_revision,
    revision_message,
)
from archbook.application.planning.scoping.repo_index import RepoIndex, route_resource
from archbook.application.planning.scoping.scope_terms import CJK_NEW_TABLES, STORED_IN_NAMED_TABLE
from archbook.application.planning.scoping.stored_tables import (
    StoredModel,
    named_tables,
    new_table_home,
    new_table_names,
    stored_models,
)
from archbook.domain.layers import DOMAIN
from archbook.domain.project import ProjectFacts

# How a request adds stored data, in the languages sessions were met in: "add a
# `name` column", "add X to <table>", "<tables> get a `name` timestamp".
FIELD_WORDS = (
    r"columns?|fields?|attributes?|flags?|timestamps?|campos?|columnas?|atributos?"
    r"|colonnes?|champs?|attributs?"
)
_ADD = r"(?:add(?:s|ed|ing)?|añad\w*|agreg\w*|ajout\w*)"
_TO = r"(?:to|al?|à|aux?)"
_FIELD_ADJECTIVES = (
    r"(?:an?|the|new|nullable|optional|typed|required|unique|indexed"
    r"|el|la|una?|nuev[oa]|une|le|nouvel(?:le)?|nouveau)"
)
_FIELD_TYPES = r"(?:jsonb?|boolean|bool|string|text|int|integer|uuid|date|datetime|timestamp)"
_FIELD = (
    rf"(?:{_FIELD_ADJECTIVES}\s+)*`?(?P<field>[a-z][a-z0-9_]*)`?"
    rf"(?:\s+{_FIELD_TYPES})?\s+(?:{FIELD_WORDS})\b"
)
_NAMED_FIELD = re.compile(rf"\b(?:{_ADD}|new|nuev[oa])\s+{_FIELD}", re.I)
# the field word first, the name after it in backticks: "add a column `archived_at`",
# "ajouter une colonne `x`", "añadir un campo `x`"
_FIELD_WORD_FIRST = re.compile(
    rf"\b(?:{_ADD}|new|nuev[oa])\s+(?:{_FIELD_ADJECTIVES}\s+)*(?:{FIELD_WORDS})\s+"
    r"`(?P<field>[a-z][a-z0-9_]*)`",
    re.I,
)
_HAS_FIELD = re.compile(
    rf"\b(?P<target>\w+(?:[ \t]+\w+)?)[ \t]+(?:gets?|gains?|has|have|needs?)\s+{_FIELD}", re.I
)
# "store the owner on the todo item table", "stores its `deleted_at` in the users table"
_STORED_ON = re.compile(
    r"\bstor(?:e|es|ed|ing)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
    r"`?(?P<field>[a-z][a-z0-9_]*)`?\s+(?:on|in)\s+(?:the\s+|each\s+)?"
    r"(?P<target>\w+(?:[ \t]+\w+)?)[ \t]+(?:tables?|models?|collections?|rows?|records?)\b",
    re.I,
)
# "a `mode` flag on the trigger entity", "a `deleted_at` column on the users table"
_FIELD_ON = re.compile(
    rf"`(?P<field>[a-z][a-z0-9_]*)`\s+(?:{FIELD_WORDS}|flag|property)\s+(?:on|to|in)\s+"
    r"(?:the\s+|each\s+|every\s+)?(?P<target>\w+(?:[ \t]+\w+)?)[ \t]+"
    r"(?:entit(?:y|ies)|tables?|models?|records?|rows?|documents?|collections?)\b",
    re.I,
)
# SQL a session sketches the schema change in: "ALTER TABLE coins ADD COLUMN grade
# VARCHAR(20)", "CREATE TABLE attribution_hypotheses (".
_SQL_NAME = r"[`\"\[]?(?P<{}>[A-Za-z_]\w*)[`\"\]]?"
_SQL_ADD_COLUMN = re.compile(
    r"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?"
    + _SQL_NAME.format("target")
    + r"\s+ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    + r"(?!(?:CONSTRAINT|INDEX|KEY|PRIMARY|FOREIGN|UNIQUE|CHECK)\b)"
    + _SQL_NAME.format("field"),
    re.I,
)
_SQL_CREATE_TABLE = re.compile(
    r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + _SQL_NAME.format("name") + r"\s*\(",
    re.I,
)
_ADDED_TO = re.compile(
    rf"\b{_ADD}\b(?P<what>[^.;\n]*?\w[^.;\n]*?)\b{_TO}\s+(?P<target>[^.;\n]+)", re.I
)
# "mapped to two columns, `lat` and `lng`": the columns a count announces, by name
_COUNTED_COLUMNS = re.compile(
    r"\b(?:two|three|four|both|dos|tres|deux|trois)\s+(?:\w+\s+)?"
    r"(?:columns?|columnas?|colonnes?)\b[^.;\n`]{0,12}"
    r"(?P<names>`[a-z][a-z0-9_]*`(?:\s*(?:,|and|y|et|e)\s*`[a-z][a-z0-9_]*`)+)",
    re.I,
)
# "add an `EmailLog` model", "add organization SSO connection model", "add feedbacks
# table", "a new `ItemDeletion` table", "- New `audit_entry` database table": a name of
# up to four words that holds no field word or preposition
_NOT_NAME = r"(?:to|for|of|in|on|with|and|or|from|the|an?|field|fields|column|columns)\b"
_NAME_WORD = rf"(?!{_NOT_NAME})[A-Za-z]\w*"
_NEW_TABLE = re.compile(
    rf"(?:\b(?:{_ADD}|(?:an?|one)\s+new)|^[ \t]*(?:[-*+][ \t]+)?new)\s+"
    rf"(?:(?:an?|the|new|nuev[oa]s?|una?)\s+)*"
    rf"`?(?P<name>(?:{_NAME_WORD}[ \t]+){{0,3}}?{_NAME_WORD})`?\s+"
    r"(?:(?:database|db|sql)\s+)?(?:tables?|models?|entit(?:y|ies)|tablas?|modelos?)\b",
    re.I | re.M,
)
# "create a table `account_audit`", "crear una tabla `x`", "créer une table `x`": the
# table word first, the name after it in backticks
_CREATE = r"(?:create[sd]?|creating|crear|cr[ée]{2}r|new|nuev[oa]s?|nouvelle)"
_NEW_TABLE_WORD_FIRST = re.compile(
    rf"\b(?:{_ADD}|{_CREATE})\s+(?:(?:an?|the|new|nuev[oa]s?|una?|une|nouvelle)\s+)*"
    r"(?:tables?|tablas?|models?|modelos?|mod[eè]les?)\s+`(?P<name>[A-Za-z][A-Za-z0-9_]*)`",
    re.I,
)
# "the follower/followee relation is stored in a new table": the table named by what
# it stores, the words before ``relation`` (the first of a ``a/b`` pair)
_STORED_IN_NEW_TABLE = re.compile(
    r"\b(?P<name>[A-Za-z]\w*)(?:/[A-Za-z]\w*)?\s+(?:relation(?:ship)?s?|links?|associations?)"
    r"\s+(?:is|are)\s+(?:stored|kept|saved|persisted)\s+in\s+(?:a|an|its own)\s+new\s+table\b",
    re.I,
)
# The new tables a list after "tables"/"models" names, two or more: "ORM models for
# `currencies`, `user_wallets` and `transactions`", "tablas para facturas y pagos".
# An item is a name in backticks or up to three words, none a preposition.
_LIST_STOP = r"(?:with|for|in|on|to|of|and|or|plus|that|which|from|under|using|via|y|et|e)\b"
_LIST_ITEM = rf"(?:`[A-Za-z]\w*`|[A-Za-z]\w*(?:[ \t]+(?!{_LIST_STOP})[a-z]\w*){{0,2}})"
_AND = r"(?:and|y|et|e)"
_TABLE_LIST = re.compile(
    r"\b(?:tables|models|entities|tablas|modelos|entidades|mod[eè]les|entit[ée]s)\b"
    r"[^.;:\n]{0,60}?\b(?:for|para|pour)\s+(?:the\s+|las?\s+|los\s+|les\s+)?"
    rf"(?P<items>{_LIST_ITEM}(?:\s*,\s*(?:{_AND}\s+)?{_LIST_ITEM})*,?\s+{_AND}\s+{_LIST_ITEM})",
    re.I,
)
# What a list of models made for an API names: no tables.
_API_MODELS = re.compile(
    r"\b(?:pydantic|schemas?|dtos?|serializers?|requests?|responses?|payloads?|forms?)\b"
    r"[^.;\n]{0,30}\Z",
    re.I,
)
# Words before "entity" or "model" that say which kind of class, not which one ("a
# new domain entity `X`", "a new SQLModel table `X`"), and the name that then follows.
_KIND_OF_CLASS = word_set(
    "domain orm database db sql sqlmodel sqlalchemy persistence persistent data core "
    "stored storage beanie odmantic tortoise"
)
_NAME_AFTER = re.compile(r"\s*(?:(?:called|named)\s+)?`(?P<name>[A-Za-z]\w*)`")
# The role of a model an API reads or answers, named before "model": no table.
_SCHEMA_ROLE = re.compile(
    r"(?:^|\s)(?:read|response|dto|payload|input|output|schema|pydantic|view|serializer)$",
    re.I,
)
# A session that rules the schema change out.
_NO_MIGRATION = re.compile(
    r"\b(?:no|without|sin|sans)\s+(?:(?:database|db|schema)\s+)?"
    r"(?:migrations?|migraci[oó]n(?:es)?)\b",
    re.I,
)
# "adding a task to a project" adds a row of a table, not a field ("added user to
# shopping list" adds the field that links them)
_A_ROW = re.compile(r"\s*(?:an?|one|another)\s", re.I)
# The session wants the new fields in the API's answers ("and update endpoints").
SHOWN_WORDS = re.compile(
    r"\b(?:update|adjust|expose|return|show)\w*\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:endpoints?|routes?|api|responses?)\b",
    re.I,
)
# The storage word a table class adds to its entity's name (``UserModel``, ``UserORM``).
ORM_SUFFIX = re.compile(r"(?:Model|Orm|ORM|Table|Record|Row|Db|DB|Schema)$")
# A new column the session wants filled for existing rows.
BACKFILL_WORDS = re.compile(r"\b(?:nullable|backfill\w*|rellen\w*)\b", re.I)
# Backfill scripts a folder holds before a new one is named like them.
MIN_BACKFILLS = 2
# Imports in a package's ``__init__.py`` that make it a list of the tables (one that
# imports only a base does not list them).
MIN_REEXPORTS = 3
# Modules mapping a table class to its entity at most (more merely use both).
MAX_MAPPERS = 2
# Words of a field's name in "add X to Y" ("resolved by user").
MAX_FIELD_WORDS = 4
# (nor what a colon or bold explains: "adds **Pattern B**: a `mode` flag …")
_NOT_A_FIELD = re.compile(r"[(/:*]|\.py\b")
# "add the ability to flag …": an infinitive, not the table a field is added to
_INFINITIVE = re.compile(r"\b(?:ability|able|option|possibility|way|support)\s*$", re.I)


@dataclass(frozen=True)
class NewTable:
    """A table the request adds: its class, table name and the module it goes in
    (``new_module``: a file to create, else one to extend)."""

    class_name: str
    table: str
    path: str
    new_module: bool


@dataclass(frozen=True)
class SchemaChange:
    """The tables that gain fields, the fields the request names, the new tables and
    the one revision that migrates them all."""

    models: tuple[StoredModel, ...]
    fields: tuple[str, ...]
    new_tables: tuple[NewTable, ...]
    revision: Revision | None


def schema_change(
    text: str,
    title: str,
    feature: str,
    model: CodeModel,
    project: ProjectFacts | None,
    exists_file: Callable[[str], bool],
) -> SchemaChange | None:
    """The stored data ``text`` adds, or None when it adds none: fields of existing
    tables (the request names a table and a field, or uses a field word with "add")
    and new tables ("add a feedbacks table", "add EmailLog model")."""
    if _NO_MIGRATION.search(text):
        return None  # "No database migration: the `archived` column exists."
    tables = stored_models(model)
    if not tables:
        return _tables_of_revisions_only(text, feature, model, project, exists_file)
    targets, fields = _field_targets(text, tables)
    if fields and all(f in t.columns for f in fields for t in targets):
        targets, fields = [], ()  # every field it names is there already
    homes = _beside(tables, targets)
    new: list[NewTable] = []
    for name in _new_table_mentions(text):
        names = new_table_names(name, tables)
        if names is not None and all(t.table != names[1] for t in new):
            path, created = new_table_home(homes, names[2])
            new.append(NewTable(names[0], names[1], path, created))
    for name in _listed_tables(text):
        names = new_table_names(name, tables)
        if names is None or any(_qualifies(names[2], t.table, tables) for t in new):
            continue
        path, created = new_table_home(homes, names[2])
        new.append(NewTable(names[0], names[1], path, created))
    if not targets and not new:
        return None
    changed = [t.table for t in targets]
    made = [t.table for t in new]
    tables_added = _tables_named(made)
    if fields:
        message = f"add {', '.join(fields)} to {' and '.join(changed)}"
        message += f" and the {tables_added}" if new else ""
    elif new and not targets:
        message = f"add {tables_added}"
    else:
        message = revision_message(title, feature)
    tables_named = changed + [t.table for t in new]
    revision = plan_revision(model, tables_named, message, feature, project, exists_file)
    return SchemaChange(tuple(targets), fields, tuple(new), revision)


def _new_table_mentions(text: str, tables_only: bool = False) -> list[str]:
    """The names of the new tables ``text`` asks for ("add a feedbacks table", "a new
    `ItemDeletion` table", "a new domain entity `BacktestRun`"), as written; with
    ``tables_only``, only those it calls tables."""
    found = []
    for match in (
        *_NEW_TABLE.finditer(text),
        *_NEW_TABLE_WORD_FIRST.finditer(text),
        *_STORED_IN_NEW_TABLE.finditer(text),
        *_SQL_CREATE_TABLE.finditer(text),
        *STORED_IN_NAMED_TABLE.finditer(text),
        *(m for pattern in CJK_NEW_TABLES for m in pattern.finditer(text)),
    ):
        name = match.group("name")
        if tables_only and not re.search(r"\btabl|表", match.group(0), re.I):
            continue
        if _SCHEMA_ROLE.search(name):
            continue  # "a new read model", "a new stats response model": what an API answers
        if all(word in _KIND_OF_CLASS for word in name.lower().split()):
            # "a new domain entity `BacktestRun`": the name follows the kind
            after = _NAME_AFTER.match(text, match.end())
            if after is None:
                continue
            name = after.group("name")
        found.append(name)
    return found


def _tables_named(tables: list[str]) -> str:
    """``a, b and c tables`` (``a table`` for one)."""
    listed = f"{', '.join(tables[:-1])} and {tables[-1]}" if len(tables) > 1 else "".join(tables)
    return f"{listed} table{'s' * (len(tables) > 1)}"


def _tables_of_revisions_only(
    text: str,
    feature: str,
    model: CodeModel,
    project: ProjectFacts | None,
    exists_file: Callable[[str], bool],
) -> SchemaChange | None:
    """The new tables of a repository whose schema lives in its migrations alone (SQL
    queries through a driver, no ORM class): a revision creates them; no module holds
    them. Only what the session calls a table: an entity there may be stored anyhow.
    None where the session asks for none or no revision folder exists."""
    new: list[NewTable] = []
    for name in _new_table_mentions(text, tables_only=True):
        names = new_table_names(name, [])
        if names is not None and all(t.table != names[1] for t in new):
            new.append(NewTable(names[0], names[1], "", False))
    if not new:
        return None
    made = [t.table for t in new]
    revision = plan_revision(
        model, made, f"add {_tables_named(made)}", feature, project, exists_file
    )
    if revision is None:
        return None
    return SchemaChange((), (), tuple(new), revision)


def _beside(tables: list[StoredModel], targets: list[StoredModel]) -> list[StoredModel]:
    """The tables a new one may go beside: where the request changes existing tables,
    those nearest them (the ones in ``src/`` rather than a ``v1_archive/`` copy);
    else all of them."""
    if not targets:
        return tables

    def nearness(table: StoredModel) -> int:
        folders = posixpath.dirname(table.path).split("/")
        return max(
            len(posixpath.commonprefix([folders, posixpath.dirname(t.path).split("/")]))
            for t in targets
        )

    nearest = max(map(nearness, tables))
    return [table for table in tables if nearness(table) == nearest]


def _listed_tables(text: str) -> list[str]:
    """The names of the tables lists after "tables"/"models" name (``_TABLE_LIST``), in
    order, but for lists of an API's models ("Pydantic models for requests and
    responses")."""
    found: list[str] = []
    for match in _TABLE_LIST.finditer(text):
        if _API_MODELS.search(text, max(0, match.start() - 40), match.start() + 6):
            continue
        items = re.split(rf"\s*,\s*(?:{_AND}\s+)?|\s+{_AND}\s+", match.group("items"))
        for item in items:
            name = item.strip(" `")
            if name and name.lower() not in FIELD_STOP and not _SCHEMA_ROLE.search(name):
                found.append(name)
    return found


def _qualifies(stem: str, table: str, tables: list[StoredModel]) -> bool:
    """Whether the new table ``stem`` is one already listed (``table``) or that one
    with words in front: "business transactions" after `transactions`."""
    listed = new_table_names(table, tables)
    other = listed[2] if listed else table
    return stem == other or stem.endswith(f"_{other}") or other.endswith(f"_{stem}")


def _field_targets(
    text: str, tables: list[StoredModel]
) -> tuple[list[StoredModel], tuple[str, ...]]:
    """The existing tables ``text`` adds fields to, and the fields it names."""
    named = [m.group("field") for m in _named_fields(text)]
    for counted in _COUNTED_COLUMNS.finditer(text):
        named += re.findall(r"`([a-z][a-z0-9_]*)`", counted.group("names"))
    owned = [
        *_HAS_FIELD.finditer(text),
        *_STORED_ON.finditer(text),
        *_FIELD_ON.finditer(text),
        *_SQL_ADD_COLUMN.finditer(text),
    ]
    named += [m.group("field") for m in owned]
    # "add X to Y": X a field (a method, "f(x)", or a file is no field), Y the tables
    added = [
        m
        for m in _ADDED_TO.finditer(text)
        if not _INFINITIVE.search(m.group("what"))
        and not _NOT_A_FIELD.search(m.group("what"))
        and len(m.group("what").split()) <= MAX_FIELD_WORDS
        and not (_A_ROW.match(m.group("what")) and named_tables(m.group("what"), tables))
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
        targets += [t for t in named_tables(target, tables) if t not in targets]
    stored = [m for m in _named_fields(text) if m.group("field").lower() not in FIELD_STOP]
    if not targets and stored:
        # "the `backtest_runs.mode` column": the table a field is written on; else the
        # tables the sentences adding a field name ("feat(customer): add x column")
        targets = _dotted_targets(text, fields, tables) or named_tables(
            _sentences_of(blanked, stored), tables
        )
    return targets, fields if targets else ()


def _dotted_targets(
    text: str, fields: tuple[str, ...], tables: list[StoredModel]
) -> list[StoredModel]:
    """The tables ``text`` writes a field on as ``table.field``."""
    found: list[StoredModel] = []
    for name in fields:
        for owner in re.findall(rf"\b([A-Za-z_]\w*)\.{re.escape(name)}\b", text):
            found += [t for t in named_tables(owner, tables) if t not in found]
    return found


def _sentences_of(text: str, matches: list[re.Match[str]]) -> str:
    """The sentences (or lines) of ``text`` that hold one of ``matches``."""
    kept = []
    for sentence in re.finditer(r"[^.!?;\n]+(?:[.!?;]+|\n|$)", text):
        if any(sentence.start() <= m.start() < sentence.end() for m in matches):
            kept.append(sentence.group(0))
    return " ".join(kept)


def _named_fields(text: str) -> list[re.Match[str]]:
    """The places ``text`` adds a field it names, with the name before the field word
    or after it, in backticks."""
    return [*_NAMED_FIELD.finditer(text), *_FIELD_WORD_FIRST.finditer(text)]


# How the scope opens its reasons for the stored data it creates: the scope recipe
# tells tables and migrations from other new modules by them.
NEW_TABLE = "new table"
SCHEMA_MIGRATION = "schema migration"

FIELD_STOP = word_set(
    "a an the new nullable optional typed column field flag it them "
    "el la un una nuevo nueva le une nouveau nouvelle nouvel "
    # how many, never which: "add the two columns"
    "two three four five six both several some many more other extra these those "
    "dos tres cuatro varios varias deux trois plusieurs "
    # fields of what is no table: "new config fields", "new form fields"
    "config configuration settings setting env environment option options form input "
    "request response query header"
)


def place_stored_data(
    context: ContextSession,
    known: RepoKnowledge,
    index: RepoIndex,
    touch: Callable[[str, str], None],
    created: list[str],
    reasons: dict[str, str],
    said: dict[str, tuple[str, ...]],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields the session adds to stored tables (``table.field``, or ``table`` when
    it names none) and the new tables: each table's file is touched or created, and
    one schema migration revision is created."""
    change = schema_change(
        context.text,
        context.subject,
        context.feature,
        known.model,
        known.facts.project,
        index.exists,
    )
    if change is None:
        return (), ()

    def create(path: str, why: str, words: tuple[str, ...] = ()) -> None:
        if path not in created:
            created.append(path)
            reasons[path] = why
            said[path] = words

    gains = ", ".join(f"`{name}`" for name in change.fields) or "the new field"
    words = tuple(c for name in change.fields for c in context.clauses_naming(name))
    for table in change.models:
        touch(table.path, f"`{table.name}` (table `{table.table}`) gains {gains}")
        said[table.path] = tuple(dict.fromkeys((*said.get(table.path, ()), *words)))
        entity = _entity_of(known, table)
        if entity is not None:
            name, path = entity
            touch(path, f"`{name}`, the domain entity `{table.name}` stores, gains {gains}")
            said[path] = tuple(dict.fromkeys((*said.get(path, ()), *words)))
            for mapper in _mappers(known, (table.path, table.name), (path, name)):
                touch(mapper, f"maps `{table.name}` to `{name}`: {gains} too")
    for new in change.new_tables:
        why = f"{NEW_TABLE} `{new.table}` (`{new.class_name}`)"
        if not new.path:
            continue  # a schema kept in its migrations: the revision creates it
        if new.new_module:
            create(new.path, why)
            init = f"{new.path.rsplit('/', 1)[0]}/__init__.py"
            if index.exists(init) and index.reexports(init) >= MIN_REEXPORTS:
                touch(init, f"re-exports the stored models; add `{new.class_name}`")
        else:
            touch(new.path, why)
            if any(table.path == new.path for table in change.models):
                # the module gains a field too, its first reason: the table is a detail
                said[new.path] = (*said.get(new.path, ()), f"{why}.")
    if change.models and SHOWN_WORDS.search(context.text):
        for table in change.models:
            router = _router_of(known, table)
            if router:
                touch(router, f"serves `{table.table}`, whose responses show {gains}")
    revision = change.revision
    backfill = _backfill_script(context.text, change, index)
    if backfill:
        create(backfill[0], backfill[1])
    if revision is not None:
        follows = f"; it follows revision `{revision.head}`" if revision.head else ""
        create(
            revision.path,
            f"{SCHEMA_MIGRATION}: {revision.message}",
            (
                f"Write it {revision.how()} (alembic puts its own date in the name){follows}.",
                "Check what autogenerate wrote: new columns nullable or with a server "
                "default, and `downgrade()` undoing each step.",
                "Try it both ways on a scratch database before review: `alembic upgrade "
                "head`, `alembic downgrade -1`, `alembic upgrade head`.",
            ),
        )
    fields = tuple(
        f"{table.table}.{name}" for table in change.models for name in change.fields
    ) or tuple(table.table for table in change.models)
    return fields, tuple(new.table for new in change.new_tables)


def _entity_of(known: RepoKnowledge, table: StoredModel) -> tuple[str, str] | None:
    """The domain entity a table class stores, kept apart from it (``User`` in
    ``domain/entities.py`` for ``UserModel``): a domain class named like the table
    class without its storage word, or like the table's row. (name, path), or None."""
    base = ORM_SUFFIX.sub("", table.name)
    names = {base, camel(singular(table.table))} - {table.name, ""}
    for klass in known.model.classes.values():
        if klass.name not in names or known.roles.get(klass.module) != DOMAIN:
            continue
        module = known.model.modules.get(klass.module)
        if module is not None and module.path != table.path:
            return klass.name, module.path
    return None


def _mappers(known: RepoKnowledge, table: tuple[str, str], entity: tuple[str, str]) -> list[str]:
    """The modules that import both a table class and the domain entity it stores,
    each (path, class name), so map one to the other (a repository, a mapper); at most
    ``MAX_MAPPERS``, none where more do (then they merely use both)."""
    wanted = {_qualname(known, *table), _qualname(known, *entity)}
    found = [
        module.path
        for module in known.model.modules.values()
        if module.path not in (table[0], entity[0]) and wanted <= set(module.bindings.values())
    ]
    return found if len(found) <= MAX_MAPPERS else []


def _qualname(known: RepoKnowledge, path: str, name: str) -> str:
    module = next((m.name for m in known.model.modules.values() if m.path == path), "")
    return f"{module}:{name}"


def _router_of(known: RepoKnowledge, table: StoredModel) -> str:
    """The router file whose routes are about ``table``: the first part of their path
    after the API prefix names it (``/api/v1/items/{id}`` for ``item``)."""
    wanted = {singular(word) for spelling in table.words() for word in spelling[-1:]}
    counts: Counter[str] = Counter()
    for route in known.facts.routes:
        if route_resource(route.path) in wanted:
            counts[route.location.path] += 1
    return counts.most_common(1)[0][0] if counts else ""


def _backfill_script(text: str, change: SchemaChange, index: RepoIndex) -> tuple[str, str] | None:
    """A backfill script for a new nullable column, where the session says nullable or
    backfill and the repository keeps such scripts (``scripts/backfill_*.py``): named
    like them, after the table and the field."""
    if not (change.fields and change.models and BACKFILL_WORDS.search(text)):
        return None
    folders = Counter(
        posixpath.dirname(path)
        for path in index.files
        if posixpath.basename(path).startswith("backfill_")
    )
    if not folders or folders.most_common(1)[0][1] < MIN_BACKFILLS:
        return None
    folder = folders.most_common(1)[0][0]
    table = change.models[0]
    stem = f"backfill_{singular(table.table)}_{change.fields[0]}"
    return f"{folder}/{stem}.py", (
        f"fills `{table.table}.{change.fields[0]}` for the rows stored before it, like the "
        "repository's other backfill scripts"
    )
