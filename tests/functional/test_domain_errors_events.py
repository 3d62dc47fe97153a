"""Errors and events a session has the domain raise and emit, in a repository that
has none yet: the domain folder gets its first errors and events modules; one that
has an errors module gets one more error there. Python's own errors, named in a bug
report, are none of the feature's."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import CREATE, MODIFY

TREE = {
    "app/__init__.py": "",
    "app/domain/__init__.py": "",
    "app/domain/models.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Game:\n    id: str\n"
        "    board: str\n"
    ),
    "app/services/__init__.py": "",
    "app/services/game_service.py": (
        "from app.domain.models import Game\n\n\nclass GameService:\n"
        "    def get(self, key: str) -> Game:\n        return Game(key, '')\n"
    ),
}

SESSION = """# Moves

- A `Game` records each move of a piece.
- Invalid moves raise `IllegalMove`.
- Each move emits a domain event `PieceMoved(piece, square)`.
- Loading an empty board no longer fails with `TypeError`.
"""


def test_the_domain_gets_its_first_errors_and_events_modules(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, TREE, SESSION, "moves")
    assert changes["app/domain/exceptions.py"].action == CREATE
    assert "`IllegalMove`" in changes["app/domain/exceptions.py"].purpose
    assert changes["app/domain/events.py"].action == CREATE
    assert "`PieceMoved`" in changes["app/domain/events.py"].purpose
    assert not any("TypeError" in c.purpose for c in changes.values())


def test_an_existing_errors_module_takes_the_new_error(tmp_path: Path) -> None:
    tree = {**TREE, "app/domain/errors.py": "class GameOver(Exception):\n    pass\n"}
    changes = planned_changes(tmp_path, tree, SESSION, "moves")
    assert changes["app/domain/errors.py"].action == MODIFY
    assert "`IllegalMove`" in changes["app/domain/errors.py"].purpose
    assert "app/domain/exceptions.py" not in changes
