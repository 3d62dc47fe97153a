"""A model plans through the Messages API: a tool-use loop over read-only repository
tools, ending with one ``submit_plan`` call whose input is the Plan.

The system prompt and the repository map are marked for prompt caching; turns,
output tokens and overall time are capped; an invalid plan goes back once with the
validation findings. Transports are swappable: the Anthropic SDK, or a transcript
being recorded or replayed.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.llm.redaction import DataFence, redact
from archbook.application.planning.llm.repo_tools import (
    DEFAULT_TOOL_TIME_S,
    TOOL_DEFINITIONS,
    RepoTools,
)
from archbook.application.planning.plan_schema import (
    PLAN_JSON_SCHEMA,
    PlanFormatError,
    plan_from_dict,
)
from archbook.application.planning.planner import Draft, Planner, PlanRequest, TextSink, Validator
from archbook.application.ports.messages_transport import MessagesTransport, TransportError
from archbook.application.ports.source_text import SourceText
from archbook.application.ports.text_search import TextSearch
from archbook.domain.plan import ARCHITECTURE_QUESTION, Plan
from archbook.exceptions import ArchbookError

SUBMIT_PLAN = "submit_plan"
USAGE_KEYS = (
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
)


class PlanningError(ArchbookError):
    """The model gave no usable plan within the limits, or could not be reached."""


@dataclass(frozen=True)
class LLMLimits:
    """Caps on one planning run."""

    max_turns: int = 16
    max_tokens: int = 8192
    deadline_s: float = 300.0
    tool_time_s: float = DEFAULT_TOOL_TIME_S


class LLMPlanner(Planner):
    """Plans with a model behind a ``MessagesTransport``."""

    def __init__(
        self,
        transport: MessagesTransport,
        source_text: SourceText,
        limits: LLMLimits | None = None,
        name: str = "anthropic",
        fence: DataFence | None = None,
        search: TextSearch | None = None,
    ) -> None:
        self._transport = transport
        self._search = search
        self._source_text = source_text
        self._limits = limits or LLMLimits()
        self.name = name
        self._fence = fence

    def draft(
        self,
        request: PlanRequest,
        known: RepoKnowledge,
        validate: Validator,
        on_text: TextSink | None = None,
    ) -> Draft:
        fence = self._fence or DataFence()
        tools = RepoTools(known, self._source_text, fence, self._search)
        system = _system_blocks(request, fence)
        messages: list[dict[str, Any]] = [{"role": "user", "content": _opening(request, fence)}]
        usage = dict.fromkeys(USAGE_KEYS, 0)
        log: list[str] = []
        deadline = time.monotonic() + self._limits.deadline_s
        sent_back = False
        corrected = False
        nudged = False
        for turn in range(1, self._limits.max_turns + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PlanningError(
                    f"no plan within {self._limits.deadline_s:.0f} s ({turn - 1} turns); "
                    "nothing was written"
                )
            body = {
                "model": request.model,
                "max_tokens": self._limits.max_tokens,
                "system": system,
                "tools": [*TOOL_DEFINITIONS, _submit_tool()],
                "messages": _with_rolling_cache(messages),
            }
            try:
                reply = self._transport.send(body, on_text, remaining)
            except TransportError as error:
                raise PlanningError(f"{error}; nothing was written") from error
            for key in USAGE_KEYS:
                usage[key] += int((reply.get("usage") or {}).get(key) or 0)
            content = reply.get("content") or []
            messages.append({"role": "assistant", "content": content})
            calls = [block for block in content if block.get("type") == "tool_use"]
            if not calls:
                if nudged:
                    raise PlanningError("the model stopped without calling submit_plan")
                nudged = True
                messages.append({"role": "user", "content": "Finish by calling submit_plan."})
                continue
            results = []
            for call in calls:
                name, arguments = call.get("name", ""), call.get("input")
                if name == SUBMIT_PLAN:
                    plan, problem = _candidate(arguments, request)
                    if problem and corrected:
                        raise PlanningError(
                            "the model's plan still breaks the plan schema after one "
                            f"correction ({problem}); nothing was written"
                        )
                    findings = validate(plan) if plan is not None else []
                    errors = [f for f in findings if f.level == "error"]
                    if plan is not None and (not errors or sent_back):
                        log.append(f"turn {turn}: plan submitted")
                        return Draft(plan, usage, turn, log)
                    corrected = corrected or bool(problem)
                    sent_back = sent_back or not problem
                    feedback = problem or "\n".join(f"- {f.rule}: {f.message}" for f in errors)
                    log.append(f"turn {turn}: plan sent back ({problem or len(errors)})")
                    results.append(
                        _result(
                            call,
                            f"The plan is not valid:\n{feedback}\n"
                            "Correct it and call submit_plan again.",
                            True,
                        )
                    )
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    answer, is_error = tools.run(
                        name, arguments, min(self._limits.tool_time_s, left)
                    )
                    log.append(f"turn {turn}: {name}({_short(arguments)})")
                    results.append(_result(call, answer, is_error))
            if deadline - time.monotonic() <= 0:
                raise PlanningError(
                    f"no plan within {self._limits.deadline_s:.0f} s (the time ran out during "
                    f"turn {turn}'s tool calls); nothing was written"
                )
            messages.append({"role": "user", "content": results})
        raise PlanningError(f"no plan after {self._limits.max_turns} turns; nothing was written")


def _with_rolling_cache(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The conversation with a cache breakpoint on its newest block, so each turn pays
    only for what is new (the system prompt and repo map hold the other breakpoint)."""
    if not messages:
        return messages
    last = dict(messages[-1])
    content = last["content"]
    if isinstance(content, str):
        content = [{"type": "text", "text": content}]
    if not content:
        return messages
    blocks = [dict(block) for block in content]
    blocks[-1]["cache_control"] = {"type": "ephemeral"}
    last["content"] = blocks
    return [*messages[:-1], last]


