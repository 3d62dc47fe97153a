"""Where a greenfield backend goes. A repository with no backend code yet may still
say where its backend lives — a ``backend/`` folder holding only a manifest or a
README beside a ``frontend/``, or a session whose Python paths all start with
``backend/`` — and the hexagon's skeleton is laid out there, not at the root."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.offline.conventions import Conventions, lay_out_greenfield
from archbook.application.planning.scoping.repo_index import backend_roots

# Folder names a backend is kept under in a repository that also holds other things.
BACKEND_FOLDERS = ("backend", "server", "api", "service")
# First path parts that are the Python package itself, not a folder holding the backend.
PACKAGE_ROOTS = frozenset(("src", "app", "tests", "test"))
MANIFESTS = ("pyproject.toml", "requirements.txt", "setup.py", "setup.cfg")


def place_greenfield(
    conventions: Conventions,
    context: ContextSession,
    known: RepoKnowledge,
    exists: Callable[[str], bool],
) -> None:
    """Lay the greenfield skeleton of ``conventions`` out at the backend root."""
    if conventions.greenfield:
        root = backend_root(context, known, exists)
        if root:
            lay_out_greenfield(conventions, root)


def backend_root(
    context: ContextSession, known: RepoKnowledge, exists: Callable[[str], bool]
) -> str:
    """The backend's folder, first from the session (the top folder its Python paths
    or a named backend folder start with), then from the repository (a Python manifest
    in a sub-folder, or a backend-named folder); ``""`` for the repository's root."""
    said: Counter[str] = Counter()
    for raw in context.named_paths:
        parts = raw.strip("/").split("/")
        top = parts[0]
        if top in PACKAGE_ROOTS or top.startswith(".") or exists(f"{top}/package.json"):
            continue
        python_path = raw.endswith(".py") and len(parts) >= 2
        backend_folder = len(parts) == 1 and raw.endswith("/") and top in BACKEND_FOLDERS
        if python_path or backend_folder:
            said[top] += 1
    if said:
        return said.most_common(1)[0][0]
    for root in backend_roots(known):
        if root and "/" not in root:
            return root
    for folder in BACKEND_FOLDERS:
        if any(exists(f"{folder}/{name}") for name in MANIFESTS) or exists(folder):
            return folder
    return ""
