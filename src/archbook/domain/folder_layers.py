"""Layers a folder's name alone cannot give: decided from the folders beside it or
from what its modules import.

- ``core``, ``config``, ``settings`` (plumbing) name no layer. A plumbing folder that
  holds the composition root (a DI container, an app factory, start-up and shutdown
  handlers that take the application object) is composition; one holding settings
  and helpers only is infrastructure. The verdict is drawn but never accused (it is
  read from content, like a layer guessed from libraries).
- ``app`` (or ``_app``) beside a ``domain`` folder is the application layer of that
  module: ``orders/_app``, ``orders/_domain``, ``orders/_web``.
- A ``migrations`` module is a database migration when it imports a migration tool;
  otherwise the word is contextual (``services/migrations`` imports recipes).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Set

from archbook.domain.layer_tokens import (
    APPLICATION,
    APPLICATION_ABBREVIATIONS,
    COMPOSITION,
    CONTEXTUAL_TOKENS,
    DOMAIN,
    INFRASTRUCTURE,
    MIGRATION_TOOLS,
    PLUMBING_TOKENS,
    PORTS,
    TEST_TOKENS,
)

_INNER_LAYERS = frozenset({DOMAIN, APPLICATION, PORTS})
_PLUMBING_WORD = re.compile("|".join(sorted(PLUMBING_TOKENS)))


def plumbing_folders(
    modules: Iterable[tuple[str, bool]],
    tokens: Mapping[str, str],
    roots: Iterable[str],
) -> dict[str, tuple[str, str]]:
    """Each module of a plumbing folder → (layer, reason) for that folder.

    ``modules`` are (dotted name, is_package) pairs; ``roots`` the modules that hold
    a composition root. See ``plumbing_groups`` for which folders count.
    """
    return plumbing_verdicts(plumbing_groups(modules, tokens), roots)


def plumbing_groups(
    modules: Iterable[tuple[str, bool]], tokens: Mapping[str, str]
) -> dict[str, list[str]]:
    """Each plumbing folder that counts → the modules it holds (names alone decide).

    A plumbing folder counts only when no folder above or below it names a layer (a
    ``core`` holding ``services/`` and ``db/`` is a shared kernel, its folders
    decide) and when no file in it is named for an inner layer (a ``core`` holding
    ``use_cases.py`` and ``ports.py`` is the hexagon itself); nested plumbing folders
    belong to the outermost.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    mixed: set[str] = set()
    for name, is_package in modules:
        lowered = name.lower()
        if _PLUMBING_WORD.search(lowered) is None:
            continue  # a cheap test first: most modules sit in no plumbing folder
        parts = lowered.split(".")
        folders = parts if is_package else parts[:-1]
        start = next((i for i, p in enumerate(folders) if _key(p) in PLUMBING_TOKENS), None)
        if start is None:
            continue
        folder = ".".join(name.split(".")[: start + 1])
        groups[folder].append(name)
        named = (
            p
            for p in folders[:start] + folders[start + 1 :]
            if _key(p) in tokens and _key(p) not in PLUMBING_TOKENS | TEST_TOKENS
        )
        leaf = _key(parts[-1])
        inner = (
            not is_package and leaf not in CONTEXTUAL_TOKENS and tokens.get(leaf) in _INNER_LAYERS
        )
        if inner or next(named, None) is not None:
            mixed.add(folder)
    return {folder: names for folder, names in groups.items() if folder not in mixed}


def plumbing_verdicts(
    groups: Mapping[str, list[str]], roots: Iterable[str]
) -> dict[str, tuple[str, str]]:
    """Each module of ``plumbing_groups`` → its folder's (layer, reason): composition
    when the folder holds one of ``roots``, else infrastructure."""
    root_set = set(roots)
    result: dict[str, tuple[str, str]] = {}
    for folder, names in groups.items():
        verdict = folder_verdict(folder, names, root_set)
        result.update((name, verdict) for name in names)
    return result


def folder_verdict(folder: str, names: Iterable[str], roots: Set[str]) -> tuple[str, str]:
    """The (layer, reason) of one plumbing folder holding ``names``."""
    leaf = folder.rsplit(".", 1)[-1]
    held = sorted(n for n in names if n in roots)
    if held:
        return (COMPOSITION, f"'{leaf}' holds the composition root ({held[0]})")
    return (INFRASTRUCTURE, f"'{leaf}' holds settings and helpers, no composition root")


def leaf_is_contextual(module_name: str) -> bool:
    """True when a module's file name is a contextual word (``events.py``, ``db.py``):
    it says what the file holds, so a plumbing folder's verdict outranks it."""
    return _key(module_name.lower().rsplit(".", 1)[-1]) in CONTEXTUAL_TOKENS


def application_spelling(names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Modules below an ``app`` folder that sits beside a ``domain`` folder → (the name
    to classify, with that folder spelled ``application``; the folder's name)."""
    name_list = list(names)
    folders: set[str] = set()  # dotted names that hold other modules
    for name in name_list:
        end = name.rfind(".")
        while end > 0 and name[:end] not in folders:  # else its own were added
            folders.add(name[:end])
            end = name.rfind(".", 0, end)
    beside_domain: set[str] = set()
    for folder in folders:
        parent, _, last = folder.rpartition(".")
        if _key(last.lower()) in (DOMAIN, "domains") and parent:
            beside_domain.add(parent)
    result: dict[str, tuple[str, str]] = {}
    if not beside_domain:
        return result  # most repositories: no domain folder, nothing spelled otherwise
    for name in name_list:
        parts = name.split(".")
        for i in range(1, len(parts)):
            if _key(parts[i].lower()) not in APPLICATION_ABBREVIATIONS:
                continue
            if ".".join(parts[: i + 1]) in folders and ".".join(parts[:i]) in beside_domain:
                spelled = [*parts[:i], APPLICATION, *parts[i + 1 :]]
                result[name] = (".".join(spelled), parts[i])
                break
    return result


def migration_reason(module_name: str, externals: Iterable[str]) -> str | None:
    """Why a module of a ``migrations`` folder is a database migration (it imports a
    migration tool such as alembic); ``None`` when it does not."""
    lowered = module_name.lower()
    if "migrations" not in lowered or "migrations" not in map(_key, lowered.split(".")):
        return None
    tools = sorted(MIGRATION_TOOLS.intersection(externals))
    return f"database migration ('migrations' importing {tools[0]})" if tools else None


def _key(token: str) -> str:
    return token.lstrip("_")
