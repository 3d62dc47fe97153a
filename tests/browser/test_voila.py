"""The Voilà app (02 with its code hidden) in Debian's Chromium: the same flow as in Lab."""

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
from servers import SCREENSHOTS_DIR, copy_notebooks, voila_app


def test_voila_app_hides_code_and_its_step_buttons_write_the_chosen_feature(
    tmp_path: Path,
) -> None:
    workdir = tmp_path / "work"
    notebooks = copy_notebooks(tmp_path / "notebooks", workdir)
    with voila_app(notebooks / "02_plan_feature.ipynb", tmp_path, "voila") as page:
        # Voilà runs every cell before it shows the app: the parameter's feature is planned.
        wait_for_state(page, "preview", "done")
        assert plan_on_disk(workdir, "password_reset").is_file()
        assert "app.run(" not in page.content()

        plan_feature_with_buttons(page)
        # the hand-corrected scope reached the draft, and the plan written from it
        assert draft_names(page, CORRECTED_FILE)
        page.locator(".archbook-plan-app").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS_DIR / "voila-plan-app.png"))
        title = rendered_plan_title(page)
        page.locator("button.archbook-step-preview").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=str(SCREENSHOTS_DIR / "voila-plan-preview.png"))

    assert title == f"Backend plan: {FEATURE_TITLE}"
    plan = plan_on_disk(workdir).read_text(encoding="utf-8")
    assert plan.startswith(f"<!-- archbook plan · feature={FEATURE} · planner=offline")
    assert f"# {title}" in plan
    assert f"`{CORRECTED_FILE}`" in plan
