"""A planning session step by step on copies of the sample: names checked before any
write, context sessions read first (created only when asked, never replaced), each
step running what it needs, results a notebook can show, and the diff of a re-plan."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from fakes.planner import FakePlanner
from fakes.snapshots import tree

from archbook import api
from archbook.adapters.safe_paths import UnsafePathError
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.session import STEPS, InvalidFeatureError, PlanInvalidError
from archbook.domain.plan import CREATE, FileChange
from archbook.exceptions import ArchbookError
from archbook.notebook.planning.steps import step_markdown

SAMPLE_FEATURES = ["password_reset", "thread_subscriptions", "threads_listing_performance"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), root)
    return root


@pytest.fixture(scope="module")
def known() -> RepoKnowledge:
    """The sample's knowledge, shared by tests whose copies are identical to it."""
    return api.knowledge(api.sample_path(), cache=False)


@pytest.mark.parametrize("name", ["delete_news", "news-from-ai", "EPIC-001-migracion-gemini"])
def test_plain_feature_names_open_a_session(repo: Path, known: RepoKnowledge, name: str) -> None:
    session = api.plan_session(str(repo), name, known=known)
    assert session.feature == name
    assert session.context_path == f".claude/sessions/context_session_{name}.md"


@pytest.mark.parametrize(
    "name",
    ["../x", "/abs", "a/b", "", "a\0b", "x" * 65, ".", "..", "two words", "../../etc/passwd"],
    ids=repr,
)
def test_a_bad_feature_name_is_refused_before_anything_is_written(
    repo: Path, known: RepoKnowledge, name: str
) -> None:
    before = tree(repo)
    with pytest.raises(InvalidFeatureError) as raised:
        api.plan(str(repo), name, describe="would create a session", known=known)
    assert "is not allowed" in str(raised.value)
    assert tree(repo) == before


def test_a_missing_context_session_is_an_error_that_lists_the_features(
    repo: Path, known: RepoKnowledge
) -> None:
    before = tree(repo)
    session = api.plan_session(str(repo), "new_thing", known=known)
    with pytest.raises(InvalidFeatureError) as raised:
        session.run_all()
    message = str(raised.value)
    assert ".claude/sessions/context_session_new_thing.md does not exist" in message
    assert "--describe" in message
    assert ", ".join(SAMPLE_FEATURES) in message
    assert tree(repo) == before


def test_a_description_creates_the_context_session_and_says_so(
    repo: Path, known: RepoKnowledge
) -> None:
    session = api.plan_session(
        str(repo),
        "thread_pinning",
        title="Pin threads",
        describe="Moderators pin threads: POST /api/threads/{thread_id}/pin (204).",
        known=known,
    )
    result = session.read_context()
    created = repo / ".claude" / "sessions" / "context_session_thread_pinning.md"
    assert session.created_context
    assert "created .claude/sessions/context_session_thread_pinning.md" in result.details[0]
    text = created.read_text()
    assert text.startswith("# Context session: Pin threads\n")
    assert "Moderators pin threads: POST /api/threads/{thread_id}/pin (204)." in text
    assert session.context is not None and session.context.title == "Pin threads"
    assert api.features(str(repo)) == sorted([*SAMPLE_FEATURES, "thread_pinning"], key=str.lower)


def test_a_description_never_replaces_an_existing_context_session(
    repo: Path, known: RepoKnowledge
) -> None:
    path = repo / ".claude" / "sessions" / "context_session_password_reset.md"
    original = path.read_bytes()
    session = api.plan_session(
        str(repo), "password_reset", describe="Something else entirely.", known=known
    )
    session.read_context()
    assert not session.created_context
    assert path.read_bytes() == original
    assert session.context is not None and session.context.title == "Password reset by e-mail"
    files = session.deps.claude_files
    with pytest.raises(ArchbookError) as raised:
        files.create_session(str(repo), "password_reset", "# replaced\n")
    assert "never replaces it" in str(raised.value)
    assert path.read_bytes() == original


def test_a_symlinked_sessions_folder_is_not_written_through(
    tmp_path: Path, known: RepoKnowledge
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ".claude").mkdir()
    (root / ".claude" / "sessions").symlink_to(outside, target_is_directory=True)
    session = api.plan_session(str(root), "x", describe="Anything.", known=known)
    with pytest.raises(UnsafePathError):
        session.read_context()
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("step", "ran"),
    [
        ("read_context", STEPS[:1]),
        ("survey", STEPS[:2]),
        ("draft", STEPS[:4]),
        ("validate", STEPS[:5]),
        ("write", STEPS[:6]),
        ("preview", STEPS),
    ],
)
def test_each_step_alone_runs_the_steps_it_needs(
    repo: Path, known: RepoKnowledge, step: str, ran: tuple[str, ...]
) -> None:
    session = api.plan_session(str(repo), "password_reset", known=known)
    getattr(session, step)()
    assert tuple(session.results) == ran
    written = (repo / ".claude" / "doc" / "password_reset" / "backend.md").exists()
    assert written == ("write" in ran)


