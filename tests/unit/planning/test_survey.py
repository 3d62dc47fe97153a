"""The survey: feature terms, personalised PageRank over the import graph, and a repo
map that fits its budget — on small graphs and on the bundled sample."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from archbook import api
from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession, parse_context
from archbook.application.planning.survey import (
    CHARS_PER_TOKEN,
    feature_terms,
    personalised_pagerank,
    repo_map,
    survey,
)

SESSIONS = Path(api.sample_path()) / ".claude" / "sessions"


@pytest.fixture(scope="module")
def sample() -> RepoKnowledge:
    # read-only: the sample is scanned, never written (no cache for a module fixture)
    return api.knowledge(api.sample_path(), cache=False)


def context_of(feature: str) -> ContextSession:
    text = (SESSIONS / f"context_session_{feature}.md").read_text()
    return parse_context(feature, f".claude/sessions/context_session_{feature}.md", text)


def test_the_feature_name_weighs_more_than_the_title_and_the_text() -> None:
    terms = feature_terms("thread_subscriptions", "Subscriptions", "## Goal\n\nE-mail people.\n")
    assert terms["thread"] == 3
    assert terms["subscription"] == 5  # name 3 + title 2 (plural folded)
    assert terms["mail"] == 1
    # words every plan uses say nothing about which files matter
    terms = feature_terms("x", "A new endpoint in the service layer", "")
    assert "endpoint" not in terms and "layer" not in terms


def test_terms_come_from_the_deciding_sections_only() -> None:
    text = "## Goal\n\nfaster listing\n\n## Open questions\n\nshould we use redis\n"
    terms = feature_terms("x", "", parse_context("x", "x.md", text).decisive_text())
    assert "listing" in terms
    assert "redi" not in terms and "redis" not in terms


def test_pagerank_restarts_at_the_seeds() -> None:
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("x", "y")])
    scores = personalised_pagerank(graph, {"a": 1.0})
    assert scores["a"] > scores["b"] > scores["c"] > scores["d"] > 0
    assert scores["x"] == scores["y"] == 0  # not connected to any seed
    assert sum(scores.values()) == pytest.approx(1.0)


def test_pagerank_is_deterministic_whatever_the_insertion_order() -> None:
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]
    one = personalised_pagerank(nx.Graph(edges), {"a": 2.0, "d": 1.0})
    two = personalised_pagerank(nx.Graph(list(reversed(edges))), {"d": 1.0, "a": 2.0})
    assert one == two


def test_the_performance_feature_ranks_the_listing_path_first(sample: RepoKnowledge) -> None:
    result = survey(sample, context_of("threads_listing_performance"))
    top = [r.path for r in result.top(8)]
    for path in (
        "src/application/services/thread_service.py",
        "src/application/ports/thread_repository.py",
        "src/infrastructure/adapters/mongo/mongo_thread_repository.py",
    ):
        assert path in top
    assert "GET /api/threads" in result.routes
    ranked = {r.path: r for r in result.ranked}
    assert (
        "on the path of GET /api/threads"
        in ranked["src/infrastructure/adapters/mongo/mongo_thread_repository.py"].reasons
    )
    scores = [r.score for r in result.ranked]
    assert scores == sorted(scores, reverse=True)


def test_password_reset_ranks_authentication_above_messages(sample: RepoKnowledge) -> None:
    result = survey(sample, context_of("password_reset"))
    order = [r.path for r in result.ranked]
    assert order.index("src/application/services/auth_service.py") < order.index(
        "src/application/services/message_service.py"
    )
    assert result.routes == ()  # the new routes do not exist yet


@pytest.mark.parametrize("budget", [50, 400, 6000])
def test_the_repo_map_fits_its_budget_and_starts_with_the_ranked_files(
    sample: RepoKnowledge, budget: int
) -> None:
    order = ["src.application.services.thread_service", "src.domain.errors"]
    text = repo_map(sample, order, budget)
    assert text.startswith("src/application/services/thread_service.py  [application]")
    # a file line may overflow once; never more than one outline past the budget
    assert len(text) <= budget * CHARS_PER_TOKEN + 200


def test_a_large_budget_outlines_classes_and_methods(sample: RepoKnowledge) -> None:
    text = repo_map(sample, ["src.application.services.thread_service"], 6000)
    assert "  class ThreadService()" in text
    assert "    def list_threads(filters) -> ThreadPage" in text


def test_a_folder_every_module_sits_in_ranks_none_of_them(tmp_path: Path) -> None:
    """ "The backend" in a session names the folder all the code is in: it tells no
    module apart, while a word of one module's path does."""
    files = {
        "backend/app/__init__.py": "",
        "backend/app/tools/__init__.py": "",
        "backend/app/tools/calculator.py": "def add(a: int, b: int) -> int:\n    return a + b\n",
        "backend/app/logging_setup.py": "LEVEL = 'INFO'\n",
        "backend/app/users.py": "class User:\n    pass\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    known = api.knowledge(str(tmp_path), cache=False)
    context = parse_context("sums", "s.md", "# Sums\n\nThe backend adds with a calculator.\n")
    ranked = survey(known, context).ranked
    assert ranked[0].path == "backend/app/tools/calculator.py"
    assert not any("'backend' in its path" in r for f in ranked for r in f.reasons)
