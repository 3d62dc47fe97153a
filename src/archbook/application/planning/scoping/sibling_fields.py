"""New fields a session names beside fields a class of the repository already has.

A session listing `graph_results` and `vector_results`, which one class declares (a
state, a settings or schema class), with `manual_results`, which nothing defines yet,
adds the new one to that class: its module changes. When a sibling's first words also
name a module of their own (`image_results` and `retrievers/image_retriever.py`), each
new field gets its module laid out the same way (`retrievers/manual_retriever.py`).
"""

from __future__ import annotations

import ast
import posixpath
from collections import Counter
from dataclasses import dataclass, replace

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.scoping.mentions import written_as_code
from archbook.application.planning.scoping.repo_index import RepoIndex

# Fields of one class a session must name, sharing their last word, before a new name
# ending with that word is taken for one more of them.
MIN_SIBLINGS = 2


@dataclass(frozen=True)
class SiblingFields:
    """A class gaining fields like some it has, and the modules laid out for them."""

    path: str
    klass: str
    new: tuple[str, ...]
    siblings: tuple[str, ...]
    # (new module, the sibling's module it is laid out like, the new field it serves)
    modules: tuple[tuple[str, str, str], ...] = ()


def sibling_fields(
    context: ContextSession, known: RepoKnowledge, index: RepoIndex
) -> SiblingFields | None:
    """The class the session adds fields to beside ones it names, if exactly one class
    has the most of them (``created_at`` and ``updated_at`` are on every table: no
    class stands out, nothing is planned)."""
    names = [n for n in context.code_names if n.islower() and "_" in n.strip("_")]
    if not names:
        return None
    fields = _class_fields(known, index)
    named: dict[tuple[str, str], list[str]] = {}
    for name in names:
        for owner in fields.get(name, ()):
            named.setdefault(owner, []).append(name)
    fresh = [
        n
        for n in names
        if n not in fields and not index.defined_in(n) and written_as_code(context.text, n)
    ]
    found: list[tuple[int, SiblingFields]] = []
    for (path, klass), siblings in named.items():
        endings = Counter(_last_word(s) for s in siblings)
        shared = {word for word, count in endings.items() if count >= MIN_SIBLINGS}
        new = tuple(n for n in fresh if _last_word(n) in shared)
        kin = tuple(s for s in siblings if _last_word(s) in shared)
        if new:
            found.append((len(kin), SiblingFields(path, klass, new, kin)))
    found.sort(key=lambda item: -item[0])
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    best = found[0][1]
    return replace(best, modules=_laid_out_like(best, index))


def _class_fields(known: RepoKnowledge, index: RepoIndex) -> dict[str, list[tuple[str, str]]]:
    """Each name a class of the code declares at its top (``name: type`` or
    ``name = value``), with the (path, class) declaring it; tests left out."""
    fields: dict[str, list[tuple[str, str]]] = {}
    for module in known.model.modules.values():
        if index.is_test(module.path):
            continue
        for name, klass in module.classes.items():
            for statement in klass.node.body:
                target = (
                    statement.target
                    if isinstance(statement, ast.AnnAssign)
                    else statement.targets[0]
                    if isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    else None
                )
                if isinstance(target, ast.Name):
                    fields.setdefault(target.id, []).append((module.path, name))
    return fields


def _laid_out_like(found: SiblingFields, index: RepoIndex) -> tuple[tuple[str, str, str], ...]:
    """A module for each new field where one sibling's first words name a module
    (``image`` of ``image_results`` → ``image_retriever.py``): the new
    one goes beside it, its first words swapped. Several such siblings must agree on
    the folder and the ending, or nothing is laid out."""
    layouts: set[tuple[str, str]] = set()
    examples: dict[tuple[str, str], str] = {}
    for sibling in found.siblings:
        stem = sibling.removesuffix("_" + _last_word(sibling))
        for path in index.files:
            folder, name = posixpath.split(path)
            if name.startswith(f"{stem}_") and name.endswith(".py") and not index.is_test(path):
                layout = (folder, name[len(stem) :])
                layouts.add(layout)
                examples.setdefault(layout, path)
    if len(layouts) != 1:
        return ()
    layout = layouts.pop()
    folder, ending = layout
    modules = []
    for new in found.new:
        path = posixpath.join(folder, new.removesuffix("_" + _last_word(new)) + ending)
        if not index.exists(path):
            modules.append((path, examples[layout], new))
    return tuple(modules)


def _last_word(name: str) -> str:
    return name.rstrip("_").rpartition("_")[2]
