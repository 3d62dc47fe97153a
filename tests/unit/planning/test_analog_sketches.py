"""Renaming an analog's definitions for a new resource, and what a sketch keeps."""

from __future__ import annotations

from archbook.application.code_facts.code_model import CodeModel
from archbook.application.planning.offline.analog_sketches import analog_sketch, renamed_words
from archbook.domain.source import Module


def test_a_resource_is_renamed_wherever_it_is_a_whole_part_of_a_name() -> None:
    text = "PostgresPhaseRepository get_phases phase_id PHASE_TTL Phases phaseId"
    assert renamed_words(text, "phase", "pattern") == (
        "PostgresPatternRepository get_patterns pattern_id PATTERN_TTL Patterns patternId"
    )
    # words the resource only starts or ends are other words
    assert renamed_words("emphases phaser PHASER multiphase", "phase", "x") == (
        "emphases phaser PHASER multiphase"
    )
    assert renamed_words("LessonSlot lesson_slots", "lesson_slot", "booking") == (
        "Booking bookings"
    )


SOURCE = '''"""Phases."""
import os
from abc import ABC, abstractmethod

router = APIRouter(prefix="/phases")
LIMIT = 3


class PhaseRepository(ABC):
    """Port for phases.

    More words.
    """

    table: str = "phases"

    @abstractmethod
    async def save_phase(self, phase: Phase) -> None:
        """Save one."""
        os.remove("x")

    def _helper(self):
        return [p for p in range(3)]
'''


def test_a_sketch_keeps_signatures_and_the_router_not_bodies_or_imports() -> None:
    model = CodeModel.build([(Module("app.phase_repository", "app/phase_repository.py"), SOURCE)])
    sketch = analog_sketch(model.modules["app.phase_repository"], "phase", "pattern")
    assert sketch.startswith("# the definitions of phase_repository.py, renamed")
    assert "router = APIRouter(prefix='/patterns')" in sketch
    assert "class PatternRepository(ABC):" in sketch and '"""Port for patterns."""' in sketch
    assert "async def save_pattern(self, pattern: Pattern) -> None:" in sketch
    assert "table: str = 'patterns'" in sketch
    for gone in ("import", "os.remove", "More words", "LIMIT", "range("):
        assert gone not in sketch, gone
    compile(sketch, "sketch", "exec")


def test_a_module_defining_nothing_gives_no_sketch() -> None:
    model = CodeModel.build([(Module("app.c", "app/c.py"), "X = 1\n")])
    assert analog_sketch(model.modules["app.c"], "c", "d") == ""
    assert analog_sketch(None, "c", "d") == ""
