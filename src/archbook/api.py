"""The small public facade that notebooks, scripts and the CLI use.

Each function hands a use case the adapters the composition root
(``archbook.configuration``) builds; none holds logic of its own.

>>> from archbook import api
>>> analysis = api.analyse()            # the bundled sample
>>> svg = api.layer_svg(analysis)
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from archbook import configuration
from archbook.application.layers import analysis as layers
from archbook.application.layers.analysis import Analysis
from archbook.application.ports.source_tree import Progress
from archbook.configuration import (
    anthropic_available,
    default_report_path,
    is_sample,
    resolve_repo,
    sample_path,
)
from archbook.domain.layers import LayerRules

# Importing this module loads only what ``analyse`` needs (the scanner and the layer
# analysis). The names below, and the use cases the other functions call, are imported
# on first use: this table is the one place that says where each lives, so
# ``archbook check`` never loads the facts model, drawing, tracing or planning.
_LAZY = {
    "RepoKnowledge": "archbook.application.code_facts.knowledge",
    "WhatIf": "archbook.application.layers.what_if",
    "Plan": "archbook.domain.plan",
    "PlanComparison": "archbook.domain.plan_review",
    "PlanReview": "archbook.domain.plan_review",
    "perf_findings": "archbook.application.tracing.perf_lint",
    "trace": "archbook.application.tracing.route_trace:trace_request",
    "Trace": "archbook.domain.trace",
    "BranchReview": "archbook.application.layers.branch_diff",
    "edge_imports": "archbook.application.layers.edge_imports",
    "layer_pairs": "archbook.application.layers.edge_imports",
    "PlanningSession": "archbook.application.planning.session",
    "TextSink": "archbook.application.planning.planner",
}

if TYPE_CHECKING:
    from collections.abc import Iterable

    from archbook.application.code_facts.knowledge import RepoKnowledge
    from archbook.application.layers.branch_diff import BranchReview
    from archbook.application.layers.edge_imports import edge_imports, layer_pairs
    from archbook.application.layers.what_if import WhatIf
    from archbook.application.planning.planner import TextSink
    from archbook.application.planning.session import PlanningSession
    from archbook.application.tracing.perf_lint import perf_findings
    from archbook.application.tracing.route_trace import trace_request as trace
    from archbook.domain.facts import Route, UnresolvedRoute
    from archbook.domain.plan import Plan
    from archbook.domain.plan_review import PlanComparison, PlanReview
    from archbook.domain.trace import Trace


def __getattr__(name: str) -> Any:
    """Resolve a name of ``_LAZY`` on first access (PEP 562), then keep it."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, _, attribute = _LAZY[name].partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


__all__ = [
    "Analysis",
    "RepoKnowledge",
    "WhatIf",
    "agent_files",
    "compare",
    "analyse",
    "anthropic_available",
    "default_report_path",
    "diff_dict",
    "diff_svg",
    "edge_imports",
    "export_report",
    "facts_dict",
    "features",
    "is_sample",
    "knowledge",
    "layer_pairs",
    "layer_svg",
    "module_svg",
    "perf_findings",
    "plan",
    "plan_session",
    "plan_is_foreign",
    "planning_root",
    "recent_repos",
    "remember_repo",
    "renderer_hint",
    "resolve_repo",
    "review",
    "review_branch",
    "review_svg",
    "routes",
    "routes_dicts",
    "rules_for",
    "sample_path",
    "trace",
    "trace_svg",
]


def analyse(
    path: str | None = None,
    *,
    strict: bool = False,
    cache: bool = True,
    progress: Progress | None = None,
    rules: LayerRules | None = None,
    jobs: int = 0,
) -> Analysis:
    """Scan and analyse a repository (default: the bundled sample) without importing it.

    ``strict`` also compiles every file so syntax errors anywhere skip that file.
    ``jobs`` is how many processes may walk and read a large repository (the default
    0: one per CPU; 1 never forks). Workers are forked only on Linux (and BSDs whose
    ``/proc`` reports threads), only while this process runs a single OS thread, so
    a Jupyter kernel or a threaded program reads alone. The result is the same
    whatever ``jobs`` is.
    """
    return layers.analyse(
        resolve_repo(path),
        configuration.build_scanner(strict=strict, cache=cache, jobs=jobs),
        configuration.build_rules_source(),
        progress,
        rules,
    )


def rules_for(path: str | None = None) -> LayerRules:
    """The layer rules archbook applies to a repository (its own config, or the default)."""
    return configuration.build_rules_source().rules_for(resolve_repo(path))


