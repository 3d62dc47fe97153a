"""The plan reader on small plans: path spellings, action words in several languages,
sections that only describe the code, tables, path comments, commands and installs."""

from __future__ import annotations

from archbook.application.planning.review.commands import installed_packages
from archbook.application.planning.review.paths import PathLocator, backend_prefixes
from archbook.application.planning.review.reader import read_plan
from archbook.domain.plan_review import FROM_TREE, FROM_WORDING

TREE = {
    "api",
    "api/app",
    "api/app/core",
    "api/app/core/users.py",
    "api/app/web",
    "api/app/web/routes.py",
    "api/pyproject.toml",
}
LOCATE = PathLocator(lambda path: path in TREE, ("api",))


def _actions(text: str) -> dict[str, str]:
    return {f.path: f.action for f in read_plan(text, LOCATE).files}


def test_paths_are_made_relative_to_the_repository_root() -> None:
    assert LOCATE.normalise("/api/app/core/users.py") == "api/app/core/users.py"
    assert LOCATE.normalise("./app/core/users.py") == "api/app/core/users.py"
    assert LOCATE.normalise("app/core/new_thing.py") == "api/app/core/new_thing.py"
    assert LOCATE.normalise("`pyproject.toml`") == "api/pyproject.toml"
    assert LOCATE.normalise("../elsewhere/x.py") == ""


def test_backend_prefixes_come_from_source_roots_and_the_common_top_folder() -> None:
    assert backend_prefixes(["services/api"], ["services/api/app/x.py"]) == (
        "services",
        "services/api",
    )
    assert backend_prefixes(["."], ["api/app/x.py", "api/app/y.py"]) == ("api",)


def test_action_words_in_german_and_portuguese_bullets() -> None:
    plan = (
        "# Plan\n\n## Schritte\n\n"
        "- Neue Datei `app/core/cards.py`\n"
        "- `app/web/routes.py` ändern\n"
        "- Remover `app/core/users.py`\n"
    )
    assert _actions(plan) == {
        "api/app/core/cards.py": "create",
        "api/app/web/routes.py": "modify",
        "api/app/core/users.py": "delete",
    }


def test_adding_to_a_file_modifies_it() -> None:
    plan = "## Changes\n\nAdd a route to `app/web/routes.py`:\n\n```python\nx = 1\n```\n"
    read = read_plan(plan, LOCATE)
    assert [(f.path, f.action, f.action_from) for f in read.files] == [
        ("api/app/web/routes.py", "modify", FROM_WORDING)
    ]
    assert read.files[0].blocks[0].text == "x = 1"


def test_a_heading_naming_several_actions_leaves_the_action_to_the_tree() -> None:
    plan = (
        "## Files to create or modify\n\n"
        "**File:** `app/core/users.py`\n\n"
        "**File:** `app/core/cards.py`\n"
    )
    read = read_plan(plan, LOCATE)
    assert [(f.action, f.action_from) for f in read.files] == [
        ("modify", FROM_TREE),
        ("create", FROM_TREE),
    ]


def test_sections_describing_the_code_as_it_is_plan_nothing() -> None:
    plan = (
        "## Existing files\n\n- `app/core/users.py` — the users\n\n"
        "| File | Role |\n|---|---|\n| `app/web/routes.py` | routes |\n\n"
        "## Plan\n\n| File | Action |\n|---|---|\n| `app/core/cards.py` | new |\n"
    )
    assert _actions(plan) == {"api/app/core/cards.py": "create"}


def test_a_path_comment_makes_a_block_its_own_file() -> None:
    plan = "## Code\n\n```python\n# app/core/cards.py\nclass Card: ...\n```\n"
    read = read_plan(plan, LOCATE)
    assert [(f.path, f.action, f.line) for f in read.files] == [
        ("api/app/core/cards.py", "create", 4)
    ]
    assert read.files[0].blocks[0].line == 3


def test_commands_and_installs_from_shell_blocks_and_prose() -> None:
    plan = (
        "## Setup\n\n```bash\n$ uv add --dev pytest-asyncio\npip install -r requirements.txt\n"
        "```\n\nThen run `poetry add httpx[http2]` and `alembic upgrade head`.\n"
    )
    read = read_plan(plan, LOCATE)
    assert [(c.text, c.line) for c in read.commands] == [
        ("uv add --dev pytest-asyncio", 4),
        ("pip install -r requirements.txt", 5),
        ("poetry add httpx[http2]", 8),
        ("alembic upgrade head", 8),
    ]
    assert [d.name for d in read.dependencies] == ["pytest-asyncio", "httpx"]
    assert installed_packages("python -m pip install 'fastapi>=0.110' -e .") == ["fastapi"]


def test_an_example_label_names_the_file_its_code_is_for() -> None:
    plan = (
        "## Tests\n\n**Example**: `/api/tests/test_cards.py`\n\n```python\ndef test(): ...\n```\n"
    )
    read = read_plan(plan, LOCATE)
    assert [(f.path, f.action, len(f.blocks)) for f in read.files] == [
        ("api/tests/test_cards.py", "create", 1)
    ]
