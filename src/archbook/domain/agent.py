"""An agent definition in Claude Code's format: YAML front matter, then the prompt."""

from __future__ import annotations

from dataclasses import dataclass

MODEL_ALIASES = ("opus", "sonnet", "haiku", "inherit")


@dataclass(frozen=True)
class AgentDefinition:
    """``name``, ``description``, ``tools``, ``model`` and ``color`` from the front
    matter; ``prompt`` is the body; ``source`` where it was read from."""

    name: str
    description: str
    tools: tuple[str, ...]
    model: str
    color: str
    prompt: str
    source: str
