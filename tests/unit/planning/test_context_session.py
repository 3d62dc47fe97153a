"""Reading a context session: title, sections, routes, names, statuses, and which
existing classes its decisions say change (what the offline planner builds on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.application.planning.context_session import ContextSession, parse_context

SESSIONS = Path(api.sample_path()) / ".claude" / "sessions"


def sample(feature: str) -> ContextSession:
    path = SESSIONS / f"context_session_{feature}.md"
    return parse_context(feature, f".claude/sessions/{path.name}", path.read_text())


def session(text: str) -> ContextSession:
    return parse_context("f", ".claude/sessions/context_session_f.md", text)


def test_title_and_sections_of_the_password_reset_session() -> None:
    parsed = sample("password_reset")
    assert parsed.title == "Password reset by e-mail"
    assert list(parsed.sections) == [
        "goal",
        "requirements",
        "constraints",
        "decisions so far",
        "open questions",
    ]
    assert len(parsed.section("requirements")) == 8
    assert len(parsed.section("open questions")) == 5
    # wrapped bullet lines are joined into one item
    assert parsed.section("constraints")[3] == "The reset token expires in 30 minutes."


def test_routes_statuses_names_and_paths_of_the_password_reset_session() -> None:
    parsed = sample("password_reset")
    assert parsed.routes == [
        ("POST", "/api/auth/password-reset"),
        ("POST", "/api/auth/password-reset/confirm"),
    ]
    assert parsed.statuses == [400]
    for name in ("PasswordResetRepository", "PasswordResetService", "Mailer", "AuthService"):
        assert name in parsed.identifiers
    assert parsed.paths == ["src/application/ports/mailer.py"]


def test_a_bare_method_on_the_same_path_is_a_route_too() -> None:
    parsed = sample("thread_subscriptions")
    assert ("PUT", "/api/threads/{thread_id}/subscription") in parsed.routes
    assert ("DELETE", "/api/threads/{thread_id}/subscription") in parsed.routes
    assert ("GET", "/api/users/me/subscriptions") in parsed.routes
    assert parsed.statuses == [404, 409]


def test_routes_listed_under_a_base_path_are_joined_to_it_within_their_section() -> None:
    parsed = parse_context(
        "users",
        "p",
        "# Users\n\n## Endpoints (under `/api/v1/users`)\n- `GET /` lists them.\n"
        "- `GET /{user_id}/` reads one; `DELETE /api/v1/users/{user_id}/` removes one.\n\n"
        "## Elsewhere\n- `GET /health` stays.\n\nRoutes prefixed with /admin:\n"
        "- `POST /reset`\n",
    )
    assert parsed.routes == [
        ("GET", "/api/v1/users"),
        ("GET", "/api/v1/users/{user_id}/"),
        ("DELETE", "/api/v1/users/{user_id}/"),
        ("GET", "/health"),
        ("POST", "/admin/reset"),
    ]


def test_a_session_without_heading_takes_its_title_from_the_feature() -> None:
    parsed = parse_context("delete_news", "p", "Just some text, no sections.\n")
    assert parsed.title == "delete news"
    # unsectioned prose is kept: it is what the session asks for
    assert parsed.sections == {"goal": ("Just some text, no sections.",)}
    assert parsed.routes == []


def test_clauses_split_bullets_at_semicolons_and_sentence_ends() -> None:
    parsed = session(
        "# T\n\n## Decisions so far\n\n- First part; second part. Third `Part` here.\n"
    )
    assert parsed.clauses("decisions so far") == [
        "First part",
        "second part.",
        "Third `Part` here.",
    ]


def test_error_statuses_are_4xx_and_the_5xx_a_route_answers_by_design() -> None:
    parsed = session(
        "# T\n\n## Requirements\n\n- Answers `200`, `404` when unknown, `503` with "
        "`Retry-After: 1` while a dependency is down; a bug is a `500`.\n"
    )
    assert parsed.statuses == [404, 503]


def test_the_clauses_naming_a_path_come_from_any_section_but_code_blocks() -> None:
    long = "x" * 300
    parsed = session(
        "# T\n\n## Why\n\n`app/root.py:23` serves `/live` but no `/ready`. Pods never "
        "leave rotation. The `InProcessEventDispatcher` only logs.\n\n"
        "## What Changes\n\n- Add `/ready` beside `app/root.py`; it "
        f"checks the database.\n- `app/root.py` {long}\n\n```python\n# app/root.py\n```\n"
    )
    assert parsed.clauses_naming("app/root.py") == (
        "`app/root.py:23` serves `/live` but no `/ready`.",
        "Add `/ready` beside `app/root.py`",
    )
    third = parsed.clauses_naming("app/root.py", most=3)[2]
    assert len(third) == 240 and third.startswith("`app/root.py` xxx") and third.endswith("…")
    assert parsed.clauses_naming("app/absent.py") == ()
    assert parsed.clauses_naming("InProcessEventDispatcher") == (
        "The `InProcessEventDispatcher` only logs.",
    )
    assert parsed.clauses_naming("EventDispatcher") == ()  # only a whole name counts


@pytest.mark.parametrize(
    "sentence",
    [
        "`Order` gets a `cancel()` method and a `CANCELLED` status.",
        "A new interface, implemented by the existing `Order`.",
        "`Order.cancel` now raises when shipped.",
        "Add a `cancel()` method to `Order`.",
    ],
)
def test_a_decision_that_changes_an_existing_class_is_seen(sentence: str) -> None:
    parsed = session(f"# T\n\n## Decisions so far\n\n- {sentence}\n")
    assert [clause for clause, _ in parsed.changes("Order")] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "A new `CancelOrderUseCase`, like `Order`.",
        "The use cases live in a new service, not in `Order`.",
        "`Order.cancel()` already exists.",
        "Passwords follow the existing rule in `Order`.",
        "It uses the existing `Order` port.",
        "`OrderRepository` gets `update(order)`.",
    ],
)
def test_citing_a_class_is_not_changing_it(sentence: str) -> None:
    parsed = session(f"# T\n\n## Decisions so far\n\n- {sentence}\n")
    assert parsed.changes("Order") == []


def test_constraints_and_open_questions_never_decide_a_change() -> None:
    parsed = session(
        "# T\n\n## Constraints\n\n- `Order` gets nothing new.\n\n"
        "## Open questions\n\n- Should `Order` get a `cancel()` method?\n"
    )
    assert parsed.changes("Order") == []


def test_the_member_a_change_names_is_reported() -> None:
    parsed = sample("thread_subscriptions")
    changes = parsed.changes("MessageService")
    assert [member for _, member in changes] == ["post_message"]
    assert parsed.members("MessageService") == ["post_message"]


def test_the_sample_sessions_change_only_what_they_decide_to() -> None:
    reset = sample("password_reset")
    # AuthService is cited ("the existing rule in", "not in"), never changed
    assert reset.changes("AuthService") == []
    assert reset.changes("Clock") == []
    assert reset.changes("PasswordHasher") == []


def test_locations_are_the_files_and_folders_next_to_a_name() -> None:
    parsed = session(
        "# T\n\n## Decisions so far\n\n"
        "- A new `DeleteTaskHandler` in `app/core/commands/delete_task.py`.\n"
        "- A new `CloseAccountHandler` in `src/account/application/close_account/`.\n"
        "- Calls `GET /api/x` and links to `https://example.com/a/b`.\n"
    )
    assert parsed.locations("DeleteTaskHandler") == (["app/core/commands/delete_task.py"], [])
    assert parsed.locations("CloseAccountHandler") == (
        [],
        ["src/account/application/close_account"],
    )
    # routes and URLs are not repository paths
    assert parsed.locations("GET") == ([], [])
