"""The Plan's domain values: which feature names are allowed, and what makes a plan valid."""

from __future__ import annotations

import dataclasses

import pytest

from archbook.domain.plan import (
    ACTIONS,
    PLAN_KINDS,
    FeatureNameError,
    FileChange,
    Finding,
    Plan,
    check_feature_name,
)

ACCEPTED = (
    "delete_news",
    "news-from-ai",
    "EPIC-001-migracion-gemini",
    "x",
    "a" * 64,
    "password_reset",
    "0",
)

REJECTED = (
    "../x",
    "/abs",
    "a/b",
    "a\\b",
    "",
    "a\0b",
    "a" * 65,
    ".",
    "..",
    "with space",
    " leading",
    "trailing ",
    "tab\there",
    "new\nline",
    "dotted.name",
    "ñandú",
    "semi;colon",
)


def plan(**changes: object) -> Plan:
    base = Plan(
        feature="password_reset",
        title="Password reset",
        kind=PLAN_KINDS[0],
        summary="s",
        context_path=".claude/sessions/context_session_password_reset.md",
        context_digest=(),
        approach="a",
        rationale=(),
        layers_changed=(),
        changes=(FileChange("src/a.py", ACTIONS[0], "domain", "p"),),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ACCEPTED)
def test_plain_feature_names_are_accepted_as_they_are(name: str) -> None:
    assert check_feature_name(name) == name


@pytest.mark.parametrize("name", REJECTED, ids=repr)
def test_names_that_could_leave_claude_or_are_not_plain_are_rejected(name: str) -> None:
    with pytest.raises(FeatureNameError) as raised:
        check_feature_name(name)
    message = str(raised.value)
    assert "not allowed" in message
    # the message says what is allowed and gives an example to copy
    assert "1-64 letters, digits, '-' or '_'" in message
    assert "password_reset" in message


def test_a_rejected_name_is_shown_escaped_and_short_in_the_error() -> None:
    with pytest.raises(FeatureNameError) as raised:
        check_feature_name("x" * 500 + "\0")
    first_line = str(raised.value).splitlines()[0]
    assert "\0" not in first_line
    assert "x" * 100 not in first_line


def test_a_name_that_is_not_a_string_is_rejected() -> None:
    with pytest.raises(FeatureNameError):
        check_feature_name(None)  # type: ignore[arg-type]


def test_a_plan_is_valid_until_a_finding_of_level_error() -> None:
    assert plan().valid
    assert plan(validation=(Finding("warning", "wrong-layer-folder", "w"),)).valid
    assert not plan(
        validation=(
            Finding("warning", "wrong-layer-folder", "w"),
            Finding("error", "missing-file", "m"),
        )
    ).valid


def test_a_plan_lives_in_the_features_doc_folder() -> None:
    assert plan().path_of() == ".claude/doc/password_reset/backend.md"
    assert plan(feature="EPIC-001-x").path_of() == ".claude/doc/EPIC-001-x/backend.md"


def test_plans_are_frozen_values() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan().feature = "other"  # type: ignore[misc]
    assert plan() == plan()
    assert hash(plan().changes[0]) == hash(FileChange("src/a.py", ACTIONS[0], "domain", "p"))
