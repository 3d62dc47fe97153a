"""Routes: a table of every route; pick one to see its trace and performance findings."""

from __future__ import annotations

import ipywidgets as widgets

from archbook import api
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.exceptions import ArchbookError
from archbook.notebook.display import Md, Panel, Svg, code, md_table


class RouteExplorer(Panel):
    """A route dropdown above the chosen route's trace drawing, its findings and all routes."""

    def __init__(self, route: str | None = None) -> None:
        self.known: RepoKnowledge | None = None
        self.wanted = route
        self.route = widgets.Dropdown(description="route", options=[])
        self.route.add_class("archbook-route")
        super().__init__([self.route], "archbook-routes")
        self.route.observe(self._changed, names="value")

    def update(self, known: RepoKnowledge) -> None:
        self.known = known
        keys = [r.key for r in known.facts.routes]
        keep = self.route.value if self.route.value in keys else self.wanted
        self.route.unobserve(self._changed, names="value")
        self.route.options = keys
        self.route.value = keep if keep in keys else (keys[0] if keys else None)
        self.route.observe(self._changed, names="value")
        self.draw()

    def choose(self, route: str) -> RouteExplorer:
        self.route.value = route
        return self

    def draw(self) -> None:
        known = self.known
        if known is None or not known.facts.routes:
            self.show(Md("No FastAPI routes found."))
            return
        table = md_table(
            ("method", "path", "handler", "where"),
            (
                (r.method, code(r.path), r.handler.rpartition(":")[2], code(str(r.location)))
                for r in known.facts.routes
            ),
        )
        key = self.route.value
        try:
            traced = api.trace(known, key)
            svg = api.trace_svg(known, traced)
            findings = api.perf_findings(known, key)
        except ArchbookError as error:
            self.show(Md(f"**error**: {error}"), Md(f"**All routes**\n\n{table}"))
            return
        if findings:
            rows = [(f.rule, code(str(f.location)), code(f.code), f.message) for f in findings]
            found = Md(
                f"**{len(findings)} performance findings along {code(key)}**\n\n"
                + md_table(("rule", "where", "code", "why"), rows)
            )
        else:
            found = Md(f"No performance findings along {code(key)}.")
        self.show(
            Md(f"**Trace of {code(key)}**"),
            Svg(svg),
            found,
            Md(f"**All {len(known.facts.routes)} routes**\n\n{table}"),
        )

    def summary(self) -> str:
        return f"RouteExplorer({self.route.value})"

    def _changed(self, _: dict[str, object]) -> None:
        self.draw()
