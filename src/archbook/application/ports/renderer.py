"""Port: turn a drawing into SVG text."""

from __future__ import annotations

from abc import ABC, abstractmethod

from archbook.domain.drawing import Drawing


class GraphRenderer(ABC):
    """Draws a ``Drawing`` as an SVG document."""

    @abstractmethod
    def render_svg(self, drawing: Drawing) -> str:
        """The SVG text of the drawing; raises ``RenderError`` when it cannot."""
