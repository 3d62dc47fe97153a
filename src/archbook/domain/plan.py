"""A feature's implementation plan, as structured values; rendered to backend.md."""

from __future__ import annotations

import re
from dataclasses import dataclass

from archbook.exceptions import InvalidFeatureError

CREATE = "create"
MODIFY = "modify"
DELETE = "delete"
ACTIONS = (CREATE, MODIFY, DELETE)

NEW_FEATURE = "new_feature"
PERFORMANCE = "performance"
ARCHITECTURE_QUESTION = "architecture_question"
PLAN_KINDS = (NEW_FEATURE, PERFORMANCE, ARCHITECTURE_QUESTION)

FEATURE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")


class FeatureNameError(InvalidFeatureError, ValueError):
    """A feature name that could escape ``.claude/`` or is not a plain name."""


def check_feature_name(name: str) -> str:
    """The name itself when it is 1-64 letters, digits, ``-`` or ``_``; else an error."""
    if not isinstance(name, str) or not FEATURE_NAME.match(name) or name in (".", ".."):
        shown = repr(name)[:80]
        raise FeatureNameError(
            f"feature name {shown} is not allowed: use 1-64 letters, digits, '-' or '_' "
            "(for example password_reset or EPIC-001-search)"
        )
    return name


@dataclass(frozen=True)
class FileChange:
    """One file the plan creates, modifies or deletes, and what goes in it."""

    path: str
    action: str
    layer: str
    purpose: str
    details: tuple[str, ...] = ()
    code_sketch: str = ""
    where: str = ""


@dataclass(frozen=True)
class Dependency:
    """A package to add, why, and the target's own command for it."""

    name: str
    reason: str
    command: str
    dev: bool = False


@dataclass(frozen=True)
class TestCase:
    """A test file to write or extend, and what it proves."""

    path: str
    kind: str
    covers: tuple[str, ...]
    fakes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErrorMapping:
    """An error the feature raises and the HTTP status it becomes."""

    error: str
    status: int
    when: str


@dataclass(frozen=True)
class Finding:
    """A validation finding: ``error`` blocks writing, ``warning`` is shown."""

    level: str
    rule: str
    message: str
    path: str = ""


@dataclass(frozen=True)
class Plan:
    """Everything a developer needs to implement a feature, and nothing implemented."""

    feature: str
    title: str
    kind: str
    summary: str
    context_path: str
    context_digest: tuple[str, ...]
    approach: str
    rationale: tuple[str, ...]
    layers_changed: tuple[str, ...]
    changes: tuple[FileChange, ...]
    di_wiring: tuple[str, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    install_command: str = ""
    tests: tuple[TestCase, ...] = ()
    error_handling: tuple[ErrorMapping, ...] = ()
    security: tuple[str, ...] = ()
    performance: tuple[str, ...] = ()
    migration: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    open_questions: tuple[str, ...] = ()
    validation: tuple[Finding, ...] = ()
    planner: str = ""

    @property
    def valid(self) -> bool:
        """No validation finding of level ``error``."""
        return not any(f.level == "error" for f in self.validation)

    def path_of(self) -> str:
        return f".claude/doc/{self.feature}/backend.md"
