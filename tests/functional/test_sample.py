"""The bundled threads_api sample: a clean hexagonal backend that populates every layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from archbook import api
from archbook.application.layers.analysis import Analysis
from archbook.domain.layers import DEFAULT_ORDER, LayerRules

SAMPLE = Path(api.sample_path())

# Worked out by hand from the sample's files (see the folder listing).
EXPECTED_LAYERS = {
    "tests": 11,
    "composition": 3,
    "presentation": 13,
    "infrastructure": 17,
    "application": 6,
    "ports": 7,
    "domain": 9,
    "unclassified": 1,
}


@pytest.fixture(scope="module")
def sample() -> Analysis:
    return api.analyse(cache=False)


def test_default_target_is_the_bundled_sample(sample: Analysis) -> None:
    assert SAMPLE.name == "threads_api"
    assert sample.scan.root == str(SAMPLE.resolve())
    assert api.resolve_repo(None) == str(SAMPLE)


def test_sample_uses_the_default_rules(sample: Analysis) -> None:
    assert sample.rules == LayerRules()


def test_every_layer_is_populated(sample: Analysis) -> None:
    counts = sample.layer_counts()
    assert counts == EXPECTED_LAYERS
    assert all(counts[layer] > 0 for layer in DEFAULT_ORDER)
    assert len(sample.scan.modules) == sum(EXPECTED_LAYERS.values()) == 67


def test_the_only_unclassified_module_is_the_src_package(sample: Analysis) -> None:
    assert sample.modules_in("unclassified") == ["src"]


def test_key_modules_sit_in_their_layers(sample: Analysis) -> None:
    assert sample.layer_of("src.main") == "composition"
    assert sample.layer_of("src.infrastructure.container") == "composition"
    assert sample.layer_of("src.presentation.api.dependencies") == "composition"
    assert sample.layer_of("src.presentation.api.routes.threads") == "presentation"
    assert sample.layer_of("src.application.services.thread_service") == "application"
    assert sample.layer_of("src.application.ports.thread_repository") == "ports"
    assert sample.layer_of("src.domain.entities.thread") == "domain"
    assert (
        sample.layer_of("src.infrastructure.adapters.mongo.mongo_thread_repository")
        == "infrastructure"
    )
    assert sample.layer_of("src.tests.conftest") == "tests"


def test_sample_has_no_violations_cycles_or_skipped_files(sample: Analysis) -> None:
    assert sample.violations == []
    assert sample.cycles == []
    assert sample.scan.skipped == ()
    assert all(edge.allowed for edge in sample.layer_edges)


def test_sample_source_root_is_its_top_folder(sample: Analysis) -> None:
    assert sample.scan.source_roots == (".",)


def test_sample_domain_imports_nothing_outside_itself(sample: Analysis) -> None:
    outside = {
        (a, b)
        for a, b in sample.pairs
        if sample.layer_of(a) == "domain" and sample.layer_of(b) != "domain"
    }
    assert outside == set()
    assert sample.layer_metrics["domain"].instability == 0.0


def test_sample_ships_its_claude_files() -> None:
    claude = SAMPLE / ".claude"
    assert (claude / "agents" / "backend-architect.md").is_file()
    sessions = sorted(p.name for p in (claude / "sessions").glob("context_session_*.md"))
    assert sessions == [
        "context_session_password_reset.md",
        "context_session_thread_subscriptions.md",
        "context_session_threads_listing_performance.md",
    ]
    for path in [claude / "agents" / "backend-architect.md", *(claude / "sessions").iterdir()]:
        assert path.read_text(encoding="utf-8").strip()
