"""The notebooks run headless with papermill against another layout (feature slices),
parameterised, and show that layout's architecture, plan and report."""

from __future__ import annotations

from pathlib import Path

from notebook_runs import outputs_of, run_notebook, text_of

NEW_FEATURE = "password_reset"
DESCRIBE = (
    "Let a user who forgot their password set a new one through a link sent by e-mail. "
    "The token expires in 30 minutes and can be used once."
)


def test_tour_of_feature_slices_shows_its_layers_slices_and_routes(
    feature_slices_copy: Path, tmp_path: Path
) -> None:
    notebook = run_notebook(
        "01_architecture_tour.ipynb",
        tmp_path,
        repo=str(feature_slices_copy),
        focus="app.users",
        route="POST /api/v1/users",
    )
    summary = outputs_of(notebook, "tour.summary")
    assert text_of(summary, "text/plain").splitlines()[0] == (
        "SummaryTable(layers: composition, presentation, infrastructure, application, ports, "
        "domain, unclassified)"
    )
    assert "<strong>feature_slices</strong>: 21 modules" in text_of(summary)
    assert "<td>application</td>\n  <td>6</td>" in text_of(summary)
    drill = text_of(outputs_of(notebook, "tour.drill_down"))
    assert "<strong>Modules of app.users</strong> (drawn by graphviz)" in drill
    assert "<svg" in drill
    routes = text_of(outputs_of(notebook, "tour.routes"))
    assert "<strong>Trace of <code>POST /api/v1/users</code></strong>" in routes
    assert "<strong>All 4 routes</strong>" in routes
    assert str(tmp_path) not in text_of(summary) + drill + routes


def test_plan_notebook_creates_the_context_session_and_writes_the_plan(
    feature_slices_copy: Path, tmp_path: Path
) -> None:
    assert not (feature_slices_copy / ".claude").exists()
    notebook = run_notebook(
        "02_plan_feature.ipynb",
        tmp_path,
        repo=str(feature_slices_copy),
        feature=NEW_FEATURE,
        title="Password reset",
        describe=DESCRIBE,
        workdir=str(tmp_path / "work"),
    )
    session = feature_slices_copy / ".claude" / "sessions" / f"context_session_{NEW_FEATURE}.md"
    plan = feature_slices_copy / ".claude" / "doc" / NEW_FEATURE / "backend.md"
    assert DESCRIBE in session.read_text(encoding="utf-8")
    text = plan.read_text(encoding="utf-8")
    assert text.startswith(f"<!-- archbook plan · feature={NEW_FEATURE} · planner=offline")
    assert "# Backend plan: Password reset" in text
    # Not the sample: nothing was copied to the work folder.
    assert not (tmp_path / "work").exists()
    status = text_of(outputs_of(notebook, "print(app.plan_status())"))
    assert status.startswith(f"feature_slices/.claude/doc/{NEW_FEATURE}/backend.md: on disk")
    preview = text_of(outputs_of(notebook, 'app.run("preview")'))
    assert "<h1>Backend plan: Password reset</h1>" in preview
    assert "<strong>Projected layer graph</strong>" in preview


def test_plan_notebook_on_the_sample_writes_only_into_the_work_folder(tmp_path: Path) -> None:
    from archbook import api

    sample = Path(api.sample_path())
    before = sorted(str(p.relative_to(sample)) for p in sample.rglob("*"))
    run_notebook("02_plan_feature.ipynb", tmp_path, workdir=str(tmp_path / "work"))
    assert (tmp_path / "work/threads_api/.claude/doc/password_reset/backend.md").is_file()
    after = sorted(str(p.relative_to(sample)) for p in sample.rglob("*"))
    assert [p for p in after if "__pycache__" not in p] == [
        p for p in before if "__pycache__" not in p
    ]


def test_sandbox_notebook_shows_what_if_violations_and_exports_the_report(
    feature_slices_copy: Path, tmp_path: Path
) -> None:
    report = tmp_path / "reports" / "review.html"
    files_before = _files(feature_slices_copy)
    notebook = run_notebook(
        "03_refactor_sandbox.ipynb",
        tmp_path,
        repo=str(feature_slices_copy),
        report_path=str(report),
        move_module="app.users.application",
        move_to="domain",
        rule_layer="domain",
        rule_allows=["ports"],
        decisions="Services stay in application.\nPorts live under domain/repository.",
    )
    moved = text_of(outputs_of(notebook, "sandbox.move("))
    assert "<strong>New violations: 2</strong>" in moved
    assert "<code>app/users/application/service/user_service.py:5</code>" in moved
    allowed = text_of(outputs_of(notebook, "sandbox.allow("))
    assert "Violations: 0 now, 1 after." in allowed
    status = text_of(outputs_of(notebook, "sandbox.decisions.value"))
    assert status.strip() == "Wrote review.html: 1 violations, 2 decisions."
    html = report.read_text(encoding="utf-8")
    assert "<h1>Architecture review: feature_slices</h1>" in html
    assert "<li>Ports live under domain/repository.</li>" in html
    assert "move app.users.application → domain" in html
    assert "app/users/application/service/user_service.py:6" in html
    assert _files(feature_slices_copy) == files_before


def _files(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for p in root.rglob("*")
        if "__pycache__" not in p.parts
    }
