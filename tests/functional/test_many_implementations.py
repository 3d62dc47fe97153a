"""A port changed as part of the slice a feature is about does not drag a dozen
implementations into the plan: its change says how many there are. A port whose
interface the session changes has every implementation changed."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import MODIFY

METRICS = [f"app/evaluators/metrics/metric_{n}.py" for n in range(6)]
TREE = {
    "app/__init__.py": "",
    "app/evaluators/__init__.py": "",
    "app/evaluators/evaluator.py": (
        "from abc import ABC, abstractmethod\n\n\nclass Evaluator(ABC):\n"
        "    @abstractmethod\n    def evaluate(self, output: str) -> float: ...\n"
    ),
    "app/evaluators/metrics/__init__.py": "",
    **{
        path: (
            "from app.evaluators.evaluator import Evaluator\n\n\n"
            f"class Metric{n}(Evaluator):\n"
            f"    def evaluate(self, output: str) -> float:\n        return {n}.0\n"
        )
        for n, path in enumerate(METRICS)
    },
    "app/services/__init__.py": "",
    "app/services/evaluator_service.py": (
        "from app.evaluators.evaluator import Evaluator\n\n\nclass EvaluatorService:\n"
        "    def run(self, evaluator: Evaluator, output: str) -> float:\n"
        "        return evaluator.evaluate(output)\n"
    ),
}

SLICE = """# Evaluator labels

- Every evaluator result gets a label next to its score.
- `app/evaluators/evaluator.py` documents the labels a result may carry.
"""

INTERFACE = SLICE + "- `Evaluator` gains an `explain(output)` method every evaluator implements.\n"


def test_a_port_many_classes_implement_names_them_once(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, TREE, SLICE, "evaluator-labels")
    port = changes["app/evaluators/evaluator.py"]
    assert port.action == MODIFY
    assert not any(path in changes for path in METRICS), sorted(changes)
    assert any(d.startswith("6 classes implement `Evaluator`") for d in port.details)


def test_a_port_whose_interface_changes_changes_every_implementation(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, TREE, INTERFACE, "evaluator-labels")
    assert all(changes[path].action == MODIFY for path in METRICS)
