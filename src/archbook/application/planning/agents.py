"""Reading agent definitions (``.claude/agents/*.md``) and choosing a model id."""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources

import yaml

from archbook.application.ports.claude_files import ClaudeFiles
from archbook.domain.agent import AgentDefinition
from archbook.exceptions import ArchbookError

FRONT_MATTER = re.compile(r"\A---\s*\n(?P<meta>.*?)\n---\s*\n?(?P<body>.*)\Z", re.S)
DEFAULT_AGENT = "backend-architect.md"
_KEY_LINE = re.compile(r"^([A-Za-z][\w-]*):\s?(.*)$")


class AgentFormatError(ArchbookError):
    """An agent file without usable front matter."""


def parse_agent(text: str, source: str) -> AgentDefinition:
    """An agent from Claude Code's format; a missing name or prompt is an error."""
    match = FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match is None:
        raise AgentFormatError(f"{source}: no '---' front matter at the top")
    meta = _front_matter(match.group("meta"))
    if not meta.get("name"):
        raise AgentFormatError(f"{source}: front matter has no 'name'")
    body = match.group("body").strip()
    if not body:
        raise AgentFormatError(f"{source}: the agent has no prompt after its front matter")
    tools = meta.get("tools", "")
    tool_list = tools if isinstance(tools, list) else str(tools or "").split(",")
    return AgentDefinition(
        name=str(meta["name"]),
        description=str(meta.get("description", "")).strip(),
        tools=tuple(t.strip() for t in tool_list if str(t).strip()),
        model=str(meta.get("model", "inherit")).strip() or "inherit",
        color=str(meta.get("color", "")),
        prompt=body,
        source=source,
    )


def _front_matter(text: str) -> dict[str, object]:
    """YAML when it is YAML; else Claude Code's lenient ``key: value`` lines (agent
    descriptions often hold unquoted colons, which YAML rejects)."""
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError:
        meta = None
    if isinstance(meta, dict):
        return meta
    lenient: dict[str, object] = {}
    key = None
    for line in text.splitlines():
        field = _KEY_LINE.match(line)
        if field is not None:
            key = field.group(1)
            lenient[key] = field.group(2).strip()
        elif key is not None and line.strip():
            lenient[key] = f"{lenient[key]} {line.strip()}".strip()
    return lenient


def default_agent() -> AgentDefinition:
    """archbook's own backend-architect agent."""
    text = (resources.files("archbook") / "agents" / DEFAULT_AGENT).read_text(encoding="utf-8")
    return parse_agent(text, f"archbook/agents/{DEFAULT_AGENT}")


def model_id(agent_model: str, models: Mapping[str, str]) -> str:
    """The model id for an agent's ``model`` field: an alias (``opus``, ``sonnet``,
    ``haiku``, ``inherit``) looked up in ``models``, or a full id used as written."""
    key = agent_model.strip().lower()
    if key in models:
        return models[key]
    if key.startswith("claude-"):
        return agent_model.strip()
    return models["inherit"]


def choose_agent(root: str, agent: str | None, claude_files: ClaudeFiles) -> AgentDefinition:
    """The agent at ``agent`` (a path under the repository's ``.claude/agents``), or
    archbook's own backend architect when None."""
    if not agent:
        return default_agent()
    text = claude_files.read_file(root, agent)
    if text is None:
        available = ", ".join(claude_files.agent_files(root)) or "none"
        raise ArchbookError(f"agent {agent} not found under .claude/agents (found: {available})")
    return parse_agent(text, agent)
