"""The schema migration a stored-data change needs: an alembic revision in the folder
that already holds the revisions about the tables it changes, named the way that
folder's newest revision is named, with the command that writes it. Nothing of the
target is run: the plan says how to write the revision."""

from __future__ import annotations

import ast
import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from archbook.application.code_facts.code_model import CodeModel
from archbook.application.planning.scoping.stored_tables import assignments, constant
from archbook.domain.project import PDM, PIPENV, POETRY, UV, ProjectFacts, is_schema_revision

# Alembic cuts a revision's slug to 40 characters at a word boundary.
SLUG_LENGTH = 40
_DATE_PREFIX = re.compile(
    r"^\d{4}[-_.]?\d{2}[-_.]?\d{2}(?:[-_.]?\d{2}(?:[-_.:]?\d{2}){0,2})?(?=[-_.]|$)"
)
_RUNNERS = {UV: "uv run ", POETRY: "poetry run ", PDM: "pdm run ", PIPENV: "pipenv run "}


@dataclass(frozen=True)
class Revision:
    """The migration revision a stored-data change needs, and how to write it."""

    path: str
    message: str
    command: str  # run from ``folder`` ("" the repository's root)
    folder: str
    head: str

    def how(self) -> str:
        """Where and how the revision is written, as the plan says it."""
        where = f"from `{self.folder}/` " if self.folder else ""
        return f"{where}with `{self.command}`"


def plan_revision(
    model: CodeModel,
    tables: list[str],
    message: str,
    feature: str,
    project: ProjectFacts | None,
    exists_file: Callable[[str], bool],
) -> Revision | None:
    """The new revision (``message``, about ``tables``) in the migration folder whose
    revisions speak most of those tables (the one holding most revisions on a tie);
    None when the repository keeps no alembic revisions."""
    folders = revision_folders(model)
    if not folders:
        return None
    texts = {m.path: m.text for m in model.modules.values() if is_schema_revision(m.path)}

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
    # the message goes into a shell command a reader may paste: words and plain
    # punctuation only (no quotes, `$(…)` or backticks from the session's title)
    message = " ".join(re.sub(r"[^\w ,.:()+-]", " ", message).split())
    rev = (
        _next_revision_id(newest[1])
        or hashlib.sha1(f"{feature}\n{message}".encode()).hexdigest()[:12]
    )
    name = revision_file_name(posixpath.basename(newest[0]), newest[1], rev, _slug(message))
    runner = _runner_prefix(project)
    command = f'{runner}alembic revision --autogenerate --rev-id {rev} -m "{message}"'
    return Revision(
        f"{folder}/{name}", message, command, _alembic_folder(folder, exists_file), newest[1]
    )


def revision_folders(model: CodeModel) -> dict[str, list[tuple[str, str, str]]]:
    """The repository's alembic revision folders, each with its revisions as
    ``(path, revision, down_revision)``."""
    folders: dict[str, list[tuple[str, str, str]]] = {}
    for module in model.modules.values():
        if not is_schema_revision(module.path) or "down_revision" not in module.text:
            continue
        ids = _revision_ids(module.tree)
        if ids is not None:
            folders.setdefault(posixpath.dirname(module.path), []).append((module.path, *ids))
    return folders


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
    parts = []
    if has_rev and stem.startswith(example_rev):
        parts.append(rev)
        if rest:  # "a2db5de794b4_.py": a slug, empty when no message was given
            parts.append(slug)
    else:
        if rest.strip("_-"):
            parts.append(slug)
        if has_rev:
            parts.append(rev)
    tail = "_".join(p for p in parts if p)
    if shape:  # the date, then what follows it after the example's own separator
        return (f"{shape}{separator or '_'}{tail}" if tail else shape) + ".py"
    return (tail or f"{rev}_{slug}") + ".py"


def _next_revision_id(head: str) -> str | None:
    """The id after ``head`` where the repository numbers its revisions (``"047"`` →
    ``"048"``, zero-padded alike); None where alembic's random ids are used."""
    if not head.isdigit() or not head.isascii():
        return None
    return str(int(head) + 1).zfill(len(head))


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


def _runner_prefix(project: ProjectFacts | None) -> str:
    """How the project runs a tool it installs (``uv run ``), or "" for plain."""
    return _RUNNERS.get(project.package_manager, "") if project else ""


def _revision_ids(tree: ast.Module) -> tuple[str, str] | None:
    """A revision module's ``revision`` and ``down_revision`` ("" for the first)."""
    values: dict[str, object] = {}
    for statement in tree.body:
        for target, value in assignments(statement):
            if target in ("revision", "down_revision"):
                values[target] = constant(value)
    revision, down = values.get("revision"), values.get("down_revision")
    if not isinstance(revision, str):
        return None
    return revision, down if isinstance(down, str) else ""


def revision_message(title: str, feature: str) -> str:
    """A revision message from a request's title: a commit-style title ("feat(case):
    adds …") without its type."""
    subject = re.sub(r"^\W*(?:\w+(?:\([^)]*\))?:\s*)?", "", title).strip()
    return subject or feature.replace("-", " ")