def layer_svg(
    analysis: Analysis,
    highlight: frozenset[str] = frozenset(),
    *,
    view: str = "rows",
    show_tests: bool = False,
) -> str:
    """The layer graph as SVG (Graphviz, or matplotlib when ``dot`` is missing): ``view``
    ``rows`` (rule order, top to bottom) or ``rings`` (the hexagon); tests hidden unless
    ``show_tests``."""
    from archbook.application.drawing import svg as drawing

    renderer = configuration.build_renderer()[0]
    return drawing.layer_svg(renderer, analysis, highlight, view=view, show_tests=show_tests)


def review_branch(
    path: str | None = None,
    base: str = "main",
    head: str | None = None,
    *,
    strict: bool = False,
    cache: bool = True,
    jobs: int = 0,
) -> BranchReview:
    """Compare the layers of ``path`` (its work tree, or ``head``) with the git ref ``base``,
    read from git objects: the checkout is never touched."""
    from archbook.application.layers.branch_diff import review_branch as review_use_case

    root = resolve_repo(path)
    scanner = configuration.build_scanner(strict=strict, cache=cache, jobs=jobs)
    rules_source = configuration.build_rules_source()
    return review_use_case(
        root,
        base,
        head,
        configuration.build_git_trees(),
        lambda folder: layers.analyse(folder, scanner, rules_source),
    )


def diff_dict(review: BranchReview) -> dict[str, Any]:
    """The JSON form of a branch review (``archbook diff --json``)."""
    from archbook.application.layers.branch_diff import diff_to_dict

    return diff_to_dict(review.diff)


def diff_svg(review: BranchReview, *, view: str = "rows") -> str:
    """The head's layer graph with the layer edges the change added drawn bold."""
    from archbook.application.drawing import svg as drawing

    return drawing.diff_svg(configuration.build_renderer()[0], review, view=view)


def module_svg(
    analysis: Analysis,
    focus: str,
    engine: str = "graphviz",
    highlight: frozenset[str] = frozenset(),
) -> str:
    """One layer's or one slice's modules as SVG, drawn by archbook or by pydeps."""
    renderer, module_view = configuration.build_renderer()[0], configuration.build_module_view()
    from archbook.application.drawing import svg as drawing

    return drawing.module_svg(renderer, module_view, analysis, focus, engine, highlight)


def renderer_hint() -> str | None:
    """A one-line hint when drawings fall back to matplotlib, else None."""
    return configuration.build_renderer()[1]


def knowledge(
    path: str | None = None, *, strict: bool = False, cache: bool = True, jobs: int = 0
) -> RepoKnowledge:
    """Analysis plus FastAPI facts (routes, wiring, ports, adapters...) of a repository;
    ``jobs`` as for ``analyse``."""
    analysed = analyse(path, strict=strict, cache=cache, jobs=jobs)
    from archbook.application.code_facts.knowledge import extract_facts

    return extract_facts(analysed, configuration.build_source_text())


def routes(
    path: str | None = None, *, strict: bool = False, cache: bool = True, jobs: int = 0
) -> tuple[tuple[Route, ...], tuple[UnresolvedRoute, ...]]:
    """The routes of a repository and the route code archbook could not resolve, without
    the other facts (``knowledge(path).facts`` holds the same two lists)."""
    analysed = analyse(path, strict=strict, cache=cache, jobs=jobs)
    from archbook.application.code_facts.knowledge import extract_routes

    return extract_routes(analysed, configuration.build_source_text())


def routes_dicts(found: Iterable[Route]) -> list[dict[str, Any]]:
    """The documented JSON form of routes (as in ``facts_dict(known)["routes"]``)."""
    from archbook.application.code_facts.knowledge import routes_to_dicts

    return routes_to_dicts(found)


def trace_svg(known: RepoKnowledge, traced: Trace) -> str:
    """The trace drawn over the layer rows it crosses."""
    from archbook.application.drawing import svg as drawing

    return drawing.trace_svg(configuration.build_renderer()[0], known, traced)


def facts_dict(known: RepoKnowledge) -> dict[str, Any]:
    """The documented JSON form of the facts (docs/facts.md)."""
    from archbook.application.code_facts.knowledge import facts_to_dict

    return facts_to_dict(known.facts)


def features(path: str | None = None) -> list[str]:
    """Features of a repository: the names of its ``.claude/sessions`` context sessions."""
    return configuration.build_claude_files().features(resolve_repo(path))


