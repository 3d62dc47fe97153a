"""Pickers of a planning session: the feature (or a new one), the planner, the agent."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from archbook import api
from archbook.notebook.display import button

PLANNERS = (
    ("offline (no network)", "offline"),
    ("Claude (Anthropic API)", "anthropic"),
    ("replay a recorded transcript", "replay"),
)
CLAUDE_HINT = (
    "Claude is off: set ANTHROPIC_API_KEY in the kernel's environment to plan with Claude."
)
DEFAULT_AGENT_LABEL = "archbook's backend architect (default)"
Listener = Callable[[], None]
CreateFeature = Callable[[str, str | None, str], None]


class FeaturePicker(widgets.VBox):
    """A dropdown of the repository's features (its context sessions) and a "new feature"
    form (name, title, description) whose button creates the context session."""

    def __init__(self, on_create: CreateFeature) -> None:
        self.feature = widgets.Dropdown(description="feature", options=[])
        self.feature.add_class("archbook-feature")
        self.new_name = widgets.Text(description="new feature", placeholder="e.g. password_reset")
        self.new_name.add_class("archbook-new-feature-name")
        self.new_title = widgets.Text(description="title", placeholder="optional")
        self.new_title.add_class("archbook-new-feature-title")
        self.new_describe = widgets.Textarea(
            description="description",
            placeholder="what the feature is for, its requirements and constraints",
            layout=widgets.Layout(width="48em", height="6em"),
        )
        self.new_describe.add_class("archbook-new-feature-describe")
        self.create = button("Create feature", "archbook-create-feature")
        self.create.on_click(lambda _: self._create())
        self.status = widgets.HTML()
        self.status.add_class("archbook-feature-status")
        self._on_create = on_create
        form = widgets.VBox([self.new_name, self.new_title, self.new_describe, self.create])
        super().__init__([self.feature, form, self.status])
        self.add_class("archbook-feature-picker")

    def set_features(self, features: list[str], selected: str | None = None) -> None:
        self.feature.options = features
        self.feature.value = selected if selected in features else None

    @property
    def value(self) -> str:
        return self.feature.value or ""

    def _create(self) -> None:
        name, describe = self.new_name.value.strip(), self.new_describe.value.strip()
        if not name or not describe:
            self.status.value = "Give the new feature a name and a description."
            return
        self._on_create(name, self.new_title.value.strip() or None, describe)


class PlannerPicker(widgets.VBox):
    """Offline by default; Claude only when ANTHROPIC_API_KEY is set (else a one-line hint);
    replay with a transcript path."""

    def __init__(self, planner: str = "offline", transcript: str | None = None) -> None:
        self.claude_available = api.anthropic_available()
        options = [o for o in PLANNERS if o[1] != "anthropic" or self.claude_available]
        values = [value for _, value in options]
        self.planner = widgets.Dropdown(
            description="planner",
            options=options,
            value=planner if planner in values else "offline",
        )
        self.planner.add_class("archbook-planner")
        self.transcript = widgets.Text(
            description="transcript", value=transcript or "", placeholder="transcript.json"
        )
        self.transcript.add_class("archbook-transcript")
        self.hint = widgets.HTML("" if self.claude_available else CLAUDE_HINT)
        self.hint.add_class("archbook-planner-hint")
        super().__init__([self.planner, self.transcript, self.hint])
        self.add_class("archbook-planner-picker")
        self.planner.observe(lambda _: self._show_transcript(), names="value")
        self._show_transcript()

    @property
    def value(self) -> str:
        return str(self.planner.value)

    @property
    def transcript_path(self) -> str | None:
        if self.value != "replay":
            return None
        return self.transcript.value.strip() or None

    def _show_transcript(self) -> None:
        self.transcript.layout.display = "" if self.value == "replay" else "none"


class AgentPicker(widgets.Dropdown):
    """archbook's backend architect, or one of the repository's ``.claude/agents/*.md``."""

    def __init__(self) -> None:
        super().__init__(description="agent", options=[(DEFAULT_AGENT_LABEL, "")])
        self.add_class("archbook-agent")

    def set_root(self, root: str, agent: str | None = None) -> None:
        files = api.agent_files(root)
        self.options = [(DEFAULT_AGENT_LABEL, ""), *((path, path) for path in files)]
        self.value = agent if agent in files else ""

    @property
    def agent(self) -> str | None:
        return self.value or None
