"""Use case: review a plan archbook did not write against the code and the layer rules.

The plan is read (``reader``), then checked: files to modify that do not exist,
files to create that exist, new files in a folder whose layer does not fit what they
are, imports in its code that break the layer rules (the projection of
``plan_validation``), install commands of another package manager, advice the pinned
versions contradict, DI wiring of another idiom, code blocks that do not parse, and
stored tables changed with no migration (``schema``).
Each finding carries the plan line it comes from.
"""

from __future__ import annotations

import ast
import posixpath
import textwrap
from collections.abc import Callable
from typing import NamedTuple

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.layers.analysis import Analysis
from archbook.application.planning.offline.conventions import learn_conventions
from archbook.application.planning.plan_validation import (
    ExtractImports,
    layer_of_path,
    module_name_for,
    projected_edges,
)
from archbook.application.planning.review.advice import (
    DI_NAMES,
    version_advice,
    wiring_idiom,
)
from archbook.application.planning.review.commands import install_tool, installed_packages
from archbook.application.planning.review.paths import PathLocator, backend_prefixes
from archbook.application.planning.review.reader import read_plan
from archbook.application.planning.review.schema import migration_findings
from archbook.application.planning.scoping.mentions import says_removed
from archbook.domain.layers import (
    APPLICATION,
    DOMAIN,
    INFRASTRUCTURE,
    PORTS,
    PRESENTATION,
    TESTS,
    UNCLASSIFIED,
)
from archbook.domain.plan import CREATE, DELETE, FileChange
from archbook.domain.plan_review import (
    ERROR,
    FROM_WORDING,
    WARNING,
    PlanEdge,
    PlannedFile,
    PlanReview,
    ReadPlan,
    ReviewFinding,
)
from archbook.domain.project import PACKAGE_PLACEHOLDER, PIP, ProjectFacts

# Libraries whose import makes a module an adapter to the outside world.
ADAPTER_LIBRARIES = frozenset(
    {
        "motor",
        "pymongo",
        "beanie",
        "odmantic",
        "sqlalchemy",
        "sqlmodel",
        "asyncpg",
        "psycopg",
        "psycopg2",
        "redis",
        "aioredis",
        "httpx",
        "aiohttp",
        "requests",
        "boto3",
        "aiobotocore",
        "smtplib",
        "aiosmtplib",
        "elasticsearch",
        "aio_pika",
        "kafka",
        "aiokafka",
        "stripe",
    }
)
ROUTER_WORDS = frozenset({"router", "routers", "routes", "endpoints", "controller", "controllers"})
# Layers an adapter must never sit in (the inner ones).
INNER_LAYERS = frozenset({DOMAIN, PORTS, APPLICATION})
# The package manager an install or run command speaks for.
COMMAND_MANAGERS = {
    "pip install": PIP,
    "pip3 install": PIP,
    "python -m pip install": PIP,
    "python3 -m pip install": PIP,
    "uv pip install": PIP,
    "uv add": "uv",
    "poetry add": "poetry",
    "pdm add": "pdm",
    "pipenv install": "pipenv",
    "conda install": "conda",
}
PIP_FAMILY = frozenset({PIP, "setuptools", "flit", "hatch"})


class ReviewDeps(NamedTuple):
    """What a review needs from outside: whether a repo path exists, and imports of code."""

    exists: Callable[[str], bool]
    extract_imports: ExtractImports


def review_plan(
    text: str,
    path: str,
    known: RepoKnowledge,
    exists: Callable[[str], bool],
    extract_imports: ExtractImports,
    session: str | None = None,
) -> PlanReview:
    """Read ``text`` (the plan at ``path``) and review it against the repository, and
    against the feature's context ``session`` when there is one."""
    analysis = known.analysis
    prefixes = backend_prefixes(analysis.scan.source_roots, analysis.scan.module_paths)
    plan = read_plan(text, PathLocator(exists, prefixes), path)
    layers = {f.path: _file_layer(analysis, f.path) for f in plan.files if f.path.endswith(".py")}
    findings = _tree_findings(plan, analysis, layers, extract_imports)
    if session is not None:
        findings += _unasked_deletions(plan, session, prefixes)
    edges = _edges(plan, analysis, layers, extract_imports)
    findings += [
        ReviewFinding(
            ERROR,
            "layer-violation",
            f"{e.path} would import {e.target} ({e.importer_layer} → {e.target_layer}), "
            "which the layer rules forbid",
            e.line,
            e.path,
        )
        for e in edges
        if not e.allowed
    ]
    project = known.facts.project
    findings += _install_findings(plan, project) if project else []
    findings += _code_findings(plan, known)
    findings += migration_findings(plan, text, known)
    ordered = sorted(findings, key=lambda f: (f.level != ERROR, f.line, f.rule))
    return PlanReview(plan, tuple(ordered), tuple(edges), tuple(layers.items()))


def _unasked_deletions(
    plan: ReadPlan, session: str, prefixes: tuple[str, ...]
) -> list[ReviewFinding]:
    """Files the plan deletes that the session never says go: under none of the names
    it may give them (the path, the path inside the backend folder, the file name)."""
    findings = []
    for planned in plan.files:
        if planned.action != DELETE or not planned.exists:
            continue
        inside = [planned.path.removeprefix(p) for p in prefixes if planned.path.startswith(p)]
        names = {planned.path, planned.written, *inside, posixpath.basename(planned.path)}
        if not any(says_removed(session, name) for name in names if name):
            findings.append(
                ReviewFinding(
                    WARNING,
                    "unasked-delete",
                    f"{planned.path}: the context session never says this file goes",
                    planned.line,
                    planned.path,
                )
            )
    return findings


