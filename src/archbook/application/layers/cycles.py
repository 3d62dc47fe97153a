"""Import cycles without a graph library: strongly connected groups of modules.

``archbook check`` and ``archbook analyse`` print cycles; computing them here, in
plain Python over the importing pairs, keeps networkx out of those commands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def strongly_connected_groups(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Groups of more than one module that import each other in a ring, each sorted,
    largest group first (Tarjan's algorithm, iterative so deep chains cannot overflow
    the stack; linear in modules plus edges)."""
    successors: dict[str, list[str]] = defaultdict(list)
    for importer, imported in pairs:
        if importer != imported:
            successors[importer].append(imported)
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for start in sorted(successors):
        if start in index:
            continue
        index[start] = lowlink[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(successors.get(start, ())))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = lowlink[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                elif child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
            if lowlink[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return sorted(groups, key=lambda group: (-len(group), group))
