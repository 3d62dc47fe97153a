"""backend.md is a pure function of the Plan: same Plan, same bytes; every section is
always there; the integrity header tells archbook's own output from a hand edit."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from fakes.snapshots import PLAN_SECTIONS as SECTIONS

from archbook.application.planning.plan_markdown import (
    SECTION_EMPTY,
    edited_by_hand,
    final_message,
    render_plan,
)
from archbook.application.planning.plan_schema import PlanFormatError, plan_from_dict, plan_to_dict
from archbook.domain.plan import (
    CREATE,
    MODIFY,
    Dependency,
    ErrorMapping,
    FileChange,
    Finding,
    Plan,
)
from archbook.domain.plan import TestCase as PlannedTest


def full_plan() -> Plan:
    """A plan with every field filled, including text that Markdown tables must escape."""
    return Plan(
        feature="password_reset",
        title="Password reset by e-mail",
        kind="new_feature",
        summary="Two endpoints, two ports, one service.",
        context_path=".claude/sessions/context_session_password_reset.md",
        context_digest=("Goal: reset a forgotten password", "Decided: a `Mailer` port"),
        approach="Routes → service → ports; adapters per technology.",
        rationale=("Services talk to ports only.", "Ünïcode — and “quotes” survive."),
        layers_changed=("presentation", "application", "ports"),
        changes=(
            FileChange(
                "src/application/ports/mailer.py",
                CREATE,
                "ports",
                "Port `Mailer` | with a pipe\nand a newline",
                ("An ABC with one async method.",),
                "class Mailer(ABC):\n    async def send(self, message: str) -> None: ...\n",
                "new file",
            ),
            FileChange(
                "src/presentation/api/routes/auth.py",
                MODIFY,
                "presentation",
                "Two routes.",
                ("`POST /api/auth/password-reset` → 202",),
                "",
                "after the existing routes",
            ),
        ),
        di_wiring=("`mailer`: Singleton(SmtpMailer)",),
        dependencies=(
            Dependency("aiosmtplib", "async SMTP", "poetry add aiosmtplib"),
            Dependency("freezegun", "clock in tests", "poetry add --group dev freezegun", True),
        ),
        install_command="poetry install",
        tests=(
            PlannedTest(
                "src/tests/test_password_reset_service.py",
                "unit",
                ("tokens expire", "tokens are single use"),
                ("InMemoryMailer",),
            ),
        ),
        error_handling=(ErrorMapping("InvalidResetToken", 400, "expired | used token"),),
        security=("Store only a hash of the token.",),
        performance=("Send the e-mail after the response.",),
        migration=("New collection only.",),
        notes=("Pydantic v2: `model_config`, not `class Config`.",),
        open_questions=("Rate limit per address?",),
        validation=(Finding("warning", "wrong-layer-folder", "x is y", "src/x.py"),),
        planner="offline",
    )


def minimal_plan() -> Plan:
    return Plan(
        feature="tiny",
        title="Tiny",
        kind="architecture_question",
        summary="An answer.",
        context_path=".claude/sessions/context_session_tiny.md",
        context_digest=(),
        approach="Keep it in the service.",
        rationale=(),
        layers_changed=(),
        changes=(),
    )


def headings(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.M)


def test_the_same_plan_renders_to_the_same_bytes() -> None:
    first = render_plan(full_plan())
    second = render_plan(full_plan())
    assert first.encode() == second.encode()


def test_a_json_round_trip_keeps_the_plan_and_its_bytes() -> None:
    plan = full_plan()
    document = json.loads(json.dumps(plan_to_dict(plan), ensure_ascii=False))
    again = plan_from_dict(document)
    assert again == plan
    assert render_plan(again).encode() == render_plan(plan).encode()


def test_any_change_to_the_plan_changes_the_bytes() -> None:
    plan = full_plan()
    other = Plan(**{**plan.__dict__, "summary": plan.summary + "!"})
    assert render_plan(other) != render_plan(plan)


@pytest.mark.parametrize("make", [full_plan, minimal_plan], ids=["full", "minimal"])
def test_every_section_is_present_in_order(make: object) -> None:
    text = render_plan(make())  # type: ignore[operator]
    assert headings(text) == list(SECTIONS)
    assert text.splitlines()[1].startswith("# Backend plan: ")


def test_empty_sections_say_so_instead_of_disappearing() -> None:
    text = render_plan(minimal_plan())
    security = text.split("## Security\n", 1)[1].split("\n## ", 1)[0]
    assert SECTION_EMPTY in security
    files = text.split("## Files to create or change\n", 1)[1].split("\n## ", 1)[0]
    assert SECTION_EMPTY in files
    assert "No new dependency." in text


def test_a_file_or_an_approach_with_nothing_more_to_say_says_nothing_more() -> None:
    """A file's purpose says what it is for: no "nothing for this feature" under a file
    to create, nor under an approach without reasons of its own."""
    plan = full_plan()
    bare = replace(plan.changes[1], details=())
    text = render_plan(replace(plan, changes=(plan.changes[0], bare), rationale=()))
    section = text.split("### 2. modify", 1)[1].split("\n## ", 1)[0]
    assert "Two routes." in section and SECTION_EMPTY not in section
    approach = text.split("## Approach and rationale\n", 1)[1].split("\n## ", 1)[0]
    assert SECTION_EMPTY not in approach and "Layers changed" in approach


def test_table_cells_escape_pipes_and_newlines() -> None:
    text = render_plan(full_plan())
    row = next(line for line in text.splitlines() if "mailer.py` |" in line)
    assert row.count("|") - row.count("\\|") == 6  # five columns, no broken cell
    assert "with a pipe and a newline" in row.replace("\\|", "")


def test_the_plan_names_what_it_is_and_what_it_is_not() -> None:
    text = render_plan(full_plan())
    assert "nothing in it has been implemented" in text
    assert "`poetry add aiosmtplib`" in text
    assert "`freezegun` (dev)" in text
    assert "```python\nclass Mailer(ABC):" in text
    assert "**warning** wrong-layer-folder: x is y (`src/x.py`)" in text


def test_fresh_output_is_not_edited_by_hand() -> None:
    assert not edited_by_hand(render_plan(full_plan()))
    assert not edited_by_hand(render_plan(minimal_plan()))


def test_any_byte_change_makes_it_edited_by_hand() -> None:
    text = render_plan(full_plan())
    header, _, body = text.partition("\n")
    assert edited_by_hand(text + "\n")
    assert edited_by_hand(text.replace("Two routes.", "Two routes!"))
    assert edited_by_hand(header + "\n" + body[:-1])  # the last newline removed
    assert edited_by_hand(text.replace("sha256=", "sha256=0", 1)[:-1])


def test_a_plan_without_the_archbook_header_counts_as_edited_by_hand() -> None:
    text = render_plan(full_plan())
    assert edited_by_hand(text.partition("\n")[2])
    assert edited_by_hand("# My own plan\n")
    assert edited_by_hand("")


def test_a_header_copied_onto_another_body_is_caught() -> None:
    header = render_plan(full_plan()).partition("\n")[0]
    other_body = render_plan(minimal_plan()).partition("\n")[2]
    assert edited_by_hand(f"{header}\n{other_body}")


def test_the_final_message_names_the_plan_path() -> None:
    message = final_message(full_plan())
    assert message.startswith("I've created a plan at `.claude/doc/password_reset/backend.md`")
    assert "read it first" in message


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"title": "no feature"},
        {"feature": "x", "changes": [{"action": "create"}]},
        {"feature": "x", "error_handling": [{"error": "E", "status": "four hundred"}]},
    ],
    ids=["not-an-object", "no-feature", "change-without-path", "status-not-a-number"],
)
def test_documents_without_the_plans_shape_are_refused(document: object) -> None:
    with pytest.raises(PlanFormatError):
        plan_from_dict(document)  # type: ignore[arg-type]
