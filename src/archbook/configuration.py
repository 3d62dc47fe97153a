"""The composition root: the one place that picks adapters and wires them to ports."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from archbook.adapters.rules.config_rules import ConfigFileRulesSource
from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.application.layers.scanning import Scanner
from archbook.application.ports.rules_source import RulesSource
from archbook.exceptions import ArchbookError, RepoNotFoundError

# What a scan needs is imported above; every other adapter (drawing, planning, model
# transports, workshop files) is imported by the builder that makes it, so a command
# loads only the adapters it uses and ``archbook check`` stays quick to start.
if TYPE_CHECKING:
    from archbook.adapters.recent_paths import JsonRecentPaths
    from archbook.adapters.report_writer import FileReportWriter
    from archbook.adapters.workspace import FilesystemWorkspace
    from archbook.application.planning.planner import Planner
    from archbook.application.planning.review.checks import ReviewDeps
    from archbook.application.planning.session import SessionDeps
    from archbook.application.ports.claude_files import ClaudeFiles
    from archbook.application.ports.git_trees import GitTrees
    from archbook.application.ports.module_view import ModuleView
    from archbook.application.ports.plan_store import PlanStore
    from archbook.application.ports.renderer import GraphRenderer
    from archbook.application.ports.source_text import SourceText

# The one place model ids live. Agents name an alias; ARCHBOOK_MODEL_<ALIAS>
# (e.g. ARCHBOOK_MODEL_SONNET) overrides one, ARCHBOOK_MODEL the default ("inherit").
MODEL_IDS = {
    "opus": "claude-opus-4-5",
    "sonnet": "claude-sonnet-4-5",
    "haiku": "claude-haiku-4-5",
}
DEFAULT_MODEL_ALIAS = "sonnet"

# The bundled sample backend: the default target of every command and notebook.
SAMPLE_NAME = "threads_api"
REPORT_NAME = "architecture-review.html"

GRAPHVIZ_HINT = (
    "Graphviz `dot` not found, drawing with matplotlib instead: "
    "apt-get install graphviz, brew install graphviz, or conda install graphviz"
)


def sample_path() -> str:
    """The folder of the bundled sample backend, the default target everywhere."""
    from importlib import resources  # pathlib and more: only when no folder is given

    return str(resources.files("archbook") / "samples" / SAMPLE_NAME)


def resolve_repo(path: str | None) -> str:
    """The absolute folder to analyse: ``path``, or the bundled sample when None (and
    only then: an empty path is a mistake, not a wish for the sample)."""
    if path is not None and not path.strip():
        raise RepoNotFoundError("an empty path is not a repository; give its folder, or no path")
    target = os.path.abspath(path) if path is not None else sample_path()
    if not os.path.exists(target):
        raise RepoNotFoundError(f"{target} does not exist; give the folder of a repository")
    if not os.path.isdir(target):
        raise RepoNotFoundError(f"{target} is not a folder; give the folder of a repository")
    return target


def is_sample(path: str) -> bool:
    """True for the bundled sample's own folder."""
    return os.path.normpath(os.path.abspath(path)) == os.path.normpath(sample_path())


def folder_exists(path: str) -> bool:
    return os.path.isdir(path)


def anthropic_available() -> bool:
    """True when ``ANTHROPIC_API_KEY`` is set, so the Claude planner can run."""
    return bool(os.environ.get("ANTHROPIC_API_KEY"))


def default_report_path(workdir: str | None = None) -> str:
    """``<workdir>/architecture-review.html``; a new temporary folder when None."""
    import tempfile

    return os.path.join(workdir or tempfile.mkdtemp(prefix="archbook-report-"), REPORT_NAME)


def build_scanner(strict: bool = False, cache: bool = True, jobs: int = 0) -> Scanner:
    """A scanner that keeps snapshots in the user's cache folder unless ``cache`` is off
    (or ``ARCHBOOK_NO_CACHE`` is set), reading files in up to ``jobs`` processes (0: one
    per CPU, where forking is safe; see ``FilesystemSourceTreeReader``)."""
    snapshots = None
    if cache and not os.environ.get("ARCHBOOK_NO_CACHE"):
        from archbook.adapters.scanning.scan_snapshots import MarshalScanSnapshots

        snapshots = MarshalScanSnapshots()
    variant = "strict" if strict else ""
    reader = FilesystemSourceTreeReader(check_syntax=strict, jobs=jobs)
    return Scanner(reader, snapshots, variant)


def build_git_trees() -> GitTrees:
    """Commit trees read from git objects, kept in the user's cache folder."""
    from archbook.adapters.git_trees import GitCliTrees

    return GitCliTrees()


def build_rules_source() -> RulesSource:
    return ConfigFileRulesSource()


