"""A team's import-linter layers contract with its own names (``main``, ``inbound``,
``outbound``, ``core``) over a whole repository: the layer report, the trace and the
plan speak those names, while the code facts, the trace and the planner still know
which module is a use case, a port or an adapter (archbook's own reading of the same
paths)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.planned_trees import planned, write_tree

from archbook import api

PYPROJECT = """[project]
name = "notes"

[tool.importlinter]
root_package = "app"

[[tool.importlinter.contracts]]
name = "inner must not import outer"
type = "layers"
containers = ["app"]
layers = ["main", "inbound", "outbound", "core"]
"""
TREE = {
    "pyproject.toml": PYPROJECT,
    "src/app/__init__.py": "",
    "src/app/core/__init__.py": "",
    "src/app/core/entities.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Note:\n"
        "    id: int\n    text: str\n"
    ),
    "src/app/core/commands/__init__.py": "",
    "src/app/core/commands/ports/__init__.py": "",
    "src/app/core/commands/ports/note_storage.py": (
        "from typing import Protocol\n\nfrom app.core.entities import Note\n\n\n"
        "class NoteStorage(Protocol):\n"
        "    def add(self, note: Note) -> None: ...\n"
    ),
    "src/app/core/commands/create_note.py": (
        "from app.core.commands.ports.note_storage import NoteStorage\n"
        "from app.core.entities import Note\n\n\n"
        "class CreateNote:\n"
        "    def __init__(self, storage: NoteStorage) -> None:\n"
        "        self._storage = storage\n\n"
        "    def execute(self, text: str) -> None:\n"
        "        self._storage.add(Note(0, text))\n"
    ),
    "src/app/outbound/__init__.py": "",
    "src/app/outbound/note_storage_sqla.py": (
        "from sqlalchemy.orm import Session\n\n"
        "from app.core.commands.ports.note_storage import NoteStorage\n"
        "from app.core.entities import Note\n\n\n"
        "class SqlaNoteStorage(NoteStorage):\n"
        "    def __init__(self, session: Session) -> None:\n"
        "        self._session = session\n\n"
        "    def add(self, note: Note) -> None:\n"
        "        self._session.add(note)\n"
    ),
    "src/app/inbound/__init__.py": "",
    "src/app/inbound/http/__init__.py": "",
    "src/app/inbound/http/notes.py": (
        "from dishka import FromDishka\nfrom dishka.integrations.fastapi import inject\n"
        "from fastapi import APIRouter\n\n"
        "from app.core.commands.create_note import CreateNote\n\n"
        'router = APIRouter(prefix="/notes")\n\n\n'
        '@router.post("")\n@inject\n'
        "def create_note(text: str, interactor: FromDishka[CreateNote]) -> None:\n"
        "    interactor.execute(text)\n"
    ),
    "src/app/main/__init__.py": "",
    "src/app/main/ioc.py": (
        "from dishka import Provider, Scope, provide\n\n"
        "from app.core.commands.create_note import CreateNote\n"
        "from app.core.commands.ports.note_storage import NoteStorage\n"
        "from app.outbound.note_storage_sqla import SqlaNoteStorage\n\n\n"
        "class AppProvider(Provider):\n"
        "    storage = provide(SqlaNoteStorage, provides=NoteStorage, scope=Scope.REQUEST)\n"
        "    create_note = provide(CreateNote, scope=Scope.REQUEST)\n"
    ),
    "src/app/main/run.py": (
        "from fastapi import FastAPI\n\nfrom app.inbound.http.notes import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}
SESSION = """# Archive notes

## Goal
- Users archive a note: `POST /notes/{note_id}/archive` marks it archived.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contract_roles")
    write_tree(root, TREE)
    return root


def test_the_contract_names_the_layers_and_archbook_still_reads_the_roles(repo: Path) -> None:
    known = api.knowledge(str(repo), cache=False)
    assert known.layers["app.core.commands.create_note"] == "core"
    assert known.roles["app.core.commands.create_note"] == "application"
    assert known.roles["app.core.commands.ports.note_storage"] == "ports"
    assert known.roles["app.outbound.note_storage_sqla"] == "infrastructure"
    assert known.roles["app.inbound.http.notes"] == "presentation"
    services = [s.qualname for s in known.facts.services]
    assert services == ["app.core.commands.create_note:CreateNote"]
    node = api.trace(known, "POST /notes").root
    steps = [(node.step.kind, node.step.layer)]
    while node.children:
        node = node.children[0]
        steps.append((node.step.kind, node.step.name.rpartition(":")[2], node.step.layer))
    assert steps == [
        ("route", "inbound"),
        ("handler", "create_note", "inbound"),
        ("service", "CreateNote.execute", "core"),
        ("port", "NoteStorage.add", "core"),
        ("adapter", "SqlaNoteStorage.add", "outbound"),
        ("adapter", "sqlalchemy.orm.Session (library)", ""),
    ]


def test_a_plan_places_its_use_case_by_role_and_labels_it_with_the_contracts_layer(
    repo: Path,
) -> None:
    plan = planned(repo, SESSION, "archive_note").plan
    changes = {c.path: (c.action, c.layer) for c in plan.changes}
    created = [path for path, (action, _) in changes.items() if action == "create"]
    # named like ``CreateNote``: the action, no role word (not ``ArchiveNoteNote``)
    assert changes["src/app/core/commands/archive_note.py"] == ("create", "core")
    assert [p for p in created if p.startswith("src/app/core/")] == [
        "src/app/core/commands/archive_note.py"
    ]
    assert changes["src/app/inbound/http/notes.py"] == ("modify", "inbound")
    assert set(plan.layers_changed) <= {"main", "inbound", "outbound", "core", "tests"}
