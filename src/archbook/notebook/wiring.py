"""Composition for the notebook components: the adapters behind recently used paths,
exported reports and scratch copies, wired to their use cases.

archbook classifies this module as composition (``wiring``): it is the one module of
``archbook.notebook`` that may pick adapters; the widgets import it, never an adapter.
"""

from __future__ import annotations

import os
import tempfile

from archbook import api, configuration
from archbook.adapters.recent_paths import JsonRecentPaths
from archbook.adapters.report_writer import FileReportWriter
from archbook.adapters.workspace import FilesystemWorkspace
from archbook.application import recent_repos as recent_use_case
from archbook.application.analyse import Analysis
from archbook.application.review_report import export_review_report, review_report_html
from archbook.application.what_if import WhatIf
from archbook.application.workspaces import planning_root as choose_planning_root

REPORT_NAME = "architecture-review.html"


def recent_repos() -> list[str]:
    """Recently used repository folders that still exist, most recent first."""
    return recent_use_case.recent_repos(JsonRecentPaths(), os.path.isdir)


def remember_repo(path: str) -> list[str]:
    """Put ``path`` first in the recently used list; the new list."""
    return recent_use_case.remember_repo(JsonRecentPaths(), path)


def planning_root(repo: str, workdir: str | None) -> str:
    """Where planning writes for ``repo``: a fresh copy under ``workdir`` for the bundled
    sample (so the installed package is never written), the repository itself otherwise."""
    return choose_planning_root(repo, api.sample_path(), FilesystemWorkspace(), workdir)


def is_sample(path: str) -> bool:
    """True for the bundled sample's own folder."""
    return os.path.normpath(os.path.abspath(path)) == os.path.normpath(api.sample_path())


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
    return export_review_report(FileReportWriter(), path, report)