def build_renderer() -> tuple[GraphRenderer, str | None]:
    """Graphviz when ``dot`` is installed; otherwise matplotlib and a hint to show."""
    from archbook.adapters.drawing.graphviz_renderer import GraphvizRenderer, dot_available
    from archbook.adapters.drawing.matplotlib_renderer import MatplotlibRenderer

    if dot_available():
        return GraphvizRenderer(), None
    return MatplotlibRenderer(), GRAPHVIZ_HINT


def build_module_view() -> ModuleView:
    from archbook.adapters.drawing.pydeps_view import PydepsModuleView

    return PydepsModuleView()


def build_source_text() -> SourceText:
    from archbook.adapters.filesystem_source_text import FilesystemSourceText

    return FilesystemSourceText()


def model_ids() -> dict[str, str]:
    """Model ids by alias, with environment overrides applied; ``inherit`` included."""
    ids = {
        alias: os.environ.get(f"ARCHBOOK_MODEL_{alias.upper()}", model)
        for alias, model in MODEL_IDS.items()
    }
    ids["inherit"] = os.environ.get("ARCHBOOK_MODEL") or ids[DEFAULT_MODEL_ALIAS]
    return ids


def build_claude_files() -> ClaudeFiles:
    from archbook.adapters.claude_files import FilesystemClaudeFiles

    return FilesystemClaudeFiles()


def build_plan_store() -> PlanStore:
    from archbook.adapters.markdown_plan_store import MarkdownPlanStore
    from archbook.application.planning.plan_markdown import edited_by_hand

    return MarkdownPlanStore(edited_by_hand)


def build_planner(
    name: str = "offline", transcript: str | None = None, record: str | None = None
) -> Planner:
    """``offline`` (default, no network), ``anthropic`` (needs ANTHROPIC_API_KEY; records
    to ``record`` when given) or ``replay`` (plays ``transcript`` back offline)."""
    from archbook.adapters.subprocess_text_search import SubprocessTextSearch
    from archbook.application.planning.llm.planner import LLMPlanner
    from archbook.application.planning.offline.planner import OfflinePlanner

    if name == "offline":
        return OfflinePlanner()
    if name == "replay":
        if not transcript:
            raise ArchbookError("the replay planner needs a transcript file (--transcript)")
        from archbook.adapters.llm.transcript_transport import ReplayTransport

        return LLMPlanner(
            ReplayTransport(transcript),
            build_source_text(),
            name="replay",
            search=SubprocessTextSearch(),
        )
    if name == "anthropic":
        if not os.environ.get("ANTHROPIC_API_KEY"):
            raise ArchbookError(
                "the anthropic planner needs ANTHROPIC_API_KEY; without a key use the offline "
                "planner (the default) or replay a transcript"
            )
        from archbook.adapters.llm.anthropic_transport import AnthropicTransport
        from archbook.adapters.llm.transcript_transport import RecordingTransport
        from archbook.application.ports.messages_transport import MessagesTransport

        transport: MessagesTransport = AnthropicTransport()
        if record:
            transport = RecordingTransport(transport, record)
        return LLMPlanner(
            transport, build_source_text(), name="anthropic", search=SubprocessTextSearch()
        )
    raise ArchbookError(f"unknown planner '{name}'; use offline, anthropic or replay")


def build_recent_paths() -> JsonRecentPaths:
    from archbook.adapters.recent_paths import JsonRecentPaths

    return JsonRecentPaths()


def build_report_writer() -> FileReportWriter:
    from archbook.adapters.report_writer import FileReportWriter

    return FileReportWriter()


def build_workspace() -> FilesystemWorkspace:
    from archbook.adapters.workspace import FilesystemWorkspace

    return FilesystemWorkspace()


def build_review_deps(root: str) -> ReviewDeps:
    """What reviewing a plan of ``root`` needs: the file tree and the import reader."""
    from archbook.adapters.scanning.python_imports import extract_imports
    from archbook.application.planning.review.checks import ReviewDeps

    return ReviewDeps(_exists_in(root), extract_imports)


def build_session_deps(
    root: str,
    planner: str = "offline",
    agent: str | None = None,
    transcript: str | None = None,
    record: str | None = None,
) -> SessionDeps:
    """What a planning session of ``root`` needs: files, store, planner, agent, model."""
    from archbook.adapters.scanning.python_imports import extract_imports
    from archbook.application.planning.agents import choose_agent, model_id
    from archbook.application.planning.session import SessionDeps

    claude_files = build_claude_files()
    chosen = choose_agent(root, agent, claude_files)
    return SessionDeps(
        claude_files=claude_files,
        plan_store=build_plan_store(),
        planner=build_planner(planner, transcript, record),
        agent=chosen,
        model=model_id(chosen.model, model_ids()),
        exists=_exists_in(root),
        extract_imports=extract_imports,
        real_path=lambda relative: build_source_text().real_path(root, relative),
    )


def _exists_in(root: str) -> Callable[[str], bool]:
    return lambda relative: os.path.lexists(os.path.join(root, relative))