def plan_session(
    path: str | None = None,
    feature: str = "",
    *,
    planner: str = "offline",
    agent: str | None = None,
    title: str | None = None,
    describe: str | None = None,
    transcript: str | None = None,
    record: str | None = None,
    on_text: TextSink | None = None,
    known: RepoKnowledge | None = None,
    strict: bool = False,
    cache: bool = True,
    jobs: int = 0,
) -> PlanningSession:
    """A planning session for ``feature``; run its steps one by one or ``run_all()``.

    ``agent`` is a path (relative to the repo, e.g. ``.claude/agents/x.md``) of the
    agent to use; archbook's own backend architect when None. A root reached through a
    symlink is resolved once, and the write rules apply inside the real folder. The
    repository is scanned as ``knowledge`` scans it (``strict``, ``cache``, ``jobs``),
    unless ``known`` is given. The bundled sample (``path`` None) is planned on a fresh
    copy in a temporary folder (``session.root``), never in the installed package.
    """
    from archbook.application.planning.session import start_session

    root = os.path.realpath(planning_root(resolve_repo(path), None))
    return start_session(
        root,
        feature,
        lambda: known or knowledge(root, strict=strict, cache=cache, jobs=jobs),
        lambda: configuration.build_session_deps(root, planner, agent, transcript, record),
        title=title,
        describe=describe,
        on_text=on_text,
    )


def plan(
    path: str | None = None, feature: str = "", *, force: bool = False, **options: Any
) -> PlanningSession:
    """Run every planning step and write the plan; returns the finished session."""
    return plan_session(path, feature, **options).finish(force=force)


def recent_repos() -> list[str]:
    """Recently used repository folders that still exist, most recent first."""
    from archbook.application.workshop import recent_repos as recent

    return recent.recent_repos(configuration.build_recent_paths(), configuration.folder_exists)


def remember_repo(path: str) -> list[str]:
    """Put ``path`` first in the recently used list; the new list."""
    from archbook.application.workshop import recent_repos as recent

    return recent.remember_repo(configuration.build_recent_paths(), path)


def planning_root(repo: str, workdir: str | None) -> str:
    """Where planning writes for ``repo``: a fresh copy under ``workdir`` for the bundled
    sample (so the installed package is never written), the repository itself otherwise."""
    from archbook.application.workshop import planning_copies

    workspace = configuration.build_workspace()
    return planning_copies.planning_root(repo, sample_path(), workspace, workdir)


def agent_files(root: str) -> list[str]:
    """Relative paths of the repository's ``.claude/agents/*.md``."""
    return configuration.build_claude_files().agent_files(root)


def export_report(
    path: str, analysis: Analysis, layer_svg: str, decisions: str, change: WhatIf | None
) -> str:
    """Write the review report (graph, layers, violations, what-if, decisions) to ``path``;
    the absolute path written."""
    from archbook.application.workshop.review_report import (
        export_review_report,
        review_report_html,
    )

    report = review_report_html(analysis, layer_svg, decisions, change)
    return export_review_report(configuration.build_report_writer(), path, report)


def review(
    path: str | None = None, feature: str = "", *, known: RepoKnowledge | None = None
) -> PlanReview | None:
    """Review ``.claude/doc/<feature>/backend.md`` against the code and the layer rules;
    None when the feature has no plan."""
    from archbook.application.planning.review.checks import review_plan
    from archbook.domain.plan import check_feature_name

    root = resolve_repo(path)
    text = configuration.build_plan_store().read(root, check_feature_name(feature))
    if text is None:
        return None
    deps = configuration.build_review_deps(root)
    relative = f".claude/doc/{feature}/backend.md"
    session = configuration.build_claude_files().read_session(root, feature)
    return review_plan(
        text, relative, known or knowledge(root), deps.exists, deps.extract_imports, session
    )


def plan_is_foreign(path: str | None, feature: str) -> bool:
    """True when ``.claude/doc/<feature>/backend.md`` exists and is not exactly the plan
    archbook wrote (another author's, or archbook's edited by hand)."""
    from archbook.application.planning.plan_markdown import edited_by_hand
    from archbook.domain.plan import check_feature_name

    text = configuration.build_plan_store().read(resolve_repo(path), check_feature_name(feature))
    return text is not None and edited_by_hand(text)


def compare(existing: PlanReview, drafted: Plan) -> PlanComparison:
    """The plan already there and archbook's draft side by side."""
    from archbook.application.planning.review.comparison import compare_plans

    return compare_plans(existing, drafted)


def review_svg(analysis: Analysis, reviewed: PlanReview) -> str:
    """The layer graph with the edges the reviewed plan's code would add (red when they
    break a rule)."""
    from archbook.application.drawing.layer_graph import projected_drawing

    return configuration.build_renderer()[0].render_svg(projected_drawing(analysis, reviewed.edges))
