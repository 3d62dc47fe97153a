"""Use case: remember the repositories a user opens, for a "recently used" picker."""

from __future__ import annotations

import os
from collections.abc import Callable

from archbook.application.ports.recent_paths import RecentPaths

RECENT_LIMIT = 10


def recent_repos(
    store: RecentPaths, exists: Callable[[str], bool], limit: int = RECENT_LIMIT
) -> list[str]:
    """Stored paths that still exist, most recent first, at most ``limit``."""
    return [path for path in store.load() if exists(path)][:limit]


def remember_repo(store: RecentPaths, path: str, limit: int = RECENT_LIMIT) -> list[str]:
    """Put ``path`` (made absolute) first in the list, without duplicates; the new list."""
    path = os.path.abspath(path)
    paths = [path, *(p for p in store.load() if p != path)][:limit]
    store.save(paths)
    return paths
