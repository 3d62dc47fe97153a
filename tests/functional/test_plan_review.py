"""Reading plans people or agents wrote, in four styles, and reviewing them against a
fixture monorepo (``tests/assets/plan_review_repo``, backend in ``backend/``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archbook import api
from archbook.cli import main
from archbook.domain.plan_review import ERROR, FROM_TREE, FROM_WORDING, WARNING

ASSETS = Path(__file__).parent.parent / "assets"
REPO = ASSETS / "plan_review_repo"
PLANS = ASSETS / "plan_review_plans"
FEATURE = "member_cards"
SRC = "backend/src"

EXPECTED_FILES = {
    "table_style": {
        f"{SRC}/domain/entities/member_card.py": "create",
        f"{SRC}/application/ports/member_card_repository.py": "create",
        f"{SRC}/application/use_cases/issue_member_card.py": "create",
        f"{SRC}/infrastructure/adapters/mongo_member_card_repository.py": "create",
        f"{SRC}/infrastructure/container.py": "modify",
        f"{SRC}/presentation/routes/members.py": "modify",
    },
    "file_headings_es": {
        f"{SRC}/domain/entities/member_card.py": "create",
        f"{SRC}/application/ports/member_card_repository.py": "create",
        f"{SRC}/infrastructure/adapters/mongo_member_card_repository.py": "create",
        f"{SRC}/infrastructure/container.py": "modify",
    },
    "numbered_headings": {
        f"{SRC}/application/use_cases/issue_member_card.py": "create",
        f"{SRC}/presentation/routes/member_cards.py": "create",
        f"{SRC}/infrastructure/container.py": "modify",
        f"{SRC}/main.py": "modify",
        f"{SRC}/application/use_cases/get_member.py": "delete",
    },
    "path_comments_fr": {
        f"{SRC}/domain/entities/member_card.py": "create",
        f"{SRC}/infrastructure/adapters/mongo_member_card_repository.py": "create",
        f"{SRC}/presentation/routes/members.py": "modify",
        f"{SRC}/infrastructure/container.py": "modify",
    },
}

# (level, rule, path or "" for plan-wide findings) of every problem planted_problems.md holds.
PLANTED = {
    (ERROR, "missing-file", f"{SRC}/application/services/card_service.py"),
    (ERROR, "create-existing", f"{SRC}/domain/entities/member.py"),
    (ERROR, "wrong-layer-folder", f"{SRC}/domain/mongo_card_store.py"),
    (ERROR, "wrong-layer-folder", f"{SRC}/application/card_router.py"),
    (ERROR, "layer-violation", f"{SRC}/domain/entities/member_card.py"),
    (ERROR, "pymongo-version", f"{SRC}/domain/mongo_card_store.py"),
    (ERROR, "pydantic-version", f"{SRC}/application/card_settings.py"),
    (WARNING, "pydantic-version", f"{SRC}/domain/entities/member_card.py"),
    (WARNING, "fastapi-version", f"{SRC}/main.py"),
    (WARNING, "di-idiom", f"{SRC}/presentation/routes/members.py"),
    (ERROR, "code-does-not-parse", f"{SRC}/application/use_cases/issue_member_card.py"),
    (WARNING, "package-manager", ""),
}


def _repo_with_plan(tmp_path: Path, plan: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO, root)
    target = root / ".claude" / "doc" / FEATURE
    target.mkdir(parents=True)
    shutil.copy(PLANS / f"{plan}.md", target / "backend.md")
    return root


@pytest.mark.parametrize("style", sorted(EXPECTED_FILES))
def test_reader_extracts_every_planned_file_with_its_action(tmp_path: Path, style: str) -> None:
    root = _repo_with_plan(tmp_path, style)
    reviewed = api.review(str(root), FEATURE, known=api.knowledge(str(root), cache=False))
    assert reviewed is not None
    assert {f.path: f.action for f in reviewed.plan.files} == EXPECTED_FILES[style]


@pytest.mark.parametrize("style", sorted(EXPECTED_FILES))
def test_correct_plans_get_no_finding(tmp_path: Path, style: str) -> None:
    root = _repo_with_plan(tmp_path, style)
    reviewed = api.review(str(root), FEATURE, known=api.knowledge(str(root), cache=False))
    assert reviewed is not None
    # numbered_headings deletes get_member.py "replaced by the cards flow", which the
    # session never asks for: a reviewer should look twice
    unasked = {(WARNING, "unasked-delete", f"{SRC}/application/use_cases/get_member.py")}
    expected = unasked if style == "numbered_headings" else set()
    assert {(f.level, f.rule, f.path) for f in reviewed.findings} == expected


def test_a_deletion_the_session_asks_for_is_no_finding(tmp_path: Path) -> None:
    root = _repo_with_plan(tmp_path, "numbered_headings")
    session = root / ".claude" / "sessions" / f"context_session_{FEATURE}.md"
    session.write_text(
        session.read_text() + "- `get_member.py` is removed: the cards flow replaces it.\n"
    )
    reviewed = api.review(str(root), FEATURE, known=api.knowledge(str(root), cache=False))
    assert reviewed is not None and reviewed.findings == ()


def test_code_blocks_belong_to_the_file_they_are_written_under(tmp_path: Path) -> None:
    root = _repo_with_plan(tmp_path, "file_headings_es")
    reviewed = api.review(str(root), FEATURE, known=api.knowledge(str(root), cache=False))
    assert reviewed is not None
    adapter = reviewed.plan.file(f"{SRC}/infrastructure/adapters/mongo_member_card_repository.py")
    assert adapter is not None and len(adapter.blocks) == 1
    assert "MongoMemberCardRepository" in adapter.blocks[0].text
    container = reviewed.plan.file(f"{SRC}/infrastructure/container.py")
    assert container is not None and container.action_from == FROM_TREE
    assert [d.name for d in reviewed.plan.dependencies] == ["python-ulid"]
    assert any(c.text == "poetry add python-ulid" for c in reviewed.plan.commands)


def test_paths_are_normalised_from_every_spelling(tmp_path: Path) -> None:
    root = _repo_with_plan(tmp_path, "numbered_headings")
    reviewed = api.review(str(root), FEATURE, known=api.knowledge(str(root), cache=False))
    assert reviewed is not None
    written = {f.path: f.written for f in reviewed.plan.files}
    assert written[f"{SRC}/main.py"] == "/backend/src/main.py"
    assert all(f.action_from == FROM_WORDING for f in reviewed.plan.files)


def test_review_reports_every_planted_problem_and_nothing_else(tmp_path: Path) -> None:
    root = _repo_with_plan(tmp_path, "planted_problems")
    reviewed = api.review(str(root), FEATURE, known=api.knowledge(str(root), cache=False))
    assert reviewed is not None
    found = {(f.level, f.rule, f.path) for f in reviewed.findings}
    assert found == PLANTED
    lines = (PLANS / "planted_problems.md").read_text().splitlines()
    for finding in reviewed.findings:
        assert 1 <= finding.line <= len(lines)
    parse = next(f for f in reviewed.findings if f.rule == "code-does-not-parse")
    assert lines[parse.line - 1].startswith("class IssueMemberCardUseCase")
    mongo = next(f for f in reviewed.findings if f.rule == "pymongo-version")
    assert ".insert(" in lines[mongo.line - 1]
    pip = next(f for f in reviewed.findings if f.rule == "package-manager")
    assert lines[pip.line - 1] == "pip install python-ulid"
    assert "poetry add python-ulid" in pip.message
    broken = [e for e in reviewed.edges if not e.allowed]
    assert [(e.importer_layer, e.target) for e in broken] == [
        ("domain", "src.infrastructure.container")
    ]


def test_cli_review_exits_1_on_errors_and_0_on_a_correct_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _repo_with_plan(tmp_path / "bad", "planted_problems")
    assert main(["review", str(bad), "--feature", FEATURE, "--json", "--no-cache"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["errors"] == len([p for p in PLANTED if p[0] == ERROR])
    assert {f["rule"] for f in document["findings"]} >= {"missing-file", "di-idiom"}
    good = _repo_with_plan(tmp_path / "good", "table_style")
    assert main(["review", str(good), "--feature", FEATURE, "--no-cache"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
    assert main(["review", str(good), "--feature", "absent", "--no-cache"]) == 2


def test_comparison_names_files_of_both_plans_and_their_layers(tmp_path: Path) -> None:
    root = _repo_with_plan(tmp_path, "table_style")
    known = api.knowledge(str(root), cache=False)
    reviewed = api.review(str(root), FEATURE, known=known)
    assert reviewed is not None
    session = api.plan_session(
        str(root), FEATURE, describe="Issue a member card with a number", known=known
    )
    session.validate()
    assert session.plan is not None
    compared = api.compare(reviewed, session.plan)
    drafted = {c.path for c in session.plan.changes}
    read = {f.path for f in reviewed.plan.files}
    assert set(compared.both) == drafted & read
    assert set(compared.only_left) == read - drafted
    assert set(compared.only_right) == drafted - read
    assert "domain" in compared.left_layers and "presentation" in compared.left_layers


def test_cli_plan_shows_both_plans_and_replaces_the_foreign_one_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo_with_plan(tmp_path, "table_style")
    plan = root / ".claude" / "doc" / FEATURE / "backend.md"
    foreign = plan.read_text(encoding="utf-8")
    assert main(["plan", str(root), "--feature", FEATURE, "--no-cache"]) == 2
    out = capsys.readouterr()
    assert f"side by side: .claude/doc/{FEATURE}/backend.md and archbook's offline draft" in out.out
    assert "only there  backend/src/domain/entities/member_card.py" in out.out
    assert "--force" in out.err and plan.read_text(encoding="utf-8") == foreign
    assert main(["plan", str(root), "--feature", FEATURE, "--force", "--no-cache"]) == 0
    kept = list((plan.parent / "history").glob("*.md"))
    assert [k.read_text(encoding="utf-8") for k in kept] == [foreign]
