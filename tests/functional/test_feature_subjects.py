"""A feature named after a thing and what is done to it (``phase-classification``)
introduces that thing when the repository has none, laid out like a resource of the
repository where none the session names has files of its own."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from fakes.planned_trees import planned_session

from archbook.application.planning.naming import plural, singular
from archbook.application.planning.scoping.scope_terms import feature_subject
from archbook.domain.plan import CREATE


def test_a_thing_and_what_is_done_to_it_name_the_thing() -> None:
    phases = Counter({"phase": 4})
    assert feature_subject("phase-classification", phases, {"phases"}) == ["phase"]
    assert feature_subject("report_generation", Counter({"report": 3}), {"reports"}) == ["report"]
    # named too seldom, never in the plural, or not a thing and a deed
    assert feature_subject("phase-classification", Counter({"phase": 2}), {"phases"}) == []
    assert feature_subject("partial-pricing", Counter({"partial": 5}), {"partial"}) == []
    assert feature_subject("phase-classification-engine", phases, {"phases"}) == []
    assert feature_subject("classification-phase", phases, {"phases"}) == []


def _entity(name: str) -> str:
    return f"from dataclasses import dataclass\n\n\n@dataclass\nclass {name}:\n    id: int\n"


MATCHES = {
    "backend/src/__init__.py": "",
    "backend/src/domain/__init__.py": "",
    "backend/src/domain/entities/__init__.py": "",
    "backend/src/domain/entities/match.py": _entity("Match"),
    "backend/src/domain/entities/match_frame.py": _entity("MatchFrame"),
    "backend/src/domain/value_objects/__init__.py": "",
    "backend/src/domain/value_objects/tracking_frame.py": _entity("TrackingFrame"),
    "backend/src/domain/ports/__init__.py": "",
    "backend/src/domain/ports/match_repository.py": (
        "from typing import Protocol\n\nfrom backend.src.domain.entities.match import Match\n\n\n"
        "class MatchRepository(Protocol):\n    def get(self, match_id: int) -> Match: ...\n"
    ),
    "backend/src/infrastructure/__init__.py": "",
    "backend/src/infrastructure/storage/__init__.py": "",
    "backend/src/infrastructure/storage/match_repository.py": (
        "from backend.src.domain.entities.match import Match\n\n\n"
        "class PostgresMatchRepository:\n"
        "    def get(self, match_id: int) -> Match:\n        return Match(match_id)\n"
    ),
}

SPEC = """# Feature Specification: Game Phase Classification

- **Goal:** classify each frame of a match into one of four tactical phases.
- Analysts filter frames by their phases; each frame gets one phase label.
- The system SHALL store the phase of every frame and version the phase models.
"""


def test_a_feature_named_after_a_new_thing_lays_it_out_like_the_repository_s_resource(
    tmp_path: Path,
) -> None:
    session, changes = planned_session(tmp_path, MATCHES, SPEC, "phase-classification")
    assert session.scope_result is not None
    assert "phase" in session.scope_result.new_resources
    # `frame` the session names has no file of its own (`match_frame.py`): the phase is
    # laid out like the match
    for path in (
        "backend/src/domain/entities/phase.py",
        "backend/src/domain/ports/phase_repository.py",
        "backend/src/infrastructure/storage/phase_repository.py",
    ):
        assert changes[path].action == CREATE, path
    assert not any("frame" in path and path not in MATCHES for path in changes)


def test_a_new_port_and_adapter_show_their_analog_s_methods_renamed(tmp_path: Path) -> None:
    """What the match's repository offers, the phase's offers too: the sketches show it
    renamed; the entity is the phase's own, so it gets none of the match's fields."""
    _, changes = planned_session(tmp_path, MATCHES, SPEC, "phase-classification")
    port = changes["backend/src/domain/ports/phase_repository.py"].code_sketch
    adapter = changes["backend/src/infrastructure/storage/phase_repository.py"].code_sketch
    assert "class PhaseRepository(Protocol):" in port
    assert "def get(self, phase_id: int) -> Phase:" in port
    assert "class PostgresPhaseRepository:" in adapter
    assert "match" not in adapter.split("\n", 1)[1].lower()
    assert "match_repository.py" in adapter.splitlines()[0]  # says where its shape comes from
    assert "definitions of" not in changes["backend/src/domain/entities/phase.py"].code_sketch


def test_plurals_of_learned_words_and_of_double_s_words() -> None:
    for one, many in (("hypothesis", "hypotheses"), ("analysis", "analyses")):
        assert (singular(many), plural(one)) == (one, many)
    assert singular("classes") == "class" and singular("addresses") == "address"
    assert singular("houses") == "house" and singular("status") == "status"


TASKS = {
    "backend/src/infrastructure/worker/__init__.py": "",
    "backend/src/infrastructure/worker/tasks/__init__.py": "",
    **{
        f"backend/src/infrastructure/worker/tasks/{name}_tasks.py": (
            f"def run_{name}(match_id: int) -> None:\n    return None\n"
        )
        for name in ("calibration", "ingestion", "metrics")
    },
}


def test_a_new_thing_worked_on_in_the_background_gets_its_task_module(tmp_path: Path) -> None:
    tasks = "backend/src/infrastructure/worker/tasks/phase_classification_tasks.py"
    background = SPEC + "- Frames are classified asynchronously, by the workers.\n"
    changes = planned_session(
        tmp_path / "a", {**MATCHES, **TASKS}, background, "phase-classification"
    )[1]
    assert changes[tasks].action == CREATE
    # the same feature, said to run nowhere in particular, gets none
    changes = planned_session(tmp_path / "b", {**MATCHES, **TASKS}, SPEC, "phase-classification")[1]
    assert tasks not in changes
