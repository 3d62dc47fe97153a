"""Plan a feature step by step: pickers on top, then one panel per planning step."""

from __future__ import annotations

import os

from archbook import api
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.session import STEPS, PlanningSession
from archbook.exceptions import ArchbookError
from archbook.notebook.display import Md, Panel, button, code
from archbook.notebook.planning.existing_plan import REPLACE_LABEL, ExistingPlanPanel
from archbook.notebook.planning.pickers import AgentPicker, FeaturePicker, PlannerPicker
from archbook.notebook.planning.scope_editor import ScopeEditor
from archbook.notebook.planning.steps import StepPanel
from archbook.notebook.repo_picker import RepoPicker


class PlanKeptError(ArchbookError):
    """The plan on disk is not archbook's: it was kept, and the replace button offered."""


class PlanFeatureApp(Panel):
    """Displayed, it shows the pickers and "Run all steps"; ``app.run(step)`` (one cell per
    step) runs a step and shows its panel; ``app.existing`` shows the plan already there
    when archbook did not write it, with its review. The bundled sample is planned on a
    fresh copy under ``workdir`` (a temporary folder when None) so the package is never
    written."""

    def __init__(
        self,
        repo: str | None = None,
        *,
        feature: str = "",
        planner: str = "offline",
        workdir: str | None = None,
        title: str | None = None,
        describe: str | None = None,
        transcript: str | None = None,
        agent: str | None = None,
    ) -> None:
        self.workdir = workdir
        self.session: PlanningSession | None = None
        self.known: RepoKnowledge | None = None
        self.root = ""
        self.repo = RepoPicker(repo)
        self.features = FeaturePicker(self.create_feature)
        self.planner = PlannerPicker(planner, transcript)
        self.agent = AgentPicker()
        self.run_all_button = button("Run all steps", "archbook-run-all")
        self.run_all_button.on_click(lambda _: self._run_all_clicked())
        self.scope_editor = ScopeEditor(self.correct_scope)
        self.panels = {
            step: StepPanel(step, self._clicked, [self.scope_editor] if step == "scope" else [])
            for step in STEPS
        }
        self.existing = ExistingPlanPanel()
        self.replace_button = button(REPLACE_LABEL, "archbook-replace-plan")
        self.replace_button.on_click(lambda _: self._replace_clicked())
        self.replace_button.layout.display = "none"
        write_panel = self.panels["write"]
        write_panel.children = (
            write_panel.children[0],
            self.replace_button,
            *write_panel.children[1:],
        )
        super().__init__(
            [
                self.repo,
                self.features,
                self.planner,
                self.agent,
                self.run_all_button,
            ],
            "archbook-plan-app",
        )
        self.repo.on_load(lambda root: self.open_repo(root, feature, agent))
        self.open_repo(self.repo.root, feature, agent)
        for picker in (self.features.feature, self.planner.planner, self.planner.transcript):
            picker.observe(lambda _: self.reset(), names="value")
        self.agent.observe(lambda _: self.reset(), names="value")
        if feature and feature not in self.features.feature.options and describe:
            self.create_feature(feature, title, describe)

    @property
    def feature(self) -> str:
        return self.features.value

    @property
    def plan_path(self) -> str:
        """Where the plan goes, relative to the planned folder."""
        return f".claude/doc/{self.feature}/backend.md"

    def open_repo(self, repo: str, feature: str = "", agent: str | None = None) -> None:
        """Plan in ``repo`` (on a copy when it is the bundled sample)."""
        self.root = api.planning_root(repo, self.workdir)
        self.known = api.knowledge(self.root)
        self.agent.set_root(self.root, agent)
        self.features.set_features(api.features(self.root), feature)
        # Only the bundled sample has a feature worth suggesting; elsewhere the box is empty.
        suggested = feature if api.is_sample(self.repo.root) and not self.features.value else ""
        self.features.new_name.value = suggested
        self.reset()

    def create_feature(self, name: str, title: str | None, describe: str) -> None:
        """Create ``.claude/sessions/context_session_<name>.md`` and select the feature."""
        try:
            api.plan_session(
                self.root, name, title=title, describe=describe, known=self.known
            ).read_context()
        except ArchbookError as error:
            self.features.status.value = f"Not created: {error}"
            return
        self.features.set_features(api.features(self.root), name)
        self.features.status.value = f"Created .claude/sessions/context_session_{name}.md"
        self.reset()

    def reset(self) -> None:
        """Forget the session: the next step starts a new one from the pickers."""
        self.session = None
        for panel in self.panels.values():
            panel.reset()
        self.replace_button.layout.display = "none"
        self.existing.load(self.root, self.feature, self.known)
        self.scope_editor.hide()
        self.show(Md(self.describe()))

    def correct_scope(self, fields: dict[str, list[str]]) -> None:
        """Replace the scope with the workshop's corrections; the steps after it are
        forgotten, so the next draft follows the corrected scope."""
        session = self._session()
        try:
            result = session.correct_scope(**fields)
        except ArchbookError as error:
            self.scope_editor.status.value = f"Not applied: {error}"
            return
        for step in STEPS[STEPS.index("scope") + 1 :]:
            self.panels[step].reset()
        self.panels["scope"].finished(result, session)
        self.scope_editor.status.value = "Corrected: the draft will follow this scope."

    def run(self, step: str) -> StepPanel:
        """Run ``step`` (and the steps before it that have not run); its panel."""
        if step not in self.panels:
            raise ArchbookError(f"unknown step '{step}'; steps: {', '.join(STEPS)}")
        session = self._session()
        try:
            for earlier in STEPS[: STEPS.index(step)]:
                if earlier not in session.results:
                    self._run_one(session, earlier)
            self._run_one(session, step)
        except PlanKeptError as kept:
            # The write panel offers the replace button; a later step waits for it.
            if step != "write":
                self.panels[step].failed(str(kept))
        return self.panels[step]

    def replace(self) -> StepPanel:
        """Write archbook's plan over the one already there (kept under ``history/``), then
        preview it; the preview panel."""
        session = self._session()
        for earlier in STEPS[: STEPS.index("write")]:
            if earlier not in session.results:
                self._run_one(session, earlier)
        self._run_one(session, "write", force=True)
        self.replace_button.layout.display = "none"
        self.existing.replaced(session.stored.previous if session.stored else None)
        self._run_one(session, "preview")
        return self.panels["preview"]

    def run_all(self) -> StepPanel:
        """Every step in order; the preview panel."""
        return self.run(STEPS[-1])

    def plan_file(self) -> str:
        """The absolute path of the written plan."""
        return os.path.join(self.root, self.plan_path)

    def plan_status(self) -> str:
        """Where the plan is on disk, relative to the planned folder's parent."""
        name = os.path.basename(self.root.rstrip(os.sep))
        if not os.path.isfile(self.plan_file()):
            return f"{name}/{self.plan_path}: not written yet"
        lines = len(self.session.markdown.splitlines()) if self.session else 0
        return f"{name}/{self.plan_path}: on disk, {lines} lines"

    def describe(self) -> str:
        where = (
            f"a fresh copy of {self.repo.describe()} (the sample itself is never written)"
            if api.is_sample(self.repo.root)
            else self.repo.describe()
        )
        feature = code(self.feature) if self.feature else "no feature chosen yet"
        agent = code(self.agent.agent) if self.agent.agent else "archbook's backend architect"
        return (
            f"Planning {feature} in {where} with the {self.planner.value} planner and "
            f"{agent}; the plan goes to {code(self.plan_path) if self.feature else '-'}."
        )

    def summary(self) -> str:
        return f"PlanFeatureApp({self.feature or '-'}, {self.planner.value})"

    def _session(self) -> PlanningSession:
        if self.session is None:
            if not self.feature:
                raise ArchbookError("choose a feature, or create one with a description")
            draft_panel = self.panels["draft"]
            self.session = api.plan_session(
                self.root,
                self.feature,
                planner=self.planner.value,
                agent=self.agent.agent,
                transcript=self.planner.transcript_path,
                on_text=draft_panel.stream,
                known=self.known,
            )
        return self.session

    def _run_one(self, session: PlanningSession, step: str, force: bool = False) -> None:
        panel = self.panels[step]
        if step == "write" and not force and session.is_hand_edited():
            self._offer_replace(panel)
        panel.started()
        try:
            result = session.write(force=True) if force else getattr(session, step)()
        except ArchbookError as error:
            panel.failed(str(error))
            raise
        except Exception as error:
            panel.failed(f"{type(error).__name__}: {error}")
            raise
        panel.finished(result, session)
        if step == "scope" and session.scope_result is not None:
            self.scope_editor.load(session.scope_result)
        if step == "draft" and session.plan is not None:
            compared = self.existing.compare(session.plan, self.known)
            if compared:
                panel.show(*panel.parts, *compared)

    def _offer_replace(self, panel: StepPanel) -> None:
        """A plan archbook did not write is there: keep it, and offer the replace button."""
        message = (
            f"{self.plan_path} holds a plan archbook did not write (or one edited by hand), "
            f"so it was kept as it is. Its review is shown above; to write archbook's plan "
            f"instead, press “{REPLACE_LABEL}”."
        )
        self.replace_button.layout.display = ""
        panel.failed(message)
        raise PlanKeptError(message)

    def _clicked(self, step: str) -> None:
        # A button has no cell to raise into: the failing panel already shows the error.
        try:
            self.run(step)
        except ArchbookError as error:
            self.panels[step].failed(str(error))

    def _run_all_clicked(self) -> None:
        self._clicked(STEPS[-1])

    def _replace_clicked(self) -> None:
        try:
            self.replace()
        except ArchbookError as error:
            self.panels["write"].failed(str(error))