def _system_blocks(request: PlanRequest, fence: DataFence) -> list[dict[str, Any]]:
    contract = (
        f"{request.agent_prompt.strip()}\n\n"
        "How this session works: you only read. Study the repository with the tools "
        "(list_files, read_file, grep, layer_graph, route_trace, find_symbol) and then call "
        "submit_plan exactly once with the complete plan. No tool writes anything; archbook "
        f"writes the plan to .claude/doc/{request.feature}/backend.md after checking it "
        "against the real file tree and the layer rules. Paths are relative to the "
        f"repository root. {fence.rule}"
    )
    return [
        {"type": "text", "text": contract},
        {
            "type": "text",
            "text": fence.wrap("repository map", redact(request.repo_map)),
            "cache_control": {"type": "ephemeral"},
        },
    ]


def _opening(request: PlanRequest, fence: DataFence) -> str:
    return (
        f"Plan the backend work for feature `{request.feature}` ({request.title}). "
        f"You have read its context session `{request.context_path}`:\n"
        f"{fence.wrap(request.context_path, redact(request.context_text))}\n"
        "Files most related to it, best first: "
        f"{', '.join(request.ranked_files[:15]) or 'see the map'}." + _scope_note(request, fence)
    )


def _scope_note(request: PlanRequest, fence: DataFence) -> str:
    """The derived (or corrected) scope, offered as a starting point to correct."""
    if request.scope is None:
        return ""
    lines = "\n".join(request.scope.lines())
    return (
        "\nA scope derived from the session and the code (kinds of change, resources and "
        "files touched, new ones, external systems); a starting point — correct it where "
        f"the code says otherwise:\n{fence.wrap('derived scope', redact(lines))}"
    )


def _submit_tool() -> dict[str, Any]:
    return {
        "name": SUBMIT_PLAN,
        "description": "Submit the finished implementation plan (once).",
        "input_schema": PLAN_JSON_SCHEMA,
    }


def _candidate(arguments: Any, request: PlanRequest) -> tuple[Plan | None, str]:
    """The plan in a ``submit_plan`` call, or what breaks the plan schema, said precisely
    (archbook itself sets the feature, a missing title and the context path)."""
    if not isinstance(arguments, dict):
        return None, "submit_plan takes the plan as a JSON object"
    data = dict(arguments)
    data["feature"] = request.feature
    data.setdefault("title", request.title)
    problems = schema_problems(data)
    if problems:
        return None, "the plan breaks the submit_plan schema:\n" + "\n".join(problems)
    data["context_path"] = request.context_path
    try:
        plan = plan_from_dict(data)
    except PlanFormatError as error:
        return None, str(error)
    if not plan.changes and plan.kind != ARCHITECTURE_QUESTION:
        return None, "the plan names no file to create, modify or delete"
    return plan, ""


def schema_problems(data: dict[str, Any]) -> list[str]:
    """Each way ``data`` breaks ``PLAN_JSON_SCHEMA`` (required fields, types, enums), one
    line each naming where (an empty ``changes`` list is ``_candidate``'s own check)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(PLAN_JSON_SCHEMA)
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "plan"
        problems.append(f"- {where}: {error.message}")
    return problems


def _result(call: dict[str, Any], text: str, is_error: bool) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "tool_result",
        "tool_use_id": call.get("id", ""),
        "content": text,
    }
    if is_error:
        block["is_error"] = True
    return block


def _short(arguments: dict[str, Any]) -> str:
    text = json.dumps(arguments, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
