"""One panel per planning step: a button, a progress indicator and what the step did."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets

from archbook import api
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.scoping.scope import Scope
from archbook.application.planning.session import PlanningSession, StepResult
from archbook.application.planning.survey import Survey
from archbook.application.ports.plan_store import StoredPlan
from archbook.domain.plan import Plan
from archbook.notebook.display import Md, Panel, Part, Svg, button, code

STEP_LABELS = {
    "read_context": "Read context",
    "survey": "Survey",
    "scope": "Scope",
    "draft": "Draft",
    "validate": "Validate",
    "write": "Write",
    "preview": "Preview",
}
SURVEYED_FILES = 10
IDLE, RUNNING, DONE, FAILED = "not run", "running…", "done", "failed"
Runner = Callable[[str], None]


class StepPanel(Panel):
    """``archbook-step-<step>`` button, ``archbook-progress-<step>`` bar and an Output."""

    def __init__(self, step: str, runner: Runner, extra: Sequence[widgets.Widget] = ()) -> None:
        self.step = step
        self.button = button(STEP_LABELS[step], f"archbook-step-{step}", f"run the {step} step")
        self.button.on_click(lambda _: runner(step))
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0)
        self.progress.add_class(f"archbook-progress-{step}")
        self.state = widgets.Label(IDLE)
        self.state.add_class(f"archbook-state-{step}")
        self.result: StepResult | None = None
        super().__init__(
            [widgets.HBox([self.button, self.progress, self.state]), *extra],
            f"archbook-panel-{step}",
        )

    def reset(self) -> None:
        self.result = None
        self._set(0.0, "", IDLE)
        self.show()

    def started(self) -> None:
        self.button.disabled = True
        self._set(0.5, "info", RUNNING)
        self.show()

    def finished(self, result: StepResult, session: PlanningSession) -> None:
        self.result = result
        self.button.disabled = False
        self._set(1.0, "success", DONE)
        self.show(*step_parts(result, session))

    def failed(self, message: str) -> None:
        self.button.disabled = False
        self._set(1.0, "danger", FAILED)
        self.error(message)

    def stream(self, text: str) -> None:
        """Text a planner streams while it drafts."""
        self.output.append_stdout(text)

    def summary(self) -> str:
        return f"{self.step}: {self.result.summary if self.result else self.state.value}"

    def _set(self, value: float, style: str, state: str) -> None:
        self.progress.value = value
        self.progress.bar_style = style
        self.state.value = state


def step_parts(result: StepResult, session: PlanningSession) -> tuple[Part, ...]:
    """What a finished step shows; survey and preview add the layer graph."""
    shown: tuple[Part, ...] = (Md(step_markdown(result)),)
    analysis = session.known.analysis
    if result.step == "survey" and session.survey_result is not None:
        top = session.survey_result.top(SURVEYED_FILES)
        layers = frozenset(r.layer for r in top if r.layer)
        return (
            *shown,
            Md(f"Layers of the top {len(top)} files: {', '.join(sorted(layers)) or 'none'}"),
            Svg(api.layer_svg(analysis, highlight=layers)),
        )
    if result.step == "preview":
        touched = frozenset(c.layer for c in session.plan.changes) if session.plan else frozenset()
        diff = list(result.data.get("diff", [])) if isinstance(result.data, dict) else []
        plan_file = session.stored.path if session.stored else ""
        previous = session.stored.previous if session.stored else None
        if diff:
            compared = Md(
                f"**Changes against the previous version** ({code(previous or '')})\n\n"
                "```diff\n" + "\n".join(diff) + "\n```"
            )
        elif previous:
            compared = Md(f"Same text as the previous version, kept at {code(previous)}.")
        else:
            compared = Md("No previous version of this plan to compare with.")
        return (
            Md(f"**preview** — {result.summary}: {code(plan_file)} rendered below"),
            Md(session.markdown),
            Md(
                f"**Projected layer graph** — layers the plan touches: {', '.join(sorted(touched))}"
            ),
            Svg(api.layer_svg(analysis, highlight=touched)),
            compared,
        )
    return shown


def step_markdown(result: StepResult) -> str:
    """A finished step as Markdown: its summary, then what it made."""
    data = result.data
    if isinstance(data, ContextSession):
        sections = "\n".join(f"- {name}: {len(items)}" for name, items in data.sections.items())
        body = f"Read {code(data.path)}: **{data.title}**\n\n{sections}"
    elif isinstance(data, Survey):
        body = "\n".join(
            ["| file | layer | score | why |", "|---|---|---|---|"]
            + [
                f"| {code(r.path)} | {r.layer} | {r.score:.3f} | {'; '.join(r.reasons[:2])} |"
                for r in data.top(SURVEYED_FILES)
            ]
        )
    elif isinstance(data, Scope):
        body = "\n".join(f"- {line}" for line in data.lines())
    elif isinstance(data, Plan):
        body = "\n".join(
            f"- **{c.action}** {code(c.path)} ({c.layer}): {c.purpose}" for c in data.changes
        )
    elif isinstance(data, StoredPlan):
        body = f"Wrote {code(data.path)}"
    elif isinstance(data, dict) and "markdown" in data:
        body = str(data["markdown"])
    else:
        body = "\n".join(f"- {d}" for d in result.details)
    return f"**{result.step}** — {result.summary}\n\n{body}"
