"""What every component shares: an Output whose content is also kept as a static copy.

A component shows ``Part``s (Markdown text, an SVG, raw HTML) in its Output widget.
Displayed in a cell, it puts two outputs there: its widget view, and next to it the same
parts as plain HTML (tables, inline SVG). A live front end renders the widget, whose
style rule hides the static copy; a plain ``jupyter nbconvert --to html``, GitHub and
nbval see no widget manager, so they show (and compare) the static copy. Exports keep
their content whether or not widget state was saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import mistune
from IPython.display import HTML, SVG, Markdown, display

from archbook.application.workshop.review_report import inline_svg


@dataclass(frozen=True)
class Md:
    """Markdown text."""

    text: str

    def display_object(self) -> Any:
        return Markdown(self.text)

    def markdown(self) -> str:
        return self.text

    def static_html(self) -> str:
        return str(_MARKDOWN(self.text))


@dataclass(frozen=True)
class Svg:
    """An SVG drawing."""

    svg: str

    def display_object(self) -> Any:
        return SVG(data=inline_svg(self.svg))

    def markdown(self) -> str:
        return f'<div class="archbook-svg">\n{inline_svg(self.svg)}\n</div>'

    def static_html(self) -> str:
        return self.markdown()


@dataclass(frozen=True)
class Html:
    """Raw HTML (side-by-side drawings)."""

    html: str

    def display_object(self) -> Any:
        return HTML(self.html)

    def markdown(self) -> str:
        return "\n".join(line for line in self.html.splitlines() if line.strip())

    def static_html(self) -> str:
        return self.markdown()


Part = Md | Svg | Html

# The static copy's class, and the rule a rendered panel widget brings along: where
# widgets render, the copy beside them is hidden; where they do not, no rule applies.
STATIC_COPY = "archbook-static-copy"
HIDE_STATIC_COPIES = (
    "<style>.jp-OutputArea-child:has(.archbook-static-copy),"
    " .output_area:has(.archbook-static-copy) {display: none}</style>"
)
_MARKDOWN = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


class Panel(widgets.VBox):
    """Controls above an Output; displayed, it also puts a static HTML copy next to it."""

    def __init__(self, controls: Sequence[widgets.Widget], css: str) -> None:
        self.output = widgets.Output()
        self.output.add_class(f"{css}-output")
        self.parts: tuple[Part, ...] = ()
        super().__init__([*controls, self.output, widgets.HTML(HIDE_STATIC_COPIES)])
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

    def static_html(self) -> str:
        """The parts as one HTML fragment (what an export shows in place of the widget)."""
        return static_html(self.parts)

    def snapshot(self) -> Snapshot:
        """What the panel shows now, as a static copy."""
        return Snapshot(self.summary(), self.parts)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = self.summary()
        return bundle

    def _ipython_display_(self) -> None:
        """The widget view, then the static copy as an output of its own."""
        display(self._repr_mimebundle_(), raw=True)
        if self.parts:
            copy = f'<div class="{STATIC_COPY}">\n{self.static_html()}\n</div>'
            display({"text/html": copy, "text/plain": self.summary()}, raw=True)


class Snapshot:
    """A panel's content at one moment, static: what a cell shows after changing a panel
    that an earlier cell displays live."""

    def __init__(self, text: str, parts: Sequence[Part]) -> None:
        self.text = text
        self.parts = tuple(parts)

    @property
    def markdown(self) -> str:
        return "\n\n".join(part.markdown() for part in self.parts)

    def __repr__(self) -> str:
        return self.text

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return {"text/plain": self.text, "text/html": static_html(self.parts)}


def static_html(parts: Sequence[Part]) -> str:
    """Parts as one HTML fragment: Markdown rendered (tables included), SVG inline."""
    return "\n".join(part.static_html() for part in parts)


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
