"""What every component shares: an Output whose content is also kept as a static copy.

A component shows ``Part``s (Markdown text, an SVG, raw HTML) in its Output widget and
offers the same parts as ``text/markdown`` next to its widget view. Jupyter front ends
show the live widget; nbconvert's HTML export, GitHub and nbval use the static copy, so
committed outputs hold real, comparable content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
from IPython.display import HTML, SVG, Markdown

from archbook.application.workshop.review_report import inline_svg


@dataclass(frozen=True)
class Md:
    """Markdown text."""

    text: str

    def display_object(self) -> Any:
        return Markdown(self.text)

    def markdown(self) -> str:
        return self.text


@dataclass(frozen=True)
class Svg:
    """An SVG drawing."""

    svg: str

    def display_object(self) -> Any:
        return SVG(data=inline_svg(self.svg))

    def markdown(self) -> str:
        return f'<div class="archbook-svg">\n{inline_svg(self.svg)}\n</div>'


@dataclass(frozen=True)
class Html:
    """Raw HTML (side-by-side drawings)."""

    html: str

    def display_object(self) -> Any:
        return HTML(self.html)

    def markdown(self) -> str:
        return "\n".join(line for line in self.html.splitlines() if line.strip())


Part = Md | Svg | Html


class Panel(widgets.VBox):
    """Controls above an Output; displayed, it also carries a static Markdown copy."""

    def __init__(self, controls: Sequence[widgets.Widget], css: str) -> None:
        self.output = widgets.Output()
        self.output.add_class(f"{css}-output")
        self.parts: tuple[Part, ...] = ()
        super().__init__([*controls, self.output])
        self.add_class("archbook-panel")
        self.add_class(css)

    def show(self, *parts: Part) -> None:
        """Replace what the Output shows (and the static copy) with ``parts``."""
        self.parts = tuple(parts)
        self.output.outputs = ()
        for part in self.parts:
            self.output.append_display_data(part.display_object())

    def error(self, message: str) -> None:
        self.show(Md(f"**error**: {escape_md(message)}"))

    def summary(self) -> str:
        """One line for ``text/plain``."""
        return type(self).__name__

    def static_markdown(self) -> str:
        return "\n\n".join(part.markdown() for part in self.parts)

    def snapshot(self) -> Snapshot:
        """What the panel shows now, as a static copy."""
        return Snapshot(self.summary(), self.static_markdown())

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = self.summary()
        markdown = self.static_markdown()
        if markdown:
            bundle["text/markdown"] = markdown
        return bundle


class Snapshot:
    """A panel's content at one moment, static: what a cell shows after changing a panel
    that an earlier cell displays live."""

    def __init__(self, text: str, markdown: str) -> None:
        self.text = text
        self.markdown = markdown

    def __repr__(self) -> str:
        return self.text

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return {"text/plain": self.text, "text/markdown": self.markdown}


def md_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table; cells escaped so a ``|`` in an import line cannot break it."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(escape_md(str(cell)) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def code(text: str) -> str:
    """Inline code, safe for any backticks inside."""
    fence = "`` " if "`" in text else "`"
    return f"{fence}{text}{fence[::-1]}"


def escape_md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def button(description: str, css: str, tooltip: str = "") -> widgets.Button:
    """A button with a stable description and CSS class (browser tests find it by both)."""
    widget = widgets.Button(description=description, tooltip=tooltip or description)
    widget.add_class(css)
    return widget
