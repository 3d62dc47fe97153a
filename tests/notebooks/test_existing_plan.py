"""Notebook 02's app on a repository that already holds a plan archbook did not write:
the plan is shown with its review, the draft is compared with it, and writing over it
is a button that keeps it in history/. Also the pickers' starting values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archbook import api
from archbook.notebook.planning.existing_plan import REPLACE_LABEL
from archbook.notebook.planning.plan_app import PlanFeatureApp

FEATURE = "member_cards"


@pytest.fixture
def foreign_plan_repo(tmp_path: Path, assets_dir: Path) -> Path:
    root = tmp_path / "members"
    shutil.copytree(assets_dir / "plan_review_repo", root)
    plan = root / ".claude" / "doc" / FEATURE / "backend.md"
    plan.parent.mkdir(parents=True)
    shutil.copy(assets_dir / "plan_review_plans" / "planted_problems.md", plan)
    return root


def test_foreign_plan_is_reviewed_compared_and_replaced_only_by_the_button(
    foreign_plan_repo: Path,
) -> None:
    plan = foreign_plan_repo / ".claude" / "doc" / FEATURE / "backend.md"
    foreign = plan.read_text(encoding="utf-8")
    app = PlanFeatureApp(str(foreign_plan_repo), feature=FEATURE)
    shown = app.existing.static_markdown()
    assert "Plan already there" in shown
    assert "missing-file" in shown and "code-does-not-parse" in shown
    assert "<svg" in shown

    panel = app.run("preview")
    assert panel is app.panels["preview"]
    assert panel.state.value == "failed" and REPLACE_LABEL in panel.static_markdown()
    assert app.panels["write"].state.value == "failed"
    assert "--force" not in app.panels["write"].static_markdown()
    assert REPLACE_LABEL in app.panels["write"].static_markdown()
    assert app.replace_button.layout.display == ""
    assert plan.read_text(encoding="utf-8") == foreign
    assert "Side by side" in app.panels["draft"].static_markdown()
    assert app.existing.comparison is not None
    assert "backend/src/presentation/routes/members.py" in app.existing.comparison.both

    preview = app.replace()
    assert preview.state.value == "done"
    history = list((plan.parent / "history").glob("*.md"))
    assert [h.read_text(encoding="utf-8") for h in history] == [foreign]
    assert plan.read_text(encoding="utf-8").startswith("<!-- archbook plan")
    assert not api.plan_is_foreign(str(foreign_plan_repo), FEATURE)
    assert "history/" in app.existing.static_markdown()
    assert app.replace_button.layout.display == "none"


def test_new_feature_box_is_empty_on_a_repo_that_is_not_the_sample(
    foreign_plan_repo: Path, tmp_path: Path
) -> None:
    app = PlanFeatureApp(str(foreign_plan_repo), feature="password_reset")
    assert app.features.new_name.value == ""
    sample = PlanFeatureApp(None, feature="brand_new", workdir=str(tmp_path / "work"))
    assert sample.features.new_name.value == "brand_new"
    sample.repo.load(str(foreign_plan_repo))
    assert sample.features.new_name.value == ""


def test_recent_list_shows_the_repository_that_is_loaded(
    foreign_plan_repo: Path, tmp_path: Path
) -> None:
    app = PlanFeatureApp(None, workdir=str(tmp_path / "work"))
    assert app.repo.recent.value == api.sample_path()
    app.repo.load(str(foreign_plan_repo), remember=True)
    assert app.repo.recent.value == str(foreign_plan_repo)
    opened = PlanFeatureApp(str(foreign_plan_repo))
    assert opened.repo.recent.value == str(foreign_plan_repo)