def test_every_result_prints_and_renders_in_a_notebook(repo: Path, known: RepoKnowledge) -> None:
    session = api.plan_session(str(repo), "password_reset", known=known)
    session.run_all()
    for step in STEPS:
        result = session.results[step]
        text = str(result)
        assert text.splitlines()[0] == f"[{step}] {result.summary}"
        markdown = step_markdown(result)
        assert markdown.startswith(f"**{step}** — {result.summary}")
    assert "| file | layer | score | why |" in step_markdown(session.results["survey"])
    assert step_markdown(session.results["preview"]).endswith(session.markdown)
    assert "**create** `" in step_markdown(session.results["draft"])
    assert session.results["validate"].summary == "valid: every check passed"


def test_the_survey_step_ranks_the_listing_path_first(repo: Path, known: RepoKnowledge) -> None:
    session = api.plan_session(str(repo), "threads_listing_performance", known=known)
    result = session.survey()
    top = [r.path for r in session.survey_result.top(8)] if session.survey_result else []
    for path in (
        "src/application/services/thread_service.py",
        "src/application/ports/thread_repository.py",
        "src/infrastructure/adapters/mongo/mongo_thread_repository.py",
    ):
        assert path in top
    assert "routes: GET /api/threads" in result.summary


def test_a_second_run_keeps_the_first_and_previews_the_difference(
    repo: Path, known: RepoKnowledge
) -> None:
    first = api.plan(str(repo), "password_reset", known=known)
    assert first.results["preview"].data["diff"] == []
    assert "previous version kept" not in str(first.results["write"])

    again = api.plan(str(repo), "password_reset", known=known)
    assert again.stored is not None and again.stored.previous is not None
    assert f"previous version kept at {again.stored.previous}" in str(again.results["write"])
    assert again.results["preview"].data["diff"] == []  # nothing changed, nothing to show

    session_file = repo / ".claude" / "sessions" / "context_session_password_reset.md"
    text = session_file.read_text().replace(
        "## Constraints\n\n", "## Constraints\n\n- Log every reset request.\n"
    )
    session_file.write_text(text)
    third = api.plan(str(repo), "password_reset", known=known)
    diff = third.results["preview"].data["diff"]
    assert third.stored is not None and third.stored.previous is not None
    assert diff[0] == f"--- {third.stored.previous}"
    assert diff[1] == "+++ .claude/doc/password_reset/backend.md"
    assert "+- Constraint: Log every reset request." in diff
    assert "diff lines against the previous version" in third.results["preview"].summary
    history = sorted((repo / ".claude" / "doc" / "password_reset" / "history").iterdir())
    assert len(history) == 2


def test_a_hand_edited_plan_is_reported_and_kept(repo: Path, known: RepoKnowledge) -> None:
    api.plan(str(repo), "password_reset", known=known)
    plan = repo / ".claude" / "doc" / "password_reset" / "backend.md"
    plan.write_text(plan.read_text() + "\nAsk Ana about SMTP.\n")
    session = api.plan_session(str(repo), "password_reset", known=known)
    assert session.is_hand_edited()
    with pytest.raises(ArchbookError) as raised:
        session.run_all()
    assert "edited by hand" in str(raised.value)
    assert plan.read_text().endswith("Ask Ana about SMTP.\n")
    forced = api.plan(str(repo), "password_reset", force=True, known=known)
    assert not forced.is_hand_edited()


def test_a_bad_name_is_refused_before_the_repository_is_scanned(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("the repository was scanned for a feature name that is refused")

    monkeypatch.setattr(api, "knowledge", no_scan)
    with pytest.raises(InvalidFeatureError):
        api.plan_session(str(repo), "../x", agent=".claude/agents/missing.md")


def test_a_plan_drafted_again_after_validation_is_validated_again(
    repo: Path, known: RepoKnowledge
) -> None:
    session = api.plan_session(str(repo), "password_reset", known=known)
    first = session.validate()
    assert first.summary == "valid: every check passed"
    assert session.plan is not None
    clash = FileChange("src/application/services/auth_service.py", CREATE, "application", "x")
    session.deps.planner = FakePlanner(dataclasses.replace(session.plan, changes=(clash,)))
    session.draft()  # a notebook cell run again, with another planner
    assert "validate" not in session.results
    with pytest.raises(PlanInvalidError):
        session.write()
    assert not (repo / ".claude" / "doc").exists()


def test_reading_the_context_again_surveys_and_drafts_again(
    repo: Path, known: RepoKnowledge
) -> None:
    session = api.plan_session(str(repo), "password_reset", known=known)
    session.draft()
    old_plan = session.plan
    session_file = repo / ".claude" / "sessions" / "context_session_password_reset.md"
    session_file.write_text(
        session_file.read_text().replace(
            "# Context session: Password reset by e-mail", "# Context session: Reset by e-mail"
        )
    )
    session.read_context()
    assert tuple(session.results) == ("read_context",)
    assert session.plan is None and session.survey_result is None
    session.write()
    assert session.plan is not None and session.plan is not old_plan
    assert session.plan.title == "Reset by e-mail"
