"""What reaches the model, through the real anthropic SDK and the loopback fake Messages
API: short secrets and secrets in the context session are redacted, a ``.env`` read
through a symlink or a file outside the repository is refused, a catastrophic regex
cannot hold the run past its bounds, a ``submit_plan`` that breaks the schema gets one
precise correction, and a tool argument of the wrong type goes back as a tool error."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from fakes.messages_api import FakeMessagesAPI, reply, text, tool_use
from test_llm_planner import (
    FEATURE,
    anthropic,
    draft,
    paths_must_exist,
    plan_input,
    plan_request,
    submit,
    tool_results,
)

from archbook import api
from archbook.adapters.filesystem_source_text import FilesystemSourceText
from archbook.adapters.subprocess_text_search import SubprocessTextSearch
from archbook.application.planning.llm.planner import LLMLimits, LLMPlanner, PlanningError

SHORT_SECRET = "hunter2"
CONTEXT_SECRET = "Blue-Heron-42"
ENV_SECRET = "env-secret-Zq7-value"
OUTSIDE_SECRET = "outside-the-repo-Kp3"
SETTINGS = "src/infrastructure/db_settings.py"
ENV_LINK = "src/infrastructure/env_settings.py"
OUTSIDE_LINK = "src/infrastructure/shared_config.py"
EVIL_PATTERN = "(a+)+$"
EVIL_LINE_LENGTH = 40
TOOL_LIMIT_S = 2.0


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(api.sample_path(), repo, ignore=shutil.ignore_patterns("__pycache__"))
    (repo / SETTINGS).write_text(
        f'DB_PASSWORD = "{SHORT_SECRET}"\nAPI_TOKEN: str = "{SHORT_SECRET}"\n'
        f"TIMEOUT = 30\n# evil\nLINE = '{'a' * EVIL_LINE_LENGTH}b'\n",
        encoding="utf-8",
    )
    (repo / ".env").write_text(f"DATABASE_PASSWORD={ENV_SECRET}\n", encoding="utf-8")
    os.symlink("../../.env", repo / ENV_LINK)
    outside = tmp_path / "elsewhere.py"
    outside.write_text(f'TOKEN_NOTE = "{OUTSIDE_SECRET}"\n', encoding="utf-8")
    os.symlink(outside, repo / OUTSIDE_LINK)
    context = repo / f".claude/sessions/context_session_{FEATURE}.md"
    context.write_text(
        context.read_text(encoding="utf-8")
        + f"\n## Notes\n\n- The staging admin password is {CONTEXT_SECRET} (plain text).\n"
        + f"- password: {CONTEXT_SECRET}\n",
        encoding="utf-8",
    )
    return repo


def everything_sent(fake: FakeMessagesAPI) -> str:
    return "\n".join(request.raw for request in fake.requests)


def test_short_secrets_secret_files_behind_links_and_outside_files_never_reach_the_model(
    planted: Path,
) -> None:
    known = api.knowledge(str(planted), cache=False)
    script = [
        reply(
            text("Reading settings."),
            tool_use("read_file", {"path": SETTINGS}),
            tool_use("read_file", {"path": ENV_LINK}),
            tool_use("read_file", {"path": OUTSIDE_LINK}),
            tool_use("grep", {"pattern": "PASSWORD|TOKEN"}),
            tool_use("list_files", {"folder": "src/infrastructure"}),
        ),
        submit(),
    ]
    with FakeMessagesAPI(script) as fake:
        draft(known, anthropic(fake))

    sent = everything_sent(fake)
    for secret in (SHORT_SECRET, CONTEXT_SECRET, ENV_SECRET, OUTSIDE_SECRET):
        assert secret not in sent, secret
    settings, env_link, outside, grep, listing = tool_results(fake.bodies[1])
    assert "DB_PASSWORD" in settings["content"] and "[REDACTED]" in settings["content"]
    assert env_link["is_error"] is True and "never read" in env_link["content"]
    assert outside["is_error"] is True and "outside the repository" in outside["content"]
    assert ENV_LINK not in grep["content"] and OUTSIDE_LINK not in grep["content"]
    assert ENV_LINK not in listing["content"] and OUTSIDE_LINK not in listing["content"]


def test_a_catastrophic_regex_is_cut_off_and_the_run_goes_on(planted: Path) -> None:
    known = api.knowledge(str(planted), cache=False)
    limits = LLMLimits(deadline_s=60, tool_time_s=TOOL_LIMIT_S)
    script = [reply(tool_use("grep", {"pattern": EVIL_PATTERN})), submit()]
    with FakeMessagesAPI(script) as fake:
        planner = LLMPlanner(
            anthropic(fake), FilesystemSourceText(), limits, search=SubprocessTextSearch()
        )
        started = time.monotonic()
        result = planner.draft(plan_request(known), known, paths_must_exist(str(planted)), None)
        took = time.monotonic() - started
    assert took < 30  # loose: the search was stopped, not run for minutes
    (answer,) = tool_results(fake.bodies[1])
    assert answer["is_error"] is True and "took more than" in answer["content"]
    assert result.plan.summary == plan_input()["summary"]


def test_the_overall_deadline_holds_while_a_tool_runs(planted: Path) -> None:
    known = api.knowledge(str(planted), cache=False)
    limits = LLMLimits(deadline_s=TOOL_LIMIT_S, tool_time_s=60)
    script = [reply(tool_use("grep", {"pattern": EVIL_PATTERN})), submit()]
    with FakeMessagesAPI(script) as fake:
        planner = LLMPlanner(
            anthropic(fake), FilesystemSourceText(), limits, search=SubprocessTextSearch()
        )
        started = time.monotonic()
        with pytest.raises(PlanningError, match="nothing was written"):
            planner.draft(plan_request(known), known, paths_must_exist(str(planted)), None)
        took = time.monotonic() - started
    assert took < 30
    assert len(fake.requests) == 1


def test_a_submit_plan_without_the_required_fields_gets_one_precise_correction(
    planted: Path,
) -> None:
    known = api.knowledge(str(planted), cache=False)
    with FakeMessagesAPI([submit({"nonsense": True}), submit()]) as fake:
        result = draft(known, anthropic(fake))
    (correction,) = tool_results(fake.bodies[1])
    assert correction["is_error"] is True
    for field in ("summary", "approach", "changes", "tests"):
        assert f"'{field}'" in correction["content"]
    assert result.plan.summary == plan_input()["summary"]

    empty = {**plan_input(), "changes": []}
    with (
        FakeMessagesAPI([submit({"nonsense": True}), submit(empty)]) as fake,
        pytest.raises(PlanningError, match="schema"),
    ):
        draft(known, anthropic(fake))
    (correction,) = tool_results(fake.bodies[1])
    assert "changes" in correction["content"]


def test_a_tool_argument_of_the_wrong_type_goes_back_as_a_tool_error(planted: Path) -> None:
    known = api.knowledge(str(planted), cache=False)
    script = [
        reply(
            tool_use("read_file", {"path": SETTINGS, "start_line": "abc"}),
            tool_use("read_file", {"path": ["a", "b"]}),
            tool_use("grep", {"pattern": 5}),
            tool_use("list_files", {"folder": {"x": 1}}),
        ),
        submit(),
    ]
    with FakeMessagesAPI(script) as fake:
        result = draft(known, anthropic(fake))
    answers = tool_results(fake.bodies[1])
    assert [a.get("is_error") for a in answers] == [True] * 4
    assert "start_line" in answers[0]["content"] and "integer" in answers[0]["content"]
    assert "path" in answers[1]["content"] and "string" in answers[1]["content"]
    assert json.dumps(result.plan.summary)
