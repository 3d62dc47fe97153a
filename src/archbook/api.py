"""The small public facade that notebooks, scripts and the CLI use.

>>> from archbook import api
>>> analysis = api.analyse()            # the bundled sample
>>> svg = api.layer_svg(analysis)
"""

from __future__ import annotations

import os
import tempfile
from importlib import resources
from typing import Any

from archbook import configuration
from archbook.adapters.python_imports import extract_imports
from archbook.application import recent_repos as recent_use_case
from archbook.application.agents import default_agent, model_id, parse_agent
from archbook.application.analyse import Analysis, analyse_scan
from archbook.application.code_model import FunctionModel
from archbook.application.drawings import layer_drawing, module_drawing
from archbook.application.facts import RepoKnowledge, extract_facts, facts_to_dict
from archbook.application.perf_lint import lint_functions, lint_trace
from archbook.application.planner import TextSink
from archbook.application.planning_session import (
    InvalidFeatureError,
    PlanningSession,
    SessionDeps,
)
from archbook.application.ports.claude_files import ClaudeFiles
from archbook.application.ports.source_tree import Progress
from archbook.application.review_report import export_review_report, review_report_html
from archbook.application.trace_drawing import trace_drawing
from archbook.application.tracing import trace_route
from archbook.application.what_if import WhatIf
from archbook.application.workspaces import planning_root as choose_planning_root
from archbook.domain.agent import AgentDefinition
from archbook.domain.layers import LayerRules
from archbook.domain.plan import FeatureNameError, check_feature_name
from archbook.domain.trace import PerfFinding, Trace
from archbook.exceptions import ArchbookError, RenderError, RepoNotFoundError

SAMPLE_NAME = "threads_api"


def sample_path() -> str:
    """The folder of the bundled sample backend, the default target everywhere."""
    return str(resources.files("archbook") / "samples" / SAMPLE_NAME)


def resolve_repo(path: str | None) -> str:
    """The absolute folder to analyse: ``path``, or the bundled sample when None."""
    target = os.path.abspath(path) if path else sample_path()
    if not os.path.exists(target):
        raise RepoNotFoundError(f"{target} does not exist; give the folder of a repository")
    if not os.path.isdir(target):
        raise RepoNotFoundError(f"{target} is not a folder; give the folder of a repository")
    return target


def analyse(
    path: str | None = None,
    *,
    strict: bool = False,
    cache: bool = True,
    progress: Progress | None = None,
    rules: LayerRules | None = None,
) -> Analysis:
    """Scan and analyse a repository (default: the bundled sample) without importing it.

    ``strict`` also compiles every file so syntax errors anywhere skip that file.
    """
    root = resolve_repo(path)
    rules = rules or configuration.build_rules_source().rules_for(root)
    scanner = configuration.build_scanner(strict=strict, cache=cache)
    return analyse_scan(scanner.scan(root, rules.exclude, progress), rules)


def rules_for(path: str | None = None) -> LayerRules:
    """The layer rules archbook applies to a repository (its own config, or the default)."""
    return configuration.build_rules_source().rules_for(resolve_repo(path))


def layer_svg(analysis: Analysis, highlight: frozenset[str] = frozenset()) -> str:
    """The layer graph as SVG (Graphviz, or matplotlib when ``dot`` is missing)."""
    renderer, _ = configuration.build_renderer()
    return renderer.render_svg(layer_drawing(analysis, highlight))


def module_svg(
    analysis: Analysis,
    focus: str,
    engine: str = "graphviz",
    highlight: frozenset[str] = frozenset(),
) -> str:
    """One layer's or one slice's modules as SVG, drawn by archbook or by pydeps."""
    if engine == "pydeps":
        package_dir, only = _pydeps_target(analysis, focus)
        return configuration.build_module_view().render_package(package_dir, only)
    if engine != "graphviz":
        raise RenderError(f"unknown engine '{engine}'; use graphviz or pydeps")
    renderer, _ = configuration.build_renderer()
    return renderer.render_svg(module_drawing(analysis, focus, highlight))


def renderer_hint() -> str | None:
    """A one-line hint when drawings fall back to matplotlib, else None."""
    return configuration.build_renderer()[1]


def _pydeps_target(analysis: Analysis, focus: str | None) -> tuple[str, tuple[str, ...]]:
    """The top-level package holding most modules, and pydeps ``--only`` prefixes."""
    packages = [m for m in analysis.scan.modules if m.is_package and "." not in m.name]
    if not packages:
        raise RenderError("pydeps draws a package: this repository has no top-level package")
    sizes = {
        p.name: sum(1 for m in analysis.scan.modules if m.name.startswith(p.name + "."))
        for p in packages
    }
    top = max(packages, key=lambda p: (sizes[p.name], p.name))
    package_dir = os.path.join(analysis.scan.root, os.path.dirname(top.path))
    if not focus:
        return package_dir, ()
    if focus in analysis.layer_counts():
        members = tuple(m for m in analysis.modules_in(focus) if m.startswith(top.name))
        if not members:
            raise RenderError(f"layer '{focus}' has no modules in package {top.name}")
        return package_dir, members
    return package_dir, (focus,)


