"""Use case: plan a feature step by step — read_context → survey → draft → validate →
write → preview. Each step can run alone (one notebook cell each) and runs the
steps before it when they have not run yet; the session keeps every result."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession, parse_context
from archbook.application.planning.plan_markdown import edited_by_hand, final_message, render_plan
from archbook.application.planning.plan_validation import (
    ExtractImports,
    RealPath,
    validate_plan,
)
from archbook.application.planning.planner import Draft, Planner, PlanRequest, TextSink
from archbook.application.planning.review.schema import plan_migration_findings
from archbook.application.planning.scoping.scope import (
    Scope,
    derive_scope,
    feature_named_scope,
    served_prefix,
    served_tenant,
    unserved_prefix,
)
from archbook.application.planning.survey import Survey, survey
from archbook.application.ports.claude_files import ClaudeFiles
from archbook.application.ports.plan_store import PlanStore, StoredPlan
from archbook.domain.agent import AgentDefinition
from archbook.domain.plan import ARCHITECTURE_QUESTION, Finding, Plan, check_feature_name
from archbook.exceptions import ArchbookError, InvalidFeatureError

STEPS = ("read_context", "survey", "scope", "draft", "validate", "write", "preview")


class PlanInvalidError(ArchbookError):
    """The plan failed validation; nothing was written."""


class EmptyPlanError(PlanInvalidError):
    """The draft names no file to change; the message says what was not found."""


def start_session(
    root: str,
    feature: str,
    load_knowledge: Callable[[], RepoKnowledge],
    make_deps: Callable[[], SessionDeps],
    **options: Any,
) -> PlanningSession:
    """A session for ``feature``; a bad name or agent is refused before the repository is
    read."""
    checked = check_feature_name(feature)
    deps = make_deps()
    return PlanningSession(root, checked, load_knowledge(), deps, **options)


@dataclass
class StepResult:
    """What one step did: a one-line summary, detail lines, and the value it made
    (``data``) from which front ends build their own views."""

    step: str
    summary: str
    details: list[str] = field(default_factory=list)
    data: Any = None

    def __str__(self) -> str:
        return "\n".join([f"[{self.step}] {self.summary}", *(f"  {d}" for d in self.details)])


@dataclass
class SessionDeps:
    """What a session needs from outside: files, store, planner, agent, model id."""

    claude_files: ClaudeFiles
    plan_store: PlanStore
    planner: Planner
    agent: AgentDefinition
    model: str
    exists: Callable[[str], bool]
    extract_imports: ExtractImports
    real_path: RealPath | None = None


class PlanningSession:
    """One feature's planning, inspectable after every step."""

    def __init__(
        self,
        root: str,
        feature: str,
        known: RepoKnowledge,
        deps: SessionDeps,
        title: str | None = None,
        describe: str | None = None,
        on_text: TextSink | None = None,
    ) -> None:
        self.feature = check_feature_name(feature)
        self.root = root
        self.known = known
        self.deps = deps
        self.title = title
        self.describe = describe
        self.on_text = on_text
        self.results: dict[str, StepResult] = {}
        self.context: ContextSession | None = None
        self.created_context = False
        self.survey_result: Survey | None = None
        self.scope_result: Scope | None = None
        self.draft_result: Draft | None = None
        self.plan: Plan | None = None
        self.findings: list[Finding] = []
        self.stored: StoredPlan | None = None
        self.markdown = ""

    @property
    def context_path(self) -> str:
        return f".claude/sessions/context_session_{self.feature}.md"

    def read_context(self) -> StepResult:
        """Read the feature's context session first; create it from a description if asked."""
        text = self.deps.claude_files.read_session(self.root, self.feature)
        details = []
        if text is None:
            if not self.describe:
                known = ", ".join(self.deps.claude_files.features(self.root)) or "none"
                raise InvalidFeatureError(
                    f"{self.context_path} does not exist; give --describe to create it "
                    f"(features with a context session: {known})"
                )
            text = _new_context(self.feature, self.title, self.describe)
            self.deps.claude_files.create_session(self.root, self.feature, text)
            self.created_context = True
            details.append(f"created {self.context_path} from the description given")
        elif self.describe:
            details.append(
                f"--describe was not used: {self.context_path} exists and archbook never "
                "replaces it (edit it, or plan under a new feature name)"
            )
        self.context = parse_context(self.feature, self.context_path, text)
        details += [
            f"{name}: {len(items)} item(s)" for name, items in self.context.sections.items()
        ]
        return self._done(
            StepResult(
                "read_context",
                f"read {self.context_path} — {self.context.title}",
                details,
                self.context,
            )
        )

    def survey(self) -> StepResult:
        """Rank the files that matter for the feature and build the repo map."""
        context = self._need_context()
        # paths the session writes as the routers do, served under a mount the app adds
        as_written = dataclasses.replace(context, served_prefix="", written_prefix="", tenant="")
        written = [path for _, path in as_written.routes]
        served = [r.path for r in self.known.facts.routes]
        prefix = served_prefix(served, written)
        # or the other way round: the session writes a prefix the routers never serve
        dropped = "" if prefix else unserved_prefix(served, written)
        # and the tenant parameter every route starts with, where the session leaves it out
        prefixed = dataclasses.replace(
            context, served_prefix=prefix, written_prefix=dropped, tenant=""
        )
        tenant = served_tenant(served, [path for _, path in prefixed.routes])
        if (prefix, dropped, tenant) != (
            context.served_prefix,
            context.written_prefix,
            context.tenant,
        ):
            context = self.context = dataclasses.replace(
                context, served_prefix=prefix, written_prefix=dropped, tenant=tenant
            )
        self.survey_result = survey(self.known, context)
        top = self.survey_result.top(10)
        details = [f"{r.path} [{r.layer}] {r.score:.3f}: {'; '.join(r.reasons[:2])}" for r in top]
        routes = ", ".join(self.survey_result.routes) or "none named"
        return self._done(
            StepResult(
                "survey",
                f"{len(self.survey_result.ranked)} files ranked; routes: {routes}",
                details,
                self.survey_result,
            )
        )

    def scope(self) -> StepResult:
        """Derive the feature's scope (kinds of change, resources and files touched, new
        ones, operations, external systems) from the session and the code."""
        self._need_survey()  # first: the survey may settle the session's served prefix
        context = self._need_context()
        self.scope_result = derive_scope(context, self.known, self.deps.exists)
        return self._scoped(self.scope_result)

    def correct_scope(self, **fields: object) -> StepResult:
        """Replace fields of the scope (a workshop's corrections); the draft uses them.
        Lists of strings are accepted for the tuple fields."""
        current = self._need_scope()
        known = {f.name for f in dataclasses.fields(Scope)} - {"reasons", "said"}
        unknown = set(fields) - known
        if unknown:
            raise InvalidFeatureError(f"unknown scope field(s): {', '.join(sorted(unknown))}")
        values = {
            name: value if name == "language" else tuple(str(v) for v in value)  # type: ignore[attr-defined]
            for name, value in fields.items()
        }
        self.scope_result = dataclasses.replace(current, **values)  # type: ignore[arg-type]
        return self._scoped(self.scope_result, corrected=True)

    def _scoped(self, scope: Scope, corrected: bool = False) -> StepResult:
        summary = (
            f"{'corrected' if corrected else 'derived'} scope: "
            f"{', '.join(scope.kinds) or 'no kind'}; {len(scope.touched)} file(s) touched, "
            f"{len(scope.created)} named to create"
        )
        return self._done(StepResult("scope", summary, scope.lines(), scope))

    def draft(self) -> StepResult:
        """Ask the planner for a plan (offline, a model, or a replayed transcript)."""
        ranked = self._need_survey()
        scope = self._need_scope()
        context = self._need_context()  # as the survey left it
        request = PlanRequest(
            feature=self.feature,
            context=context,
            agent_name=self.deps.agent.name,
            agent_prompt=self.deps.agent.prompt,
            model=self.deps.model,
            repo_map=ranked.repo_map,
            ranked_files=tuple(r.path for r in ranked.ranked),
            scope=scope,
            exists=self.deps.exists,
        )
        self.draft_result = self.deps.planner.draft(request, self.known, self._check, self.on_text)
        plan = dataclasses.replace(self.draft_result.plan, planner=self.deps.planner.name)
        details = []
        if not plan.changes and plan.kind != ARCHITECTURE_QUESTION:
            # the last resort: the resource the feature's own name gives
            named = feature_named_scope(scope, context, self.known, self.deps.exists)
            if named is not None:
                request = dataclasses.replace(request, scope=named)
                self.draft_result = self.deps.planner.draft(
                    request, self.known, self._check, self.on_text
                )
                plan = dataclasses.replace(self.draft_result.plan, planner=self.deps.planner.name)
                if plan.changes:
                    self.scope_result = scope = named
                    details.append(
                        "the session names no file, class or route of the repository: new "
                        f"resource(s) {', '.join(named.new_resources)} from the feature's name"
                    )
        if not plan.changes and plan.kind != ARCHITECTURE_QUESTION:
            raise EmptyPlanError(_nothing_found(context, scope))
        self.plan = plan
        details += [f"{c.action:<6} {c.path} [{c.layer}] — {c.purpose}" for c in plan.changes]
        usage = self.draft_result.usage
        if usage:
            details.append("usage: " + ", ".join(f"{k} {v}" for k, v in usage.items()))
        return self._done(
            StepResult(
                "draft",
                f"{self.deps.planner.name} planner: {len(plan.changes)} file changes "
                f"({plan.kind.replace('_', ' ')})",
                details,
                plan,
            )
        )

    def validate(self) -> StepResult:
        """Check the plan against the file tree and the layer rules."""
        plan = self._need_plan()
        self.findings = self._check(plan)
        self.plan = dataclasses.replace(plan, validation=tuple(self.findings))
        errors = [f for f in self.findings if f.level == "error"]
        summary = (
            "valid: every check passed"
            if not self.findings
            else (f"{len(errors)} error(s), {len(self.findings) - len(errors)} warning(s)")
        )
        details = [f"{f.level} {f.rule}: {f.message}" for f in self.findings]
        return self._done(StepResult("validate", summary, details, self.findings))

    def write(self, force: bool = False) -> StepResult:
        """Write ``.claude/doc/<feature>/backend.md`` (atomically, keeping history)."""
        if "validate" not in self.results:
            self.validate()
        plan = self._need_plan()
        if not plan.valid:
            problems = "; ".join(f.message for f in plan.validation if f.level == "error")
            raise PlanInvalidError(f"the plan did not validate, nothing was written: {problems}")
        self.markdown = render_plan(plan)
        self.stored = self.deps.plan_store.write(self.root, self.feature, self.markdown, force)
        details = (
            [f"previous version kept at {self.stored.previous}"] if self.stored.previous else []
        )
        details.append(final_message(plan))
        return self._done(
            StepResult(
                "write",
                f"wrote {self.stored.path}",
                details,
                self.stored,
            )
        )

    def preview(self) -> StepResult:
        """The written plan as Markdown, and its diff against the previous version."""
        if "write" not in self.results:
            self.write()
        diff: list[str] = []
        if self.stored and self.stored.previous:
            previous = self.deps.claude_files.read_file(self.root, self.stored.previous) or ""
            diff = list(
                difflib.unified_diff(
                    previous.splitlines(),
                    self.markdown.splitlines(),
                    self.stored.previous,
                    self.stored.path if self.stored else "",
                    lineterm="",
                    n=1,
                )
            )
        return self._done(
            StepResult(
                "preview",
                f"{len(self.markdown.splitlines())} lines"
                + (f"; {len(diff)} diff lines against the previous version" if diff else ""),
                diff[:200],
                {"markdown": self.markdown, "diff": diff},
            )
        )

    def run_all(self, force: bool = False) -> StepResult:
        """Every step in order; the last line names the plan's path."""
        self.read_context()
        self.survey()
        self.scope()
        self.draft()
        self.validate()
        self.write(force=force)
        return self.preview()

    def finish(self, force: bool = False) -> PlanningSession:
        """Every step in order (``run_all``); the finished session."""
        self.run_all(force=force)
        return self

    def is_hand_edited(self) -> bool:
        text = self.deps.plan_store.read(self.root, self.feature)
        return text is not None and edited_by_hand(text)

    def _check(self, plan: Plan) -> list[Finding]:
        scope = self.scope_result
        return validate_plan(
            plan,
            self.known.analysis,
            self.deps.exists,
            self.deps.extract_imports,
            self.deps.real_path,
            set(scope.deleted) if scope is not None else None,
        ) + plan_migration_findings(plan, self.known)

    def _need_context(self) -> ContextSession:
        if self.context is None:
            self.read_context()
        assert self.context is not None
        return self.context

    def _need_survey(self) -> Survey:
        if self.survey_result is None:
            self.survey()
        assert self.survey_result is not None
        return self.survey_result

    def _need_scope(self) -> Scope:
        if self.scope_result is None:
            self.scope()
        assert self.scope_result is not None
        return self.scope_result

    def _need_plan(self) -> Plan:
        if self.plan is None:
            self.draft()
        assert self.plan is not None
        return self.plan

    def _done(self, result: StepResult) -> StepResult:
        """Keep ``result`` and forget what later steps made from the earlier state, so
        re-running a step (a notebook cell) never lets a stale result through — a
        re-drafted plan is validated again before it is written."""
        later = STEPS[STEPS.index(result.step) + 1 :]
        for step in later:
            self.results.pop(step, None)
        if "survey" in later:
            self.survey_result = None
        if "scope" in later:
            self.scope_result = None
        if "draft" in later:
            self.draft_result = None
            self.plan = None
        if "validate" in later:
            self.findings = []
        self.results[result.step] = result
        return result


def _nothing_found(context: ContextSession, scope: Scope) -> str:
    """Why a draft is empty: what the session named that the code did not have."""
    paths = ", ".join(context.named_paths[:5]) or "none"
    names = ", ".join(context.code_names[:8]) or "none"
    return (
        f"the draft names no file to change, so no plan was written. In "
        f"{context.path}: paths named: {paths} (none found in the repository); code names: "
        f"{names} (none defined in the repository); resources matched: "
        f"{', '.join(scope.resources) or 'none'}; routes: {', '.join(scope.operations) or 'none'}."
        " Name the files, classes or routes the feature touches in the session, or correct "
        "the scope (resources, touched files) before drafting."
    )


def _new_context(feature: str, title: str | None, describe: str) -> str:
    heading = title or feature.replace("_", " ").replace("-", " ").capitalize()
    return (
        f"# Context session: {heading}\n\n## Goal\n\n{describe.strip()}\n\n"
        "## Requirements\n\n- As described in the goal.\n\n## Constraints\n\n"
        "- Keep the hexagonal layers.\n\n## Decisions so far\n\n- None yet.\n\n"
        "## Open questions\n\n- To be settled with the team.\n"
    )
