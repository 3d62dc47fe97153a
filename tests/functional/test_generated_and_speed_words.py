"""A product's goal may speak of performance without any slow code to show for it:
the session asks for a feature, and gets a plan. No plan changes by hand a module a
generator writes, or an old copy kept in an archive folder, unless the session names
it."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_session

from archbook.domain.plan import MODIFY

GENERATED_HEADER = "# This file is generated. Do not edit by hand.\n"
TREE = {
    "app/__init__.py": "",
    "app/models/__init__.py": "",
    "app/models/evaluator.py": "class Evaluator:\n    name: str\n",
    "app/models/__generated__/__init__.py": "",
    "app/models/__generated__/evaluator_configs.py": "class EvaluatorConfig:\n    kind: str\n",
    "app/models/evaluator_schema.py": GENERATED_HEADER + "class EvaluatorSchema:\n    name: str\n",
    "app/services/__init__.py": "",
    "app/services/evaluator_service.py": (
        "from app.models.evaluator import Evaluator\n"
        "from app.models.evaluator_schema import EvaluatorSchema\n"
        "from app.models.__generated__.evaluator_configs import EvaluatorConfig\n\n\n"
        "class EvaluatorService:\n"
        "    def get(self, name: str) -> Evaluator:\n        return Evaluator()\n"
    ),
    "app/api/__init__.py": "",
    "app/api/evaluators.py": (
        "from fastapi import APIRouter\n\nfrom app.services.evaluator_service import "
        "EvaluatorService\n\nrouter = APIRouter()\n\n\n"
        '@router.get("/evaluators/{name}")\ndef get_evaluator(name: str) -> dict:\n'
        "    return {'name': EvaluatorService().get(name).name}\n"
    ),
}

PRODUCT = """# Server evaluators

Evaluators grade the performance and quality of the tasks an app runs.

## Evaluators

- An evaluator is a function that grades a task; the evaluator keeps its name and kind.
- Each evaluator records the score it gave, and the evaluator list shows the last one.
"""


def test_words_of_speed_in_a_product_goal_still_give_a_feature_plan(tmp_path: Path) -> None:
    planning, changes = planned_session(tmp_path, TREE, PRODUCT, "server-evaluators")
    assert planning.plan is not None and planning.plan.kind == "new_feature"
    assert changes["app/services/evaluator_service.py"].action == MODIFY


def test_a_generated_module_is_not_changed_by_hand(tmp_path: Path) -> None:
    _, changes = planned_session(tmp_path, TREE, PRODUCT, "server-evaluators")
    assert "app/models/__generated__/evaluator_configs.py" not in changes
    assert "app/models/evaluator_schema.py" not in changes
    assert changes["app/models/evaluator.py"].action == MODIFY


def test_a_generated_module_the_session_names_is_changed(tmp_path: Path) -> None:
    named = PRODUCT + "- Regenerate `app/models/evaluator_schema.py` with the score.\n"
    _, changes = planned_session(tmp_path, TREE, named, "server-evaluators")
    assert changes["app/models/evaluator_schema.py"].action == MODIFY


def test_an_archived_copy_is_not_changed(tmp_path: Path) -> None:
    """An old copy kept in ``archive/`` is no part of the evaluator slice to change."""
    archived = {
        **TREE,
        "archive/__init__.py": "",
        "archive/api-v1/__init__.py": "",
        "archive/api-v1/evaluators.py": TREE["app/api/evaluators.py"],
        "archive/api-v1/evaluator_service.py": TREE["app/services/evaluator_service.py"],
    }
    _, changes = planned_session(tmp_path, archived, PRODUCT, "server-evaluators")
    assert not any(path.startswith("archive/") for path in changes), list(changes)
    assert changes["app/services/evaluator_service.py"].action == MODIFY
