"""Use case: a plan that changes stored tables must say how the schema follows. A
plan whose code adds columns to a table of the repository, or declares a new table,
while the repository keeps alembic revisions, and which names no revision, migration
or alembic anywhere, leaves the database behind the code. Plans others wrote are
checked when reviewed, plans a planner drafts when validated."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.scoping.migrations import revision_folders
from archbook.application.planning.scoping.stored_tables import stored_models
from archbook.domain.plan import CREATE, DELETE, Finding, Plan
from archbook.domain.plan_review import WARNING, ReadPlan, ReviewFinding

# (path, action, the code the plan gives it)
CodeOfFile = tuple[str, str, tuple[str, ...]]

# Code that declares a column (SQLModel, SQLAlchemy classic and 2.0 styles).
COLUMN_CODE = re.compile(r"\b(?:Column|mapped_column|Field)\(|:\s*Mapped\[")
# A plan that says any of these has thought of the schema.
MIGRATION_WORDS = re.compile(
    r"\b(?:alembic|migrations?|revisions?|migrate|upgrade head|migraci[oó]n)\b", re.I
)


def migration_findings(plan: ReadPlan, text: str, known: RepoKnowledge) -> list[ReviewFinding]:
    """One warning when a reviewed plan changes stored tables and says nothing of
    migrating them."""
    files = [(f.path, f.action, tuple(b.text for b in f.python_blocks)) for f in plan.files]
    found = _unmigrated(files, text, known)
    if found is None:
        return []
    path, message = found
    line = next(f.line for f in plan.files if f.path == path)
    return [ReviewFinding(WARNING, "no-migration", message, line, path)]


def plan_migration_findings(plan: Plan, known: RepoKnowledge) -> list[Finding]:
    """The same warning for a drafted plan: its changes' code sketches, and its words
    in every section."""
    files = [(c.path, c.action, (c.code_sketch,)) for c in plan.changes if c.code_sketch]
    words = [
        *plan.migration,
        *plan.notes,
        *(f"{c.path} {c.purpose} {' '.join(c.details)}" for c in plan.changes),
    ]
    found = _unmigrated(files, "\n".join(words), known)
    return [] if found is None else [Finding(WARNING, "no-migration", found[1], found[0])]


def _unmigrated(
    files: Iterable[CodeOfFile], text: str, known: RepoKnowledge
) -> tuple[str, str] | None:
    """The first file whose code changes stored tables, with the message, when the
    plan's ``text`` names no migration and the repository keeps revisions."""
    if MIGRATION_WORDS.search(text):
        return None
    folders = revision_folders(known.model)
    if not folders:
        return None
    tables: dict[str, set[str]] = {}
    for table in stored_models(known.model):
        tables.setdefault(table.path, set()).add(table.name)
    folder = max(folders, key=lambda f: len(folders[f]))
    for path, action, codes in files:
        if action == DELETE:
            continue
        changed = _changed_tables(action, codes, tables.get(path, set()))
        if changed:
            return path, (
                f"{path}: the plan changes the stored table(s) {', '.join(sorted(changed))} "
                f"but writes no migration; this repository keeps alembic revisions in {folder}/"
            )
    return None


def _changed_tables(action: str, codes: tuple[str, ...], known_tables: set[str]) -> set[str]:
    """The tables whose columns ``codes`` declare: classes of the file that are tables,
    or, in a new file, classes that declare themselves tables."""
    changed = set()
    for code in codes:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            body = "\n".join(ast.unparse(statement) for statement in node.body)
            header = ast.unparse(node).split("\n", 1)[0]
            declares = "__tablename__" in body or "table=True" in header
            table = node.name in known_tables or (action == CREATE and declares)
            if table and COLUMN_CODE.search(body):
                changed.add(node.name)
    return changed
