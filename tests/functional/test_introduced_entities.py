"""A design document introducing entities by name ("Introduce a `Genre` entity") in an
app folder whose name is no package (``book-service/``), where every resource shares
the ports and schemas modules and its table is created in SQL: the new entities are
laid out like an existing one, beside it in the shared modules, and no folder above
the code is renamed. A name met only inside another file's name (``genre_index.py``)
leaves the entity new; a provider of an LLM is no container to wire."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_session

from archbook import api
from archbook.application.planning.naming import renamed
from archbook.domain.plan import CREATE, MODIFY

APP = "book-service"

TREE = {
    f"{APP}/domain/__init__.py": "",
    f"{APP}/domain/models.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Book:\n    id: str\n"
        "    title: str\n"
    ),
    f"{APP}/domain/ports.py": (
        "from typing import Protocol\n\nfrom domain.models import Book\n\n\n"
        "class BookRepository(Protocol):\n    async def find(self, key: str) -> Book: ...\n"
    ),
    f"{APP}/persistence/__init__.py": "",
    f"{APP}/persistence/database.py": (
        'SCHEMA = """\nCREATE TABLE IF NOT EXISTS books (\n    id TEXT PRIMARY KEY,\n'
        '    title TEXT NOT NULL\n);\n"""\n\n\nasync def init_db(db) -> None:\n'
        "    await db.executescript(SCHEMA)\n"
    ),
    f"{APP}/persistence/book_repo.py": (
        "import aiosqlite\n\nfrom domain.models import Book\n\n\nclass SqliteBookRepository:\n"
        "    def __init__(self, db: aiosqlite.Connection) -> None:\n        self._db = db\n\n"
        "    async def find(self, key: str) -> Book:\n"
        "        return Book(key, '')\n"
    ),
    f"{APP}/infra/__init__.py": "",
    # "genre" names no file alone: only part of this one's name
    f"{APP}/infra/genre_index.py": "class GenreIndex:\n    def put(self, text: str) -> None: ...\n",
    # an LLM provider, no DI provider: its property names an enum member
    f"{APP}/infra/llm_provider.py": (
        "from enum import StrEnum\n\n\nclass Kind(StrEnum):\n    LOCAL = 'local'\n\n\n"
        "class LocalProvider:\n    @property\n    def kind(self) -> Kind:\n"
        "        return Kind.LOCAL\n"
    ),
    f"{APP}/api/__init__.py": "",
    f"{APP}/api/schemas.py": (
        "from pydantic import BaseModel\n\n\nclass BookResponse(BaseModel):\n    id: str\n"
    ),
    f"{APP}/api/books.py": (
        "from fastapi import APIRouter\n\nfrom api.schemas import BookResponse\n\n"
        "router = APIRouter()\n\n\n"
        '@router.get("/books/{key}")\nasync def get_book(key: str) -> BookResponse:\n'
        "    return BookResponse(id=key)\n"
    ),
    f"{APP}/main.py": (
        "from fastapi import FastAPI\n\nfrom api.books import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}

DESIGN = """# Design: Genres

- **Issue:** #12
- **Author:** Some One
- **Status:** Accepted

## Goals

- Introduce a `Genre` entity in the domain (id, name).
- Introduce a `BookGenreLink` entity tying a book to a genre.
"""


def test_introduced_entities_are_laid_out_like_an_existing_one(tmp_path: Path) -> None:
    planning, changes = planned_session(tmp_path, TREE, DESIGN, "genres")
    scope = planning.scope_result
    assert scope is not None and set(scope.new_resources) >= {"genre", "book_genre_link"}
    created = {path for path, change in changes.items() if change.action == CREATE}
    # beside the book's own, in the app folder as it is named
    assert f"{APP}/persistence/genre_repo.py" in created, sorted(created)
    assert f"{APP}/persistence/book_genre_link_repo.py" in created, sorted(created)
    assert not any(path.startswith("genre-") for path in changes), sorted(changes)
    # the modules every resource shares hold the new ones' parts too
    for shared in ("domain/ports.py", "persistence/database.py", "api/schemas.py"):
        assert changes[f"{APP}/{shared}"].action == MODIFY, shared
    # a port module gaining a port changes no implementation of the others
    assert f"{APP}/persistence/book_repo.py" not in changes
    assert f"{APP}/infra/llm_provider.py" not in changes  # no container to wire
    providers = api.knowledge(str(tmp_path)).facts.providers
    assert not [p for p in providers if p.container.endswith(":LocalProvider")], providers


def test_a_rename_keeps_folders_above_the_code_and_renames_once() -> None:
    assert renamed("book-service/api/books.py", "book", "genre") == "book-service/api/genres.py"
    assert renamed("app/books.py", "book", "book_link") == "app/book_links.py"
    assert renamed("app/api/series.py", "series", "tag") == "app/api/tags.py"
    assert renamed("tests/api/test_dpd_endpoint.py", "dpd", "auspost") == (
        "tests/api/test_auspost_endpoint.py"
    )