def knowledge(
    path: str | None = None, *, strict: bool = False, cache: bool = True
) -> RepoKnowledge:
    """Analysis plus FastAPI facts (routes, wiring, ports, adapters...) of a repository."""
    return extract_facts(
        analyse(path, strict=strict, cache=cache), configuration.build_source_text()
    )


def trace(known: RepoKnowledge, route: str) -> Trace:
    """The request path of ``route`` (``"GET /api/threads"``) through the layers."""
    return trace_route(known.model, known.facts, known.layers, route)


def perf_findings(known: RepoKnowledge, route: str | None = None) -> list[PerfFinding]:
    """Performance findings along one route's trace, or in every service and adapter."""
    if route is not None:
        return lint_trace(known.model, trace(known, route))
    functions: list[FunctionModel] = []
    names = {s.qualname for s in known.facts.services} | {a.qualname for a in known.facts.adapters}
    for qualname in sorted(names):
        klass = known.model.classes.get(qualname)
        if klass is not None:
            functions.extend(klass.methods.values())
    return lint_functions(known.model, functions)


def trace_svg(known: RepoKnowledge, traced: Trace) -> str:
    """The trace drawn over the layer rows it crosses."""
    renderer, _ = configuration.build_renderer()
    return renderer.render_svg(trace_drawing(known.analysis, traced))


def facts_dict(known: RepoKnowledge) -> dict[str, Any]:
    """The documented JSON form of the facts (docs/facts.md)."""
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
) -> PlanningSession:
    """A planning session for ``feature``; run its steps one by one or ``run_all()``.

    ``agent`` is a path (relative to the repo, e.g. ``.claude/agents/x.md``) of the
    agent to use; archbook's own backend architect when None.
    """
    root = resolve_repo(path)
    try:  # before anything slow: a bad name is refused at once, with nothing scanned
        check_feature_name(feature)
    except FeatureNameError as error:
        raise InvalidFeatureError(str(error)) from error
    claude_files = configuration.build_claude_files()
    chosen = _agent(root, agent, claude_files)
    deps = SessionDeps(
        claude_files=claude_files,
        plan_store=configuration.build_plan_store(),
        planner=configuration.build_planner(planner, transcript, record),
        agent=chosen,
        model=model_id(chosen.model, configuration.model_ids()),
        exists=lambda relative: os.path.lexists(os.path.join(root, relative)),
        extract_imports=extract_imports,
    )
    return PlanningSession(
        root,
        feature,
        known or knowledge(root),
        deps,
        title=title,
        describe=describe,
        on_text=on_text,
    )


def plan(
    path: str | None = None, feature: str = "", *, force: bool = False, **options: Any
) -> PlanningSession:
    """Run every planning step and write the plan; returns the finished session."""
    session = plan_session(path, feature, **options)
    session.run_all(force=force)
    return session


def _agent(root: str, agent: str | None, claude_files: ClaudeFiles) -> AgentDefinition:
    if not agent:
        return default_agent()
    text = claude_files.read_file(root, agent)
    if text is None:
        available = ", ".join(claude_files.agent_files(root)) or "none"
        raise ArchbookError(f"agent {agent} not found under .claude/agents (found: {available})")
    return parse_agent(text, agent)


# Notebook services: recently used repositories, planning copies, review reports.

REPORT_NAME = "architecture-review.html"


def recent_repos() -> list[str]:
    """Recently used repository folders that still exist, most recent first."""
    return recent_use_case.recent_repos(configuration.build_recent_paths(), os.path.isdir)


def remember_repo(path: str) -> list[str]:
    """Put ``path`` first in the recently used list; the new list."""
    return recent_use_case.remember_repo(configuration.build_recent_paths(), path)


def planning_root(repo: str, workdir: str | None) -> str:
    """Where planning writes for ``repo``: a fresh copy under ``workdir`` for the bundled
    sample (so the installed package is never written), the repository itself otherwise."""
    return choose_planning_root(repo, sample_path(), configuration.build_workspace(), workdir)


def is_sample(path: str) -> bool:
    """True for the bundled sample's own folder."""
    return os.path.normpath(os.path.abspath(path)) == os.path.normpath(sample_path())


def agent_files(root: str) -> list[str]:
    """Relative paths of the repository's ``.claude/agents/*.md``."""
    return configuration.build_claude_files().agent_files(root)


def anthropic_available() -> bool:
    """True when ``ANTHROPIC_API_KEY`` is set, so the Claude planner can run."""
    return bool(os.environ.get("ANTHROPIC_API_KEY"))


def default_report_path(workdir: str | None = None) -> str:
    """``<workdir>/architecture-review.html``; a new temporary folder when None."""
    return os.path.join(workdir or tempfile.mkdtemp(prefix="archbook-report-"), REPORT_NAME)


def export_report(
    path: str, analysis: Analysis, layer_svg: str, decisions: str, change: WhatIf | None
) -> str:
    """Write the review report (graph, layers, violations, what-if, decisions) to ``path``;
    the absolute path written."""
    report = review_report_html(analysis, layer_svg, decisions, change)
    return export_review_report(configuration.build_report_writer(), path, report)
