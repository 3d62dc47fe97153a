"""The Plan as JSON: to and from plain dicts, and the JSON Schema a model fills in
through the ``submit_plan`` tool."""

from __future__ import annotations

import dataclasses
from typing import Any

from archbook.domain.plan import (
    ACTIONS,
    PLAN_KINDS,
    Dependency,
    ErrorMapping,
    FileChange,
    Finding,
    Plan,
    TestCase,
)


class PlanFormatError(ValueError):
    """A plan document that does not have the Plan's shape."""


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return dataclasses.asdict(plan)


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """A Plan from a dict (a model's ``submit_plan`` input or a stored document)."""
    if not isinstance(data, dict):
        raise PlanFormatError("a plan must be a JSON object")
    try:
        changes = tuple(
            FileChange(
                path=str(c["path"]),
                action=str(c["action"]),
                layer=str(c.get("layer", "")),
                purpose=str(c.get("purpose", "")),
                details=_strings(c.get("details", ())),
                code_sketch=str(c.get("code_sketch", "")),
                where=str(c.get("where", "")),
            )
            for c in data.get("changes", ())
        )
        return Plan(
            feature=str(data["feature"]),
            title=str(data.get("title", data["feature"])),
            kind=str(data.get("kind", PLAN_KINDS[0])),
            summary=str(data.get("summary", "")),
            context_path=str(data.get("context_path", "")),
            context_digest=_strings(data.get("context_digest", ())),
            approach=str(data.get("approach", "")),
            rationale=_strings(data.get("rationale", ())),
            layers_changed=_strings(data.get("layers_changed", ())),
            changes=changes,
            di_wiring=_strings(data.get("di_wiring", ())),
            dependencies=tuple(
                Dependency(
                    str(d["name"]),
                    str(d.get("reason", "")),
                    str(d.get("command", "")),
                    bool(d.get("dev", False)),
                )
                for d in data.get("dependencies", ())
            ),
            install_command=str(data.get("install_command", "")),
            tests=tuple(
                TestCase(
                    str(t["path"]),
                    str(t.get("kind", "unit")),
                    _strings(t.get("covers", ())),
                    _strings(t.get("fakes", ())),
                )
                for t in data.get("tests", ())
            ),
            error_handling=tuple(
                ErrorMapping(str(e["error"]), int(e["status"]), str(e.get("when", "")))
                for e in data.get("error_handling", ())
            ),
            security=_strings(data.get("security", ())),
            performance=_strings(data.get("performance", ())),
            migration=_strings(data.get("migration", ())),
            notes=_strings(data.get("notes", ())),
            open_questions=_strings(data.get("open_questions", ())),
            validation=tuple(
                Finding(str(f["level"]), str(f["rule"]), str(f["message"]), str(f.get("path", "")))
                for f in data.get("validation", ())
            ),
            planner=str(data.get("planner", "")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise PlanFormatError(f"plan is missing or has a bad field: {error}") from error


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or ())


_TEXT_LIST = {"type": "array", "items": {"type": "string"}}


def _list_of(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema of a list of objects with these properties."""
    return {
        "type": "array",
        "items": {"type": "object", "required": required, "properties": properties},
    }


PLAN_JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["feature", "title", "kind", "summary", "approach", "changes", "tests"],
    "properties": {
        "feature": {"type": "string"},
        "title": {"type": "string"},
        "kind": {"type": "string", "enum": list(PLAN_KINDS)},
        "summary": {"type": "string", "description": "two or three sentences"},
        "context_digest": {**_TEXT_LIST, "description": "what the context session settled"},
        "approach": {"type": "string"},
        "rationale": _TEXT_LIST,
        "layers_changed": _TEXT_LIST,
        "changes": _list_of(
            ["path", "action", "layer", "purpose"],
            {
                "path": {"type": "string", "description": "relative to the repo root"},
                "action": {"type": "string", "enum": list(ACTIONS)},
                "layer": {"type": "string"},
                "purpose": {"type": "string"},
                "details": _TEXT_LIST,
                "code_sketch": {"type": "string"},
                "where": {"type": "string", "description": "where in the file"},
            },
        ),
        "di_wiring": _TEXT_LIST,
        "dependencies": _list_of(
            ["name", "reason", "command"],
            {
                "name": {"type": "string"},
                "reason": {"type": "string"},
                "command": {"type": "string"},
                "dev": {"type": "boolean"},
            },
        ),
        "tests": _list_of(
            ["path", "kind", "covers"],
            {
                "path": {"type": "string"},
                "kind": {"type": "string", "enum": ["unit", "api", "integration"]},
                "covers": _TEXT_LIST,
                "fakes": _TEXT_LIST,
            },
        ),
        "error_handling": _list_of(
            ["error", "status", "when"],
            {
                "error": {"type": "string"},
                "status": {"type": "integer"},
                "when": {"type": "string"},
            },
        ),
        "security": _TEXT_LIST,
        "performance": _TEXT_LIST,
        "migration": _TEXT_LIST,
        "notes": {**_TEXT_LIST, "description": "for readers whose knowledge is outdated"},
        "open_questions": _TEXT_LIST,
    },
}
