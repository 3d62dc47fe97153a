"""Use case: choose the folder a planning session writes into.

Planning writes ``.claude/`` files into its target. The bundled sample lives inside the
installed package, so it is planned on a fresh copy in a work folder instead.
"""

from __future__ import annotations

import os

from archbook.application.ports.workspace import Workspace


def planning_root(root: str, protected: str, workspace: Workspace, workdir: str | None) -> str:
    """``root`` itself, or a fresh copy of it under ``workdir`` (a temporary folder when
    None) when it is ``protected``."""
    if os.path.normpath(os.path.abspath(root)) != os.path.normpath(os.path.abspath(protected)):
        return root
    return workspace.copy_repo(root, workdir)
