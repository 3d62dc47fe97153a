"""New classes a session lists under a heading naming their kind ("Value Objects",
"Commands", "Queries", "Domain Events"), where the repository keeps that kind one class
per module in a folder of that name (``value_objects/price.py`` defining
``Price``): each new one gets its module there, and, where each class of the
folder has a handler module beside (``handlers/add_item_handler.py`` for
``commands/add_item.py``), its handler too.

A design document or a requirements document of a DDD code base lists them so, by
name, in sub-headings, table rows or list items; the names already defined in one
of the folders of that kind say which bounded context the list is about.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import camel, singular, snake
from archbook.application.planning.scoping.repo_index import RepoIndex
from archbook.domain.layers import TESTS

_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?:[\d.]+\s+)?(?P<name>.+?)\s*#*\s*$")
# A class name leading a sub-heading, a table row or a list item; in a list item, a
# word of its own (``- Discount``) only in bold or backticks: "- All fields optional"
# names no class.
_LISTED = re.compile(
    r"^(?:#{1,6}\s+|\|\s*|[-*+]\s+(?P<marked>\*\*|`)?)"
    r"(?P<name>[A-Z][a-z]+(?P<humps>(?:[A-Z][a-z0-9]+)*))\b"
)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
# Folder modules named after the class each defines before a folder counts as one
# class per module.
CLASS_PER_MODULE = 2
HANDLER = "handler"


@dataclass(frozen=True)
class ListedClass:
    """A new class to write in its own module: where, and its name."""

    path: str
    name: str
    handler: str = ""  # its handler module, where the folder's classes each have one


def classes_by_kind(
    context: ContextSession, known: RepoKnowledge, index: RepoIndex
) -> list[ListedClass]:
    """The new classes the session lists under headings naming a folder of the
    repository that holds one class per module, each with its module there."""
    folders = _class_folders(known)
    if not folders:
        return []
    found: list[ListedClass] = []
    for kind, names in _listed(context.text).items():
        homes = [f for f in folders if _names_kind(posixpath.basename(f), kind)]
        # the folder of the bounded context whose classes the list names already
        known_here = Counter(
            folder for folder in homes for name in names if _base(name, folder) in folders[folder]
        )
        if not known_here and len(homes) == 1:
            known_here[homes[0]] = 0  # the kind's only folder
        if not known_here:
            continue
        folder = min(known_here, key=lambda f: (-known_here[f], f))
        handlers = _handlers_beside(folder, folders[folder], index)
        suffix = _suffix(folder)
        for name in names:
            base = _base(name, folder)
            if base in folders[folder] or index.defined_in(name):
                continue
            if index.defined_in(base) or index.defined_in(base + suffix):
                continue
            path = f"{folder}/{snake(base)}.py"
            if index.exists(path) or any(item.path == path for item in found):
                continue
            handler = f"{handlers}/{snake(base)}_{HANDLER}.py" if handlers else ""
            found.append(ListedClass(path, name, handler))
    return found


def _suffix(folder: str) -> str:
    """What the classes of a kind's folder may end with: ``Query`` in ``queries/``."""
    return camel(singular(posixpath.basename(folder)))


def _base(name: str, folder: str) -> str:
    """A listed name less its kind's suffix (``GetCartQuery`` → ``GetCart``)."""
    suffix = _suffix(folder)
    return name[: -len(suffix)] if name.endswith(suffix) and name != suffix else name


def _class_folders(known: RepoKnowledge) -> dict[str, set[str]]:
    """Folders holding one class per module named after it, with those classes'
    names less their kind's suffix: ``CLASS_PER_MODULE`` modules or more, or one whose
    class carries the suffix (``queries/get_cart.py`` with ``GetCartQuery``). A test
    folder is never a kind's."""
    exact: dict[str, set[str]] = {}
    suffixed: dict[str, set[str]] = {}
    for qualname, module in known.model.modules.items():
        if known.roles.get(qualname) == TESTS:
            continue
        folder, base = posixpath.split(module.path)
        stem, suffix = base.removesuffix(".py"), _suffix(folder)
        for name in module.classes:
            if snake(name) == stem:
                exact.setdefault(folder, set()).add(name)
            elif suffix and name == camel(stem) + suffix:
                suffixed.setdefault(folder, set()).add(name[: -len(suffix)])
    return {
        folder: exact.get(folder, set()) | suffixed.get(folder, set())
        for folder in {*exact, *suffixed}
        if folder in suffixed or len(exact[folder]) >= CLASS_PER_MODULE
    }


def _listed(text: str) -> dict[str, list[str]]:
    """The class names listed under each heading, by the heading's words (snake): a
    sub-heading, a table's first cell or a list item's leading word, written as a
    class name."""
    listed: dict[str, list[str]] = {}
    stack: list[tuple[int, str]] = []
    fenced = False
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if _TABLE_RULE.match(lines[number + 1] if number + 1 < len(lines) else ""):
            continue  # a table's header row names its columns
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        heading = None if fenced else _HEADING.match(line)
        if heading is not None:
            level = len(heading.group("level"))
            while stack and stack[-1][0] >= level:
                stack.pop()
            name = _LISTED.match(line)
            if name is not None and stack:  # "#### Discount" under "### Value Objects"
                _add(listed, stack[-1][1], name.group("name"))
            # a title (``#``) names the feature, never a kind of class
            kind = snake(re.sub(r"[^\w\s]", " ", heading.group("name"))) if level > 1 else ""
            stack.append((level, kind))
            continue
        item = _LISTED.match(line.strip())
        if item is not None and stack and (item.group("humps") or not _plain_item(item)):
            _add(listed, stack[-1][1], item.group("name"))
    return listed


def _plain_item(item: re.Match[str]) -> bool:
    """Whether a match is a list item's first word, neither bold nor in backticks."""
    return item.group(0)[:1] in "-*+" and not item.group("marked")


def _add(listed: dict[str, list[str]], kind: str, name: str) -> None:
    names = listed.setdefault(kind, [])
    if name not in names:
        names.append(name)


def _names_kind(folder: str, heading: str) -> bool:
    """Whether a heading (snake) names a folder's kind: the heading is the folder's
    name, with one word before it at most (``value_objects``; ``domain_events``), not a
    sentence ending in it ("… for portfolio queries")."""
    extra = len(heading.split("_")) - len(folder.split("_"))
    return heading == folder or (extra == 1 and heading.endswith(f"_{folder}"))


def _handlers_beside(folder: str, classes: set[str], index: RepoIndex) -> str:
    """The ``handlers`` folder beside ``folder`` where half of its classes or more have
    a handler module there (``handlers/add_item_handler.py``), else ""."""
    handlers = posixpath.join(posixpath.dirname(folder), f"{HANDLER}s")
    held = sum(index.exists(f"{handlers}/{snake(name)}_{HANDLER}.py") for name in classes)
    return handlers if held * 2 >= len(classes) else ""
