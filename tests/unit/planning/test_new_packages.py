"""A new folder's package takes the layer its folder gives it, not its first module's:
validation checks every created file's layer against its folder."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import write_tree

from archbook import api
from archbook.application.planning.offline.planner import add_packages
from archbook.application.planning.offline.recipe import Recipe
from archbook.application.planning.plan_validation import layer_of_path
from archbook.application.planning.scoping.repo_index import RepoIndex
from archbook.domain.layers import INFRASTRUCTURE, UNCLASSIFIED
from archbook.domain.plan import CREATE, FileChange

TREE = {
    "src/__init__.py": "",
    "src/core/__init__.py": "",
    "src/core/agent/__init__.py": "",
    "src/core/agent/runner.py": "def run() -> None:\n    return None\n",
    "src/core/openai/__init__.py": "",
    "src/core/openai/client.py": "import openai\n\nclient = openai.OpenAI()\n",
}


def test_a_new_vendor_folder_s_package_is_declared_as_its_folder_makes_it(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    known = api.knowledge(str(tmp_path))
    index = RepoIndex.build(known, lambda path: (tmp_path / path).exists())
    package = "src/core/anthropic/__init__.py"
    assert layer_of_path(known.analysis, package) == INFRASTRUCTURE  # a vendor's folder
    module = FileChange(
        "src/core/anthropic/anthropic_service.py", CREATE, UNCLASSIFIED, "adapter", (), "", ""
    )
    recipe = Recipe(changes=[module])
    add_packages(recipe, index)
    layers = {c.path: c.layer for c in recipe.changes}
    assert layers[package] == INFRASTRUCTURE
