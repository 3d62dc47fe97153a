"""What tests compare before and after a run: a file tree, byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

# The headings every backend.md carries, in order: the tests' own list, not the renderer's.
PLAN_SECTIONS = (
    "Summary",
    "Context",
    "Approach and rationale",
    "Files to create or change",
    "Dependency injection wiring",
    "Dependencies",
    "Tests",
    "Error handling",
    "Security",
    "Performance",
    "Migration",
    "Notes for readers with outdated knowledge",
    "Open questions",
    "Validation",
)


def tree(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root``: file bytes, link targets and folders."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            found[key] = "<dir>"
        else:
            found[key] = path.read_bytes()
    return found
