"""Checking a plan against the real file tree and the layer rules before it is written.

Every path stays inside the repository; a file to modify or delete exists; a file
to create does not, and lies in the folder of its declared layer; the imports its
code sketches add keep the layer rules (the projected graph gains no violation). A
file deleted though the session never says it goes is worth a second look (a
warning): a plan may not remove what the feature only changes.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import NamedTuple

from archbook.application.layers.analysis import Analysis
from archbook.application.layers.module_names import dotted_name
from archbook.domain.layers import UNCLASSIFIED, classify
from archbook.domain.plan import ACTIONS, CREATE, DELETE, FileChange, Finding, Plan
from archbook.domain.source import ImportStatement

ExtractImports = Callable[[str], tuple[tuple[ImportStatement, ...], Sequence[Exception]]]
RealPath = Callable[[str], str | None]
ERROR = "error"
WARNING = "warning"
PROTECTED_FOLDERS = (".git", ".claude")
# Modules beside a new one that must all share a layer for it to take theirs.
MIN_SIBLINGS = 2


def validate_plan(
    plan: Plan,
    analysis: Analysis,
    exists: Callable[[str], bool],
    extract_imports: ExtractImports,
    real_path: RealPath | None = None,
    removals: Collection[str] | None = None,
) -> list[Finding]:
    """Findings for ``plan``; ``exists(path)`` answers for paths relative to the repo,
    ``real_path(path)`` gives where a path really leads with every symlink resolved
    (relative to the repo; None when outside it); ``removals``, when known, are the
    files the session says go."""
    findings: list[Finding] = []
    planned: dict[str, str] = {}
    own_plan = f".claude/doc/{plan.feature}/backend.md"
    for change in plan.changes:
        path = change.path
        normalized = posixpath.normpath(path) if path else ""
        if not path or path.startswith("/") or normalized.startswith("..") or "\0" in path:
            findings.append(
                Finding(
                    ERROR,
                    "path-outside-repo",
                    f"'{path}' is not a relative path inside the repository",
                    path,
                )
            )
            continue
        real = real_path(normalized) if real_path else normalized
        if real is None:
            findings.append(
                Finding(
                    ERROR,
                    "path-outside-repo",
                    f"{path} leads outside the repository through a symlink",
                    path,
                )
            )
            continue
        if {normalized, real} != {own_plan} and _protected(normalized, real):
            findings.append(
                Finding(
                    ERROR,
                    "protected-path",
                    f"{path} lies in .git or .claude, which a plan never changes",
                    path,
                )
            )
            continue
        if change.action not in ACTIONS:
            findings.append(Finding(ERROR, "bad-action", f"unknown action '{change.action}'", path))
            continue
        present = exists(normalized)
        if change.action == CREATE and present:
            findings.append(
                Finding(
                    ERROR,
                    "create-existing",
                    f"{path} already exists; plan to modify it instead",
                    path,
                )
            )
        elif change.action != CREATE and not present:
            findings.append(
                Finding(
                    ERROR,
                    "missing-file",
                    f"{path} does not exist, so it cannot be {change.action}d",
                    path,
                )
            )
        elif change.action == DELETE and removals is not None and normalized not in removals:
            findings.append(
                Finding(
                    WARNING,
                    "unasked-delete",
                    f"{path}: the session never says this file goes; delete it only if "
                    "the feature cannot do without that",
                    path,
                )
            )
        if normalized.endswith(".py") and change.code_sketch and not parses(change.code_sketch):
            findings.append(
                Finding(
                    ERROR,
                    "sketch-syntax",
                    f"the code sketch for {path} is not valid Python",
                    path,
                )
            )
        if normalized.endswith(".py"):
            module = module_name_for(analysis, normalized)
            layer = layer_of_path(analysis, normalized)
            planned[module] = layer
            if change.action == CREATE and change.layer and layer != change.layer:
                findings.append(
                    Finding(
                        ERROR if layer != UNCLASSIFIED else WARNING,
                        "wrong-layer-folder",
                        f"{path} is declared {change.layer} but its folder makes it {layer}",
                        path,
                    )
                )
    findings += _projected_violations(plan, analysis, planned, extract_imports)
    return findings


def layer_of_path(analysis: Analysis, path: str) -> str:
    """The layer a repository path's folder puts it in (for files still to create too).
    Only modules of its own folder count as its siblings: two source roots can name
    two folders alike (``tests/unit/api/routes`` and ``src/api/routes``)."""
    if not path.endswith(".py"):
        return ""
    folder = posixpath.dirname(path)
    if posixpath.basename(path) == "__init__.py":  # a package: among its parent's
        folder = posixpath.dirname(folder)
    beside = set(analysis.scan.modules_by_folder.get(folder, ()))
    return layer_of_module(analysis, module_name_for(analysis, path), beside)


def module_name_for(analysis: Analysis, path: str) -> str:
    """The dotted module name a repository path has (or would have) in this scan."""
    folder, stem = posixpath.dirname(path), posixpath.basename(path)[:-3]
    beside = None
    for module in analysis.scan.modules:
        if module.path == path:
            return module.name
        if beside is None and not module.script and posixpath.dirname(module.path) == folder:
            beside = module
    if beside is not None:  # named as the modules of its folder are
        package = beside.name if beside.is_package else beside.name.rpartition(".")[0]
        if stem == "__init__":
            return package
        return f"{package}.{stem}" if package else stem
    roots = sorted((r for r in analysis.scan.source_roots if r != "."), key=len, reverse=True)
    root = next((r.rstrip("/") for r in roots if path.startswith(r.rstrip("/") + "/")), "")
    return dotted_name(path, root)


def parses(code: str) -> bool:
    """True when a code sketch is valid Python (an empty sketch parses)."""
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def _protected(*paths: str) -> bool:
    return any(p.split("/", 1)[0] in PROTECTED_FOLDERS for p in paths)


def layer_of_module(analysis: Analysis, module: str, in_folder: set[str] | None = None) -> str:
    """The layer a module has in the analysis; for a module still to write, the layer
    every module beside it has (two at least: ``models/like.py`` beside ORM tables that
    the analysis put in infrastructure by what they import; ``in_folder``: only those
    modules count), else the one its name gives."""
    known = analysis.classifications.get(module)
    if known:
        return known.layer
    package = module.rpartition(".")[0]
    if package:
        beside = [
            c.layer
            for name, c in analysis.classifications.items()
            if name.rpartition(".")[0] == package and (in_folder is None or name in in_folder)
        ]
        if len(beside) >= MIN_SIBLINGS and len(set(beside)) == 1:
            return beside[0]
    return classify(module, analysis.rules).layer


def _projected_violations(
    plan: Plan, analysis: Analysis, planned: dict[str, str], extract_imports: ExtractImports
) -> list[Finding]:
    return [
        Finding(
            ERROR,
            "layer-violation",
            f"{edge.change.path} would import {edge.target} ({edge.importer_layer} → "
            f"{edge.target_layer}), which the layer rules forbid",
            edge.change.path,
        )
        for edge in projected_edges(plan.changes, analysis, planned, extract_imports)
        if not edge.allowed
    ]


class ProjectedEdge(NamedTuple):
    """An import a planned file's code would add, between the layers it would join."""

    change: FileChange
    statement: ImportStatement
    target: str
    importer_layer: str
    target_layer: str
    allowed: bool


