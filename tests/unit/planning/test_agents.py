"""Agent definitions in Claude Code's format: the sample's, one whose front
matter is not YAML, archbook's own; model aliases resolved through the one
configuration; bad files refused with AgentFormatError."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from archbook import api, configuration
from archbook.application.planning.agents import (
    AgentFormatError,
    default_agent,
    model_id,
    parse_agent,
)
from archbook.exceptions import ArchbookError

ASSETS = Path(__file__).resolve().parents[2] / "assets"
SAMPLE_AGENT = Path(api.sample_path()) / ".claude" / "agents" / "backend-architect.md"
LOOSE_AGENT = ASSETS / "plan_agents" / "loose-frontmatter-agent.md"
MODEL_ENV = (
    "ARCHBOOK_MODEL",
    "ARCHBOOK_MODEL_OPUS",
    "ARCHBOOK_MODEL_SONNET",
    "ARCHBOOK_MODEL_HAIKU",
)


@pytest.fixture(autouse=True)
def no_model_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in MODEL_ENV:
        monkeypatch.delenv(name, raising=False)


def test_the_samples_agent_is_read_from_its_yaml_front_matter() -> None:
    agent = parse_agent(SAMPLE_AGENT.read_text(), ".claude/agents/backend-architect.md")
    assert agent.name == "backend-architect"
    assert agent.model == "sonnet"
    assert agent.color == "blue"
    assert agent.tools == ("Read", "Grep", "Glob", "Write")
    assert agent.description.startswith("Planning-only backend architect for the Threads API")
    assert agent.prompt.startswith("You are the backend architect of the Threads API.")
    assert agent.source == ".claude/agents/backend-architect.md"


def test_an_agent_with_colons_in_its_description_is_read_leniently() -> None:
    agent = parse_agent(LOOSE_AGENT.read_text(), "loose")
    assert agent.name == "loose-frontmatter-agent"
    assert agent.model == "opus"
    assert agent.color == "red"
    assert agent.tools == ("Read", "Grep", "Glob", "Write", "mcp__docs__lookup")
    # the whole description, colons and <example> blocks included, on one field
    assert agent.description.startswith("Designs API changes for a service. Note: this line")
    assert "Context: A team wants a new endpoint" in agent.description
    assert agent.description.endswith("</example>")
    assert "## Goal" in agent.prompt
    assert "`.claude/doc/{feature_name}/backend.md`" in agent.prompt


def test_archbooks_own_agent_keeps_the_seeds_contract() -> None:
    agent = default_agent()
    prompt = " ".join(agent.prompt.split())  # the file wraps its lines
    assert agent.name == "backend-architect"
    assert agent.model == "sonnet"
    assert "Write" in agent.tools and "Bash" not in agent.tools
    read_first = prompt.index(
        "Read `.claude/sessions/context_session_{feature}.md` before anything"
    )
    write_plan = prompt.index("Write the plan to `.claude/doc/{feature}/backend.md`")
    assert read_first < write_plan
    assert "That file is the only thing you write." in prompt
    assert "You do not build anything." in prompt
    assert "Never edit, create or delete code" in prompt
    assert "`poetry add` for a poetry project, never plain pip there" in prompt
    assert "I've created a plan at `.claude/doc/{feature}/backend.md`" in prompt
    assert "Do not repeat the plan" in prompt


def test_the_default_agent_file_ships_inside_the_package() -> None:
    shipped = resources.files("archbook") / "agents" / "backend-architect.md"
    assert default_agent().prompt in shipped.read_text(encoding="utf-8")


def test_aliases_map_to_the_configured_model_ids() -> None:
    ids = configuration.model_ids()
    assert ids["opus"] == configuration.MODEL_IDS["opus"]
    assert ids["sonnet"] == configuration.MODEL_IDS["sonnet"]
    assert ids["haiku"] == configuration.MODEL_IDS["haiku"]
    assert ids["inherit"] == configuration.MODEL_IDS[configuration.DEFAULT_MODEL_ALIAS]
    assert model_id("opus", ids) == ids["opus"]
    assert model_id(" Sonnet ", ids) == ids["sonnet"]
    assert model_id("inherit", ids) == ids["inherit"]
    assert model_id("claude-3-7-sonnet-20250219", ids) == "claude-3-7-sonnet-20250219"
    # an alias nobody knows falls back to the default rather than failing mid-run
    assert model_id("gpt-4o", ids) == ids["inherit"]


def test_environment_overrides_one_alias_or_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHBOOK_MODEL_SONNET", "claude-sonnet-test")
    ids = configuration.model_ids()
    assert ids["sonnet"] == "claude-sonnet-test"
    assert ids["inherit"] == "claude-sonnet-test"  # the default alias follows its override
    assert ids["opus"] == configuration.MODEL_IDS["opus"]
    monkeypatch.setenv("ARCHBOOK_MODEL", "claude-default-test")
    ids = configuration.model_ids()
    assert ids["inherit"] == "claude-default-test"
    assert ids["sonnet"] == "claude-sonnet-test"
    assert model_id("inherit", ids) == "claude-default-test"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: x\n\nNo front matter at all.\n", "no '---' front matter"),
        ("---\nname: x\nmodel: opus\n", "no '---' front matter"),
        ("---\ndescription: nameless\n---\nA prompt.\n", "no 'name'"),
        ("---\nname: ''\n---\nA prompt.\n", "no 'name'"),
        ("---\n- a\n- list\n---\nA prompt.\n", "no 'name'"),
        ("---\nname: x\n---\n\n   \n", "no prompt"),
    ],
    ids=["no-front-matter", "unclosed", "no-name", "empty-name", "list-meta", "no-prompt"],
)
def test_bad_agent_files_are_refused(text: str, problem: str) -> None:
    with pytest.raises(AgentFormatError) as raised:
        parse_agent(text, ".claude/agents/bad.md")
    assert problem in str(raised.value)
    assert ".claude/agents/bad.md" in str(raised.value)


def test_a_byte_order_mark_does_not_hide_the_front_matter() -> None:
    agent = parse_agent("\ufeff---\nname: bom\n---\nPrompt.\n", "bom.md")
    assert agent.name == "bom"
    assert agent.model == "inherit"
    assert agent.tools == ()


def test_a_session_with_the_repos_agent_uses_it_and_its_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), repo)
    monkeypatch.setenv("ARCHBOOK_MODEL_SONNET", "claude-sonnet-pinned")
    session = api.plan_session(
        str(repo), "password_reset", agent=".claude/agents/backend-architect.md"
    )
    assert session.deps.agent.name == "backend-architect"
    assert session.deps.agent.source == ".claude/agents/backend-architect.md"
    assert session.deps.agent.prompt.startswith("You are the backend architect of the Threads API")
    assert session.deps.model == "claude-sonnet-pinned"
    default = api.plan_session(str(repo), "password_reset", known=session.known)
    assert default.deps.agent.source == "archbook/agents/backend-architect.md"


def test_an_agent_outside_claude_agents_is_not_found(tmp_path: Path) -> None:
    repo = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), repo)
    (tmp_path / "evil.md").write_text("---\nname: evil\n---\nDo harm.\n")
    for agent in ("../evil.md", "../../evil.md", ".claude/agents/missing.md"):
        with pytest.raises(ArchbookError) as raised:
            api.plan_session(str(repo), "password_reset", agent=agent)
        assert "not found under .claude/agents" in str(raised.value)
        assert ".claude/agents/backend-architect.md" in str(raised.value)
