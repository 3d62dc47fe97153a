"""A plan someone else wrote, as read from its Markdown, and what a review finds in it.

Every value keeps the 1-based line of the plan it comes from, so a finding can point
a reader at the sentence or code block that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass

from archbook.domain.plan import CREATE

ERROR = "error"
WARNING = "warning"

# Where a planned file's action comes from: the plan's words, or whether the file exists.
FROM_WORDING = "wording"
FROM_TREE = "tree"


@dataclass(frozen=True)
class PlanBlock:
    """A fenced code block of the plan: its language tag, text and first line."""

    language: str
    text: str
    line: int

    @property
    def is_python(self) -> bool:
        return self.language in ("python", "py", "python3")


@dataclass(frozen=True)
class PlannedFile:
    """A file the plan creates, modifies or deletes, with the blocks that show its code.

    ``path`` is repo-relative and normalised; ``written`` the path as the plan wrote it;
    ``action_from`` says whether the wording or the file tree decided the action.
    """

    path: str
    action: str
    line: int
    written: str
    action_from: str
    section: str = ""
    exists: bool = False
    blocks: tuple[PlanBlock, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.action == CREATE

    @property
    def python_blocks(self) -> tuple[PlanBlock, ...]:
        untagged = self.path.endswith(".py")
        return tuple(b for b in self.blocks if b.is_python or (untagged and not b.language))


@dataclass(frozen=True)
class PlanCommand:
    """A shell command the plan tells people to run."""

    text: str
    line: int


@dataclass(frozen=True)
class PlanDependency:
    """A package the plan installs, and the command or manifest line that adds it."""

    name: str
    line: int
    via: str


@dataclass(frozen=True)
class ReadPlan:
    """Everything a reader extracts from a backend.md it did not write."""

    path: str
    title: str
    files: tuple[PlannedFile, ...]
    blocks: tuple[PlanBlock, ...]
    commands: tuple[PlanCommand, ...]
    dependencies: tuple[PlanDependency, ...]
    lines: int

    def file(self, path: str) -> PlannedFile | None:
        return next((f for f in self.files if f.path == path), None)


@dataclass(frozen=True)
class ReviewFinding:
    """One problem of a plan: ``error`` would break the code or the rules, ``warning``
    goes against the repository's conventions; ``line`` is where the plan says it."""

    level: str
    rule: str
    message: str
    line: int
    path: str = ""


@dataclass(frozen=True)
class PlanEdge:
    """A layer edge a plan's code would add: from a planned file to a module."""

    path: str
    line: int
    importer_layer: str
    target: str
    target_layer: str
    allowed: bool


@dataclass(frozen=True)
class PlanReview:
    """A plan as read, its findings (errors first, in plan order) and its new edges."""

    plan: ReadPlan
    findings: tuple[ReviewFinding, ...]
    edges: tuple[PlanEdge, ...]
    layers: tuple[tuple[str, str], ...] = ()

    @property
    def errors(self) -> tuple[ReviewFinding, ...]:
        return tuple(f for f in self.findings if f.level == ERROR)

    @property
    def warnings(self) -> tuple[ReviewFinding, ...]:
        return tuple(f for f in self.findings if f.level == WARNING)

    def layer_of(self, path: str) -> str:
        return dict(self.layers).get(path, "")


@dataclass(frozen=True)
class PlanComparison:
    """Two plans of one feature side by side: the files both name, the files only one
    names, and the layers each touches."""

    left: str
    right: str
    both: tuple[str, ...]
    only_left: tuple[str, ...]
    only_right: tuple[str, ...]
    left_layers: tuple[str, ...]
    right_layers: tuple[str, ...]
