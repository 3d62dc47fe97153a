"""The composition root: the one place that picks adapters and wires them to ports."""

from __future__ import annotations

import os

from archbook.adapters.config_rules import ConfigFileRulesSource
from archbook.adapters.filesystem_scanner import FilesystemSourceTreeReader
from archbook.adapters.filesystem_source_text import FilesystemSourceText
from archbook.adapters.graphviz_renderer import GraphvizRenderer, dot_available
from archbook.adapters.matplotlib_renderer import MatplotlibRenderer
from archbook.adapters.pydeps_view import PydepsModuleView
from archbook.adapters.scan_snapshots import MarshalScanSnapshots
from archbook.application.ports.module_view import ModuleView
from archbook.application.ports.renderer import GraphRenderer
from archbook.application.ports.rules_source import RulesSource
from archbook.application.ports.source_text import SourceText
from archbook.application.scanning import Scanner

GRAPHVIZ_HINT = (
    "Graphviz `dot` not found, drawing with matplotlib instead: "
    "apt-get install graphviz, brew install graphviz, or conda install graphviz"
)


def build_scanner(strict: bool = False, cache: bool = True) -> Scanner:
    """A scanner that keeps snapshots in the user's cache folder unless ``cache`` is off
    (or ``ARCHBOOK_NO_CACHE`` is set)."""
    use_cache = cache and not os.environ.get("ARCHBOOK_NO_CACHE")
    snapshots = MarshalScanSnapshots() if use_cache else None
    return Scanner(FilesystemSourceTreeReader(check_syntax=strict), snapshots)


def build_rules_source() -> RulesSource:
    return ConfigFileRulesSource()


def build_renderer() -> tuple[GraphRenderer, str | None]:
    """Graphviz when ``dot`` is installed; otherwise matplotlib and a hint to show."""
    if dot_available():
        return GraphvizRenderer(), None
    return MatplotlibRenderer(), GRAPHVIZ_HINT


def build_module_view() -> ModuleView:
    return PydepsModuleView()


def build_source_text() -> SourceText:
    return FilesystemSourceText()
