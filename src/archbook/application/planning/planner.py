"""The planner port: turn a feature's request into a draft Plan.

It lives beside the use cases rather than in ``ports/`` because its input is the
application's own knowledge of the repository (facts, survey), not a domain value.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.scoping.scope import Scope
from archbook.domain.plan import Finding, Plan

TextSink = Callable[[str], None]
Validator = Callable[[Plan], list[Finding]]


@dataclass(frozen=True)
class PlanRequest:
    """What a planner gets: the feature, its context session, the agent and a repo map."""

    feature: str
    context: ContextSession
    agent_name: str
    agent_prompt: str
    model: str
    repo_map: str
    ranked_files: tuple[str, ...] = ()
    scope: Scope | None = None
    exists: Callable[[str], bool] = field(default=lambda _path: False, compare=False)

    @property
    def title(self) -> str:
        return self.context.title

    @property
    def context_path(self) -> str:
        return self.context.path

    @property
    def context_text(self) -> str:
        """The session as written: a model weighs what it leaves out too."""
        return self.context.written or self.context.text


@dataclass
class Draft:
    """A planner's result: the plan, token usage, turns taken and what happened."""

    plan: Plan
    usage: dict[str, int] = field(default_factory=dict)
    turns: int = 0
    log: list[str] = field(default_factory=list)


class Planner(ABC):
    """Drafts plans; ``name`` is what the CLI and notebooks call it."""

    name: str = "planner"

    @abstractmethod
    def draft(
        self,
        request: PlanRequest,
        known: RepoKnowledge,
        validate: Validator,
        on_text: TextSink | None = None,
    ) -> Draft:
        """A plan for ``request``; ``validate`` checks a candidate against the repo."""
