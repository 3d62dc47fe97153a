"""The widgets, driven from Python the way a browser would drive them: buttons clicked,
dropdowns changed. Each shows what the library returns, and keeps a static copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archbook import api
from archbook import notebook as nb
from archbook.application.planning.session import STEPS
from archbook.exceptions import RepoNotFoundError
from archbook.notebook.layers.charts import hotspots_svg
from archbook.notebook.planning.pickers import CLAUDE_HINT


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    return tmp_path / "work"


def test_repo_picker_remembers_what_the_user_loads_and_tells_listeners(
    assets_dir: Path, tmp_path: Path
) -> None:
    picker = nb.RepoPicker()
    heard: list[str] = []
    picker.on_load(heard.append)
    repo = shutil.copytree(assets_dir / "feature_slices", tmp_path / "feature_slices")
    picker.path.value = str(repo)
    picker.load_button.click()
    assert heard == [str(repo)]
    assert picker.recent.options[1] == (str(repo), str(repo))
    assert "Repository: <code>feature_slices</code>" in picker.static_html()
    # A second picker (a new kernel) offers it too.
    assert (str(repo), str(repo)) in nb.RepoPicker().recent.options


def test_repo_picker_shows_a_missing_folder_as_an_error(tmp_path: Path) -> None:
    picker = nb.RepoPicker()
    picker.path.value = str(tmp_path / "missing")
    picker.load_button.click()  # no exception escapes a button
    assert "**error**" in picker.static_markdown()
    assert "does not exist" in picker.static_markdown()
    with pytest.raises(RepoNotFoundError):
        picker.load(str(tmp_path / "missing"))


def test_tour_follows_the_picker_to_another_repository(assets_dir: Path) -> None:
    tour = nb.ArchitectureTour(focus="application", route="GET /api/threads")
    assert "**threads_api**: 67 modules" in tour.summary.static_markdown()
    assert tour.routes.summary() == "RouteExplorer(GET /api/threads)"
    assert "await-in-loop" in tour.routes.static_markdown()
    tour.picker.load(str(assets_dir / "feature_slices"))
    assert "**feature_slices**: 21 modules" in tour.summary.static_markdown()
    assert tour.routes.route.value == "POST /api/v1/orders"  # the wanted route is not there
    assert tour.drill_down.target.value == "application"
    tour.drill_down.target.value = "app.users"
    assert "**Modules of app.users** (drawn by graphviz)" in tour.drill_down.static_markdown()


def test_drill_down_engine_toggle_draws_with_pydeps() -> None:
    drill = nb.DrillDown("application")
    drill.update(api.analyse())
    drill.engine.value = "pydeps"
    assert drill.summary() == "DrillDown(application, pydeps)"
    assert "(drawn by pydeps)" in drill.static_markdown()
    assert "<svg" in drill.static_markdown()


def test_hot_spots_chart_is_the_same_svg_every_time() -> None:
    hotspots = api.analyse().hotspots()
    first, second = hotspots_svg(hotspots, "t"), hotspots_svg(hotspots, "t")
    assert first == second
    assert "src.infrastructure.container [composition]" in first
    assert "<dc:date>" not in first


def test_planner_picker_disables_claude_without_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    picker = nb.PlannerPicker("anthropic")
    assert [value for _, value in picker.planner.options] == ["offline", "replay"]
    assert picker.value == "offline"
    assert picker.hint.value == CLAUDE_HINT
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    picker = nb.PlannerPicker("anthropic")
    assert picker.value == "anthropic"
    assert picker.hint.value == ""


def test_planner_picker_shows_the_transcript_box_only_for_replay() -> None:
    picker = nb.PlannerPicker()
    assert picker.transcript.layout.display == "none"
    picker.planner.value = "replay"
    picker.transcript.value = "t.json"
    assert picker.transcript.layout.display == ""
    assert picker.transcript_path == "t.json"


def test_step_buttons_have_stable_descriptions_and_classes(sample_copy: Path) -> None:
    app = nb.PlanFeatureApp(feature="password_reset", workdir=str(sample_copy))
    labels = [app.panels[s].button.description for s in STEPS]
    assert labels == ["Read context", "Survey", "Scope", "Draft", "Validate", "Write", "Preview"]
    assert all(f"archbook-step-{s}" in app.panels[s].button._dom_classes for s in STEPS)
    assert app.run_all_button.description == "Run all steps"
    assert app.agent.options[1] == (".claude/agents/backend-architect.md",) * 2


def test_pressing_preview_first_runs_every_step_in_order_on_a_copy(sample_copy: Path) -> None:
    app = nb.PlanFeatureApp(feature="password_reset", workdir=str(sample_copy))
    assert app.root == str(sample_copy / "threads_api")
    app.panels["preview"].button.click()
    assert [app.panels[s].state.value for s in STEPS] == ["done"] * len(STEPS)
    assert app.panels["preview"].progress.bar_style == "success"
    preview = app.panels["preview"].static_markdown()
    assert "# Backend plan: Password reset by e-mail" in preview
    assert "**Projected layer graph**" in preview
    assert (sample_copy / "threads_api/.claude/doc/password_reset/backend.md").is_file()
    assert not (Path(api.sample_path()) / ".claude" / "doc").exists()


def test_a_second_write_is_compared_with_the_previous_version(sample_copy: Path) -> None:
    app = nb.PlanFeatureApp(feature="password_reset", workdir=str(sample_copy))
    app.run_all()
    app.reset()
    app.run("preview")
    assert "Same text as the previous version, kept at `.claude/doc/password_reset/history/" in (
        app.panels["preview"].static_markdown()
    )


def test_choosing_another_feature_resets_the_step_panels(sample_copy: Path) -> None:
    app = nb.PlanFeatureApp(feature="password_reset", workdir=str(sample_copy))
    app.run("survey")
    app.features.feature.value = "thread_subscriptions"
    assert [app.panels[s].state.value for s in STEPS] == ["not run"] * len(STEPS)
    app.panels["read_context"].button.click()
    assert "Thread subscriptions" in app.panels["read_context"].static_markdown()


def test_new_feature_form_creates_the_context_session(assets_dir: Path, tmp_path: Path) -> None:
    repo = shutil.copytree(assets_dir / "feature_slices", tmp_path / "feature_slices")
    app = nb.PlanFeatureApp(str(repo))
    assert app.feature == ""
    app.panels["read_context"].button.click()
    assert app.panels["read_context"].state.value == "failed"
    assert "choose a feature" in app.panels["read_context"].static_markdown()
    app.features.new_name.value = "order_refunds"
    app.features.new_describe.value = "Refund an order within 14 days."
    app.features.create.click()
    assert app.feature == "order_refunds"
    assert (repo / ".claude/sessions/context_session_order_refunds.md").is_file()
    app.run_all()
    assert (repo / ".claude/doc/order_refunds/backend.md").is_file()
    assert app.plan_status() == "feature_slices/.claude/doc/order_refunds/backend.md: on disk, " + (
        f"{len(app.session.markdown.splitlines())} lines"  # type: ignore[union-attr]
    )


def test_sandbox_buttons_move_a_module_and_export_the_report(tmp_path: Path) -> None:
    sandbox = nb.RefactorSandbox(report_path=str(tmp_path / "review.html"))
    sandbox.module.value = "src.application.services.auth_service"
    sandbox.target.value = "domain"
    sandbox.move_button.click()
    assert sandbox.summary() == "RefactorSandbox(4 violations after)"
    assert "**New violations: 4**" in sandbox.static_markdown()
    sandbox.rule_layer.value = "domain"
    assert sandbox.allowed.value == ()
    sandbox.allowed.value = ("ports",)
    sandbox.rule_button.click()
    assert "**Fixed violations" not in sandbox.static_markdown()  # fixed against the repo
    assert sandbox.summary() == "RefactorSandbox(0 violations after)"
    sandbox.decisions.value = "Services stay in application."
    sandbox.export_button.click()
    assert sandbox.status.value == "Wrote review.html: 0 violations, 1 decisions."
    assert "Services stay in application." in (tmp_path / "review.html").read_text()
    sandbox.reset_button.click()
    assert sandbox.change.describe() == []


def test_sandbox_reports_a_bad_move_without_raising() -> None:
    sandbox = nb.RefactorSandbox()
    sandbox.module.value = "src.nowhere"
    sandbox.move_button.click()
    assert sandbox.status.value.startswith("Not done: no module is named 'src.nowhere'")


def test_preview_shows_the_diff_against_the_previous_version(sample_copy: Path) -> None:
    app = nb.PlanFeatureApp(feature="password_reset", workdir=str(sample_copy))
    app.run_all()
    context = sample_copy / "threads_api/.claude/sessions/context_session_password_reset.md"
    text = context.read_text(encoding="utf-8")
    context.write_text(
        text.replace("## Requirements\n", "## Requirements\n\n- Log every reset request.\n", 1),
        encoding="utf-8",
    )
    app.reset()
    app.run("preview")
    preview = app.panels["preview"].static_markdown()
    assert "**Changes against the previous version** (`.claude/doc/password_reset/history/" in (
        preview
    )
    assert "```diff\n" in preview
    assert "+- Requirement: Log every reset request." in preview


def test_layer_graph_toggles_switch_view_and_tests(assets_dir: Path) -> None:
    graph = nb.LayerGraph()
    graph.update(api.analyse(str(assets_dir / "violations_cycles")))
    assert graph.summary() == "LayerGraph(layers of violations_cycles, rows)"
    assert "tests hidden (3 modules" in graph.static_html()
    graph.tests.value = True
    assert "tests hidden" not in graph.static_html()
    assert ">tests</text>" in graph.static_html()
    graph.view.value = "rings"
    assert graph.summary() == "LayerGraph(layers of violations_cycles, rings, tests shown)"
    assert "domain in the middle" in graph.static_html()


def test_edge_explorer_lists_violations_first_with_file_and_line(assets_dir: Path) -> None:
    explorer = nb.EdgeExplorer()
    analysis = api.analyse(str(assets_dir / "violations_cycles"))
    explorer.update(analysis)
    pairs = [value for _, value in explorer.pair.options]
    bad_pairs = {frozenset((v.importer_layer, v.imported_layer)) for v in analysis.violations}
    assert {frozenset(p) for p in pairs[: len(bad_pairs)]} == bad_pairs
    explorer.choose("infrastructure", "application")
    imports = api.edge_imports(analysis, "application", "infrastructure")
    flags = [i.allowed for i in imports]
    assert flags == sorted(flags) and not flags[0]
    html = explorer.static_html()
    first = imports[0]
    assert f"<code>{first.location}</code>" in html
    assert html.index("✗") < html.index(f"<code>{imports[-1].location}</code>")


def test_a_displayed_panel_puts_a_static_html_copy_next_to_its_widget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    published: list[dict[str, object]] = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **_: published.append(data))
    summary = nb.SummaryTable()
    summary.update(api.analyse())
    summary._ipython_display_()
    assert [sorted(d) for d in published] == [
        ["application/vnd.jupyter.widget-view+json", "text/plain"],
        ["text/html", "text/plain"],
    ]
    static = str(published[1]["text/html"])
    assert static.startswith('<div class="archbook-static-copy">')
    assert "<th>instability</th>" in static


def test_the_scope_step_is_editable_and_the_draft_follows_the_correction(
    sample_copy: Path,
) -> None:
    app = nb.PlanFeatureApp(feature="thread_subscriptions", workdir=str(sample_copy))
    app.panels["scope"].button.click()
    editor = app.scope_editor
    assert editor.layout.display == ""  # shown once the step ran
    assert "archbook-scope-touched" in editor.fields["touched"]._dom_classes
    derived = editor.values()
    assert derived["touched"] and "README.md" not in derived["touched"]
    editor.fields["touched"].value += "\nREADME.md"
    editor.apply_button.click()
    assert "Corrected" in editor.status.value
    assert "README.md" in app.panels["scope"].static_markdown()
    app.panels["draft"].button.click()
    assert app.panels["draft"].state.value == "done"
    assert "**modify** `README.md`" in app.panels["draft"].static_markdown()


def test_the_scope_editor_shows_the_frontend_files_the_plan_leaves_out(
    sample_copy: Path,
) -> None:
    """A frontend file the session names is shown as left to the frontend, and the
    plan's notes follow a correction of that field too."""
    app = nb.PlanFeatureApp(feature="thread_subscriptions", workdir=str(sample_copy))
    (session,) = sample_copy.rglob("context_session_thread_subscriptions.md")
    with session.open("a", encoding="utf-8") as out:
        out.write("\n- The page `web/src/pages/Subscriptions.tsx` lists them.\n")
    app.panels["scope"].button.click()
    editor = app.scope_editor
    assert editor.values()["outside"] == ["web/src/pages/Subscriptions.tsx"]
    app.panels["draft"].button.click()
    assert app.session is not None and app.session.plan is not None
    assert any("`web/src/pages/Subscriptions.tsx`" in n for n in app.session.plan.notes)
    editor.fields["outside"].value = ""
    editor.apply_button.click()
    app.panels["draft"].button.click()
    assert not any("Subscriptions.tsx" in note for note in app.session.plan.notes)
