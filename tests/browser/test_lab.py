"""JupyterLab in Debian's Chromium: open 02 on a copy of the notebooks, run all, choose a
feature, press the step buttons in order, see the rendered plan and find it on disk."""

from __future__ import annotations

from pathlib import Path

from flow import (
    CORRECTED_FILE,
    FEATURE,
    FEATURE_TITLE,
    draft_names,
    plan_feature_with_buttons,
    plan_on_disk,
    rendered_plan_title,
    wait_for_state,
)
from lab_ui import run_all_cells
from servers import SCREENSHOTS_DIR, copy_notebooks, free_port, lab_command, served_page

LOAD_MS = 60_000


def test_lab_runs_the_plan_notebook_and_the_step_buttons_write_the_chosen_feature(
    tmp_path: Path,
) -> None:
    workdir = tmp_path / "work"
    notebooks = copy_notebooks(tmp_path / "notebooks", workdir)
    port = free_port()
    status = f"http://127.0.0.1:{port}/api/status"
    with served_page(lab_command(notebooks, port), status, tmp_path, "lab") as page:
        page.goto(f"http://127.0.0.1:{port}/lab/tree/02_plan_feature.ipynb")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=LOAD_MS)
        run_all_cells(page)
        # Run all plans the parameter's feature on a fresh copy of the sample.
        wait_for_state(page, "preview", "done")
        assert plan_on_disk(workdir, "password_reset").is_file()

        plan_feature_with_buttons(page)
        # the hand-corrected scope reached the draft, and the plan written from it
        assert draft_names(page, CORRECTED_FILE)
        page.locator("button.archbook-step-survey").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=str(SCREENSHOTS_DIR / "lab-plan-steps.png"))
        title = rendered_plan_title(page)
        page.locator("button.archbook-step-preview").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=str(SCREENSHOTS_DIR / "lab-plan-preview.png"))

    assert title == f"Backend plan: {FEATURE_TITLE}"
    plan = plan_on_disk(workdir).read_text(encoding="utf-8")
    assert plan.startswith(f"<!-- archbook plan · feature={FEATURE} · planner=offline")
    assert f"# {title}" in plan
    assert f"`{CORRECTED_FILE}`" in plan
    assert (SCREENSHOTS_DIR / "lab-plan-preview.png").stat().st_size > 0