def projected_edges(
    changes: Iterable[FileChange],
    analysis: Analysis,
    planned: dict[str, str],
    extract_imports: ExtractImports,
) -> list[ProjectedEdge]:
    """The imports the code sketches of ``changes`` add to the repository's modules (or
    to ``planned`` ones: module → layer), each with whether the layer rules allow it."""
    edges = []
    known = set(analysis.classifications) | set(planned)
    for change in changes:
        if not change.code_sketch or not change.path.endswith(".py"):
            continue
        importer = module_name_for(analysis, posixpath.normpath(change.path))
        importer_layer = planned.get(importer) or layer_of_module(analysis, importer)
        statements, _ = extract_imports(change.code_sketch)
        for statement in statements:
            if statement.level:
                continue
            for target in _targets(statement, known):
                target_layer = planned.get(target) or layer_of_module(analysis, target)
                allowed = analysis.rules.allows(importer_layer, target_layer)
                edges.append(
                    ProjectedEdge(change, statement, target, importer_layer, target_layer, allowed)
                )
    return edges


def _targets(statement: ImportStatement, known: set[str]) -> list[str]:
    base = statement.target
    if statement.names:
        found = [f"{base}.{n}" for n in statement.names if f"{base}.{n}" in known]
        if found:
            return found
    parts = base.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return [candidate]
    return []
