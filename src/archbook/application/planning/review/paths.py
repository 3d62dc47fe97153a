"""Paths as plans write them, made repository-relative.

Plans write ``/backend/src/x.py`` (a leading slash for the repo root), ``./src/x.py``,
or ``src/x.py`` when the backend lives in a ``backend/`` sub-folder; the locator
turns each into the path the file has (or would have) in the repository.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PathLocator:
    """``exists(path)`` answers for repo-relative paths (files or folders); ``prefixes``
    are the sub-folders a backend may live in (``backend``, ``services/api``)."""

    exists: Callable[[str], bool]
    prefixes: tuple[str, ...] = ()

    def normalise(self, written: str) -> str:
        """The repo-relative path of ``written``; empty when it leaves the repository."""
        path = written.strip().strip("`'\"").replace("\\", "/")
        while path.startswith(("./", "/")):
            path = path[1:] if path.startswith("/") else path[2:]
        path = posixpath.normpath(path) if path else ""
        if not path or path == "." or path.startswith("..") or "\0" in path:
            return ""
        if self.exists(path) or any(path.startswith(p + "/") for p in self.prefixes):
            return path
        for prefix in self.prefixes:
            if self.exists(f"{prefix}/{path}"):
                return f"{prefix}/{path}"
        top = path.split("/", 1)[0]
        if "/" in path and self.exists(top):
            return path
        for prefix in self.prefixes:
            if "/" in path and self.exists(f"{prefix}/{top}"):
                return f"{prefix}/{path}"
        return path


def backend_prefixes(source_roots: Iterable[str], module_paths: Iterable[str]) -> tuple[str, ...]:
    """Sub-folders a backend lives in: the source roots and the folders above them, and
    the top folder that holds every module when there is one (``backend``)."""
    found: list[str] = []
    for root in source_roots:
        parts = [p for p in root.strip("/").split("/") if p and p != "."]
        found += ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
    tops = {p.split("/", 1)[0] for p in module_paths if "/" in p}
    if len(tops) == 1:
        found.append(tops.pop())
    return tuple(sorted(set(found), key=lambda p: (p.count("/"), p)))
