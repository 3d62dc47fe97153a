"""Port: an external tool's own module-level drawing of a package."""

from __future__ import annotations

from abc import ABC, abstractmethod


class ModuleView(ABC):
    """Draws the modules of the package at ``package_dir`` as SVG."""

    @abstractmethod
    def render_package(self, package_dir: str, only: tuple[str, ...] = ()) -> str:
        """SVG of the package's module graph, limited to the ``only`` module prefixes."""
