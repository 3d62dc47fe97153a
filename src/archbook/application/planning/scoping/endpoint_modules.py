"""Router folders that keep one endpoint per module.

Some repositories give every endpoint a module of its own (``users/grant_admin.py``,
``users/create_user.py``, each with its router or router factory) and include them
all in one module (``users/router.py``). A new endpoint there is a new module beside
them, included where they are, not a second route in a neighbour's module.
"""

from __future__ import annotations

import posixpath
from collections import Counter

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.domain.layers import TESTS

# Router modules a folder must hold, each serving one path, to keep one endpoint per
# module: two could be a coincidence of small routers.
MIN_ENDPOINT_MODULES = 3


def one_endpoint_modules(known: RepoKnowledge, module_path: str) -> list[str]:
    """The router modules of ``module_path``'s folder when each serves one path (its
    methods aside) and there are ``MIN_ENDPOINT_MODULES`` at least; else []."""
    paths = known.analysis.scan.module_paths
    served: dict[str, set[str]] = {}
    for route in known.facts.routes:
        path = paths.get(route.handler.partition(":")[0])
        if path:
            served.setdefault(path, set()).add(route.path)
    folder = posixpath.dirname(module_path)
    beside = sorted(path for path in served if posixpath.dirname(path) == folder)
    if len(beside) < MIN_ENDPOINT_MODULES or any(len(served[path]) != 1 for path in beside):
        return []
    return beside


def including_module(known: RepoKnowledge, modules: list[str]) -> str | None:
    """The module (outside them and the tests) that imports the most of ``modules``,
    two at least: where the routers kept one per module are included."""
    paths = known.analysis.scan.module_paths
    wanted = {name for name, path in paths.items() if path in modules}
    counts = Counter(
        importer
        for importer, imported in known.analysis.pairs
        if imported in wanted and importer not in wanted and known.roles.get(importer) != TESTS
    )
    if not counts:
        return None
    best = min(counts, key=lambda name: (-counts[name], name))
    return paths[best] if counts[best] >= 2 else None
