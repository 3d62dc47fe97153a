"""Notebook 02 as the Voilà app on a repository that already holds a plan archbook did
not write: the plan is shown with its review, the comparison appears after drafting, and
the "replace" button writes archbook's plan while keeping the old one in history/."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow import wait_for_state
from servers import SCREENSHOTS_DIR, copy_notebooks, set_parameters, voila_app

ASSETS = Path(__file__).resolve().parents[1] / "assets"
FEATURE = "member_cards"
REPLACE = "button.archbook-replace-plan"


def _repo_with_foreign_plan(root: Path) -> Path:
    shutil.copytree(ASSETS / "plan_review_repo", root)
    plan = root / ".claude" / "doc" / FEATURE / "backend.md"
    plan.parent.mkdir(parents=True)
    shutil.copy(ASSETS / "plan_review_plans" / "planted_problems.md", plan)
    return plan


def test_voila_app_reviews_a_foreign_plan_compares_it_and_replaces_it_by_button(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "members"
    plan = _repo_with_foreign_plan(repo)
    foreign = plan.read_text(encoding="utf-8")
    notebooks = copy_notebooks(tmp_path / "notebooks", tmp_path / "work")
    set_parameters(notebooks / "02_plan_feature.ipynb", repo=str(repo), feature=FEATURE)
    notebook = notebooks / "02_plan_feature.ipynb"
    with voila_app(notebook, tmp_path, "voila-foreign-plan") as page:
        # Every cell ran: the write step kept the foreign plan and offers the button.
        wait_for_state(page, "write", "failed")
        existing = page.locator(".archbook-existing-plan").first
        review = str(existing.text_content())
        assert "Plan already there" in review
        assert "missing-file" in review and "wrong-layer-folder" in review
        assert existing.locator("svg, img").count() >= 1  # Voilà shows SVG output as <img>
        draft = str(page.locator(".archbook-panel-draft").first.text_content())
        assert "Side by side" in draft
        assert "--force" not in str(page.locator(".archbook-panel-write").first.text_content())
        assert plan.read_text(encoding="utf-8") == foreign
        existing.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS_DIR / "voila-foreign-plan-review.png"))

        button = page.locator(REPLACE).first
        assert button.is_visible()
        button.click()
        wait_for_state(page, "preview", "done")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.archbook-existing-plan')]"
            ".some(e => e.textContent.includes('history/'))",
            timeout=60_000,
        )

    history = list((plan.parent / "history").glob("*.md"))
    assert [h.read_text(encoding="utf-8") for h in history] == [foreign]
    assert plan.read_text(encoding="utf-8").startswith(f"<!-- archbook plan · feature={FEATURE}")
