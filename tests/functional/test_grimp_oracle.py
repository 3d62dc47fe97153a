"""archbook's internal import graph against grimp's, on real installed packages.

grimp (the engine of import-linter) is used here as an independent oracle only.
Each package folder is scanned from site-packages as a user would scan a repository.
The two graphs must be equal but for differences that are known and explained, and
each is computed and asserted explicitly rather than ignored:

* self-imports (``import tornado.autoreload`` inside that module): grimp keeps
  them, archbook drops them (a module does not depend on itself);
* files whose names Python cannot import (``unicode10-0-0.py``, ``hook-lark.py``):
  grimp names them as modules by their file name, archbook reads them as script
  modules named from the sanitised path (``hook_lark``); their imports are the same.

grimp runs in a child process: its Rust engine starts a thread pool that would stay in
the test process, where tests that fork workers expect a single thread.

The packages: starlette and FastAPI (what archbook's users build on), Django (a big
one), and two small ones that hold an instance of each difference: bson (one
self-import) and lark (one file with a hyphen).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.application.layers.scanning import Scanner

pytest.importorskip("grimp")
# prints the modules and direct imports of the package named by argv[1], as JSON
GRIMP_GRAPH = """
import json, sys
import grimp
graph = grimp.build_graph(sys.argv[1], cache_dir=None)
print(json.dumps({
    "modules": sorted(graph.modules),
    "imports": sorted(
        [importer, imported]
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
    ),
}))
"""

# package: (at least this many internal edges, self-imports, non-importable files)
PACKAGES = {
    "starlette": (100, 0, 0),
    "fastapi": (100, 0, 0),
    "django": (2000, 0, 0),
    "bson": (20, 1, 0),
    "lark": (50, 0, 1),
}


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_internal_edges_equal_grimps_but_for_explained_differences(name: str) -> None:
    spec = importlib.util.find_spec(name)  # finds the folder without running the package
    if spec is None or spec.origin is None:
        pytest.skip(f"{name} is not installed")
    folder = os.path.dirname(spec.origin)
    least_edges, self_import_count, non_importable_count = PACKAGES[name]

    done = subprocess.run(
        [sys.executable, "-c", GRIMP_GRAPH, name],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    graph = json.loads(done.stdout)
    grimp_modules = set(graph["modules"])
    theirs = {(importer, imported) for importer, imported in graph["imports"]}
    scan = Scanner(FilesystemSourceTreeReader()).scan(folder)
    ours = {(i.importer, i.imported) for i in scan.imports if not i.external}
    assert len(ours) >= least_edges  # a real graph, not two empty ones

    # explained difference 1: self-imports
    self_imports = {(a, b) for a, b in theirs if a == b}
    assert len(self_imports) == self_import_count

    # explained difference 2: files Python cannot import
    non_importable = {m for m in grimp_modules if not all(_importable(p) for p in m.split("."))}
    assert len(non_importable) == non_importable_count
    scripts = {m.path: m.name for m in scan.modules if m.script}
    renamed = {module: scripts[_path_of(folder, module)] for module in non_importable}
    assert len(scripts) == non_importable_count
    assert scan.skipped == ()

    assert {m.name for m in scan.modules if not m.script} == grimp_modules - non_importable
    # a script's imports are grimp's, under its sanitised name; nothing imports a script
    assert ours == {(renamed.get(a, a), b) for a, b in theirs - self_imports}


def _importable(part: str) -> bool:
    return ("_" + part).isidentifier()


def _path_of(folder: str, module: str) -> str:
    """The path, relative to the package folder, of a module grimp found."""
    relative = module.split(".")[1:]
    as_package = os.path.join(*relative, "__init__.py") if relative else "__init__.py"
    if os.path.isfile(os.path.join(folder, as_package)):
        return as_package.replace(os.sep, "/")
    return "/".join(relative) + ".py"
