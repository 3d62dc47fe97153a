"""Charts drawn with a bare matplotlib ``Figure`` (never pyplot: no global backend switch),
saved as SVG with fixed ids and no date, so the same data gives the same bytes."""

from __future__ import annotations

import io
from typing import Any

from archbook.domain.analysis import Metrics

BAR_HEIGHT_INCHES = 0.35
CHART_WIDTH_INCHES = 7.5
MARGIN_INCHES = 1.0
BAR_COLOUR = "#d9822b"
SVG_SETTINGS: dict[str, Any] = {"svg.hashsalt": "archbook", "svg.fonttype": "none"}


def hotspots_svg(hotspots: list[Metrics], title: str) -> str:
    """Horizontal bars of fan-in × fan-out, the riskiest module on top."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    ordered = list(reversed(hotspots))
    with rc_context(SVG_SETTINGS):  # type: ignore[arg-type]
        figure = Figure(
            figsize=(CHART_WIDTH_INCHES, MARGIN_INCHES + BAR_HEIGHT_INCHES * max(1, len(ordered)))
        )
        axes = figure.subplots()
        positions = range(len(ordered))
        axes.barh(positions, [m.fan_in * m.fan_out for m in ordered], color=BAR_COLOUR)
        axes.set_yticks(positions, [f"{m.name} [{m.layer}]" for m in ordered], fontsize=8)
        for index, metric in enumerate(ordered):
            axes.annotate(
                f" in {metric.fan_in} · out {metric.fan_out}",
                (metric.fan_in * metric.fan_out, index),
                va="center",
                fontsize=7,
            )
        axes.set_xlabel("fan-in × fan-out")
        axes.set_title(title, fontsize=10)
        axes.margins(x=0.25)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue().decode("utf-8")