def _file_layer(analysis: Analysis, path: str) -> str:
    return layer_of_path(analysis, path)


def _tree_findings(
    plan: ReadPlan, analysis: Analysis, layers: dict[str, str], extract_imports: ExtractImports
) -> list[ReviewFinding]:
    findings = []
    for planned in plan.files:
        if planned.action != CREATE and not planned.exists:
            findings.append(
                ReviewFinding(
                    ERROR,
                    "missing-file",
                    f"{planned.path} does not exist, so it cannot be "
                    f"{'deleted' if planned.action == DELETE else 'modified'}",
                    planned.line,
                    planned.path,
                )
            )
        if planned.action == CREATE and planned.exists and planned.action_from == FROM_WORDING:
            findings.append(
                ReviewFinding(
                    ERROR,
                    "create-existing",
                    f"{planned.path} already exists; the plan should modify it",
                    planned.line,
                    planned.path,
                )
            )
        layer = layers.get(planned.path, UNCLASSIFIED)
        folders = _folder_layers(analysis, planned.path)
        misfit = _misfit(planned, layer, folders, extract_imports) if planned.is_new else None
        if misfit:
            findings.append(
                ReviewFinding(ERROR, "wrong-layer-folder", misfit, planned.line, planned.path)
            )
    return findings


def _folder_layers(analysis: Analysis, path: str) -> set[str]:
    """The layers the folders above ``path`` name (``infrastructure/adapters/services``
    names infrastructure and application)."""
    parts = path.split("/")[:-1]
    return {
        _file_layer(analysis, "/".join(parts[:end]) + ".py") for end in range(1, len(parts) + 1)
    }


def _misfit(
    planned: PlannedFile, layer: str, folders: set[str], extract_imports: ExtractImports
) -> str | None:
    """Why a new file's folder does not fit what it is, or None."""
    if layer in (UNCLASSIFIED, TESTS) or not planned.path.endswith(".py"):
        return None
    stem = planned.path.rsplit("/", 1)[-1].removesuffix(".py")
    code = "\n".join(b.text for b in planned.python_blocks)
    if (
        ROUTER_WORDS & set(stem.split("_")) or "APIRouter(" in code
    ) and PRESENTATION not in folders | {layer}:
        return f"{planned.path} is a router but its folder puts it in {layer}, not {PRESENTATION}"
    libraries = {
        s.target.split(".")[0] for s in extract_imports(code)[0] if not s.level and s.target
    }
    used = sorted(libraries & ADAPTER_LIBRARIES)
    if used and layer in INNER_LAYERS and INFRASTRUCTURE not in folders:
        return (
            f"{planned.path} is an adapter (it uses {', '.join(used)}) but its folder puts it "
            f"in {layer}; adapters belong in {INFRASTRUCTURE}"
        )
    return None


def _edges(
    plan: ReadPlan, analysis: Analysis, layers: dict[str, str], extract_imports: ExtractImports
) -> list[PlanEdge]:
    planned = {module_name_for(analysis, p): layer for p, layer in layers.items()}
    edges = []
    for planned_file in plan.files:
        for block in planned_file.python_blocks:
            change = FileChange(
                planned_file.path, planned_file.action, "", "", code_sketch=block.text
            )
            for edge in projected_edges((change,), analysis, planned, extract_imports):
                edges.append(
                    PlanEdge(
                        planned_file.path,
                        block.line + edge.statement.line,
                        edge.importer_layer,
                        edge.target,
                        edge.target_layer,
                        edge.allowed,
                    )
                )
    return edges


def _install_findings(plan: ReadPlan, project: ProjectFacts) -> list[ReviewFinding]:
    findings = []
    manager = project.package_manager
    for command in plan.commands:
        verb = install_tool(command.text)
        used = COMMAND_MANAGERS.get(verb or "") or _run_manager(command.text)
        if not used or used == manager or (used == PIP and manager in PIP_FAMILY):
            continue
        packages = " ".join(installed_packages(command.text)) or PACKAGE_PLACEHOLDER
        advice = project.add_command.replace(PACKAGE_PLACEHOLDER, packages) if verb else ""
        findings.append(
            ReviewFinding(
                WARNING,
                "package-manager",
                f"`{command.text}` uses {used}, but the repo is managed with {manager}"
                + (f": `{advice}`" if advice else ""),
                command.line,
            )
        )
    return findings


def _run_manager(command: str) -> str | None:
    first = command.split(" ", 1)[0]
    return first if first in ("poetry", "uv", "pdm", "pipenv", "hatch") else None


def _code_findings(plan: ReadPlan, known: RepoKnowledge) -> list[ReviewFinding]:
    findings = []
    repo_idiom = learn_conventions(known).di_idiom
    project = known.facts.project
    for planned in plan.files:
        for block in planned.python_blocks:
            try:
                tree = ast.parse(textwrap.dedent(block.text))
            except SyntaxError as error:
                findings.append(
                    ReviewFinding(
                        ERROR,
                        "code-does-not-parse",
                        f"the code for {planned.path} does not parse: {error.msg}",
                        block.line + (error.lineno or 1),
                        planned.path,
                    )
                )
                continue
            findings += [
                ReviewFinding(a.level, a.rule, a.message, block.line + a.line, planned.path)
                for a in (version_advice(tree, project) if project else [])
            ]
            wiring = wiring_idiom(tree)
            if wiring and wiring[0] != repo_idiom:
                findings.append(
                    ReviewFinding(
                        WARNING,
                        "di-idiom",
                        f"the code for {planned.path} wires with {DI_NAMES[wiring[0]]}; the "
                        f"repo wires with {DI_NAMES.get(repo_idiom, repo_idiom)}",
                        block.line + wiring[1],
                        planned.path,
                    )
                )
    return findings
