"""Scratch copies of repositories on the file system, marked so that archbook replaces
only copies it made itself."""

from __future__ import annotations

import os
import shutil
import tempfile

from archbook.application.ports.workspace import Workspace
from archbook.exceptions import ArchbookError

MARKER = ".archbook-copy"
SKIPPED = ("__pycache__", "*.pyc", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv", ".git")


class WorkspaceError(ArchbookError):
    """The copy cannot be made (the target exists and is not an archbook copy, or I/O)."""


class FilesystemWorkspace(Workspace):
    """``shutil.copytree`` without caches, virtualenvs or ``.git``; a marker file in the copy."""

    def copy_repo(self, source: str, workdir: str | None) -> str:
        source = os.path.abspath(source)
        workdir = workdir or tempfile.mkdtemp(prefix="archbook-work-")
        target = os.path.join(os.path.abspath(workdir), os.path.basename(source.rstrip(os.sep)))
        if target == source or target.startswith(source + os.sep):
            raise WorkspaceError(f"the work folder {workdir} is inside {source}; choose another")
        try:
            if os.path.lexists(target):
                if os.path.islink(target) or not os.path.isfile(os.path.join(target, MARKER)):
                    raise WorkspaceError(
                        f"{target} exists and is not a copy archbook made; "
                        "choose another work folder"
                    )
                shutil.rmtree(target)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns(*SKIPPED))
            with open(os.path.join(target, MARKER), "w", encoding="utf-8") as handle:
                handle.write(f"a copy of {source} made by archbook; safe to delete\n")
        except OSError as error:
            raise WorkspaceError(f"cannot copy {source} to {target}: {error}") from error
        return target
