"""Plans on disk: ``.claude/doc/<feature>/backend.md`` with earlier versions kept in
``history/`` and hand edits protected."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable

from archbook.adapters.safe_paths import UnsafePathError, ensure_real_folder, write_atomically
from archbook.application.ports.plan_store import PlanStore, StoredPlan
from archbook.domain.plan import check_feature_name
from archbook.exceptions import ArchbookError

PLAN_FILE = "backend.md"
EditCheck = Callable[[str], bool]


class PlanEditedError(ArchbookError):
    """The plan on disk was changed by hand since archbook wrote it."""


class MarkdownPlanStore(PlanStore):
    """Writes only inside ``<root>/.claude/doc/<feature>/``.

    ``is_edited`` tells whether a text differs from what archbook wrote (the
    application passes its own check, so this adapter knows no Markdown).
    """

    def __init__(self, is_edited: EditCheck) -> None:
        self._is_edited = is_edited

    def read(self, root: str, feature: str) -> str | None:
        path = self._plan_path(root, feature)
        if os.path.islink(path) or not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8") as handle:
            return handle.read()

    def write(self, root: str, feature: str, text: str, force: bool = False) -> StoredPlan:
        check_feature_name(feature)
        folder = ensure_real_folder(root, (".claude", "doc", feature))
        target = os.path.join(folder, PLAN_FILE)
        if os.path.islink(target):
            raise UnsafePathError(f"{target} is a symlink; archbook refuses to replace it")
        previous = None
        if os.path.exists(target):
            with open(target, encoding="utf-8") as handle:
                current = handle.read()
            if self._is_edited(current) and not force:
                raise PlanEditedError(
                    f"{self._relative(root, target)} was edited by hand since archbook wrote "
                    "it; it was kept as it is (use --force to replace it, the edited version "
                    "is then kept under history/)"
                )
            history = ensure_real_folder(root, (".claude", "doc", feature, "history"))
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            kept = _free_name(history, f"backend-{stamp}.md")
            shutil.copy2(target, kept)
            previous = self._relative(root, kept)
        write_atomically(target, text)
        return StoredPlan(self._relative(root, target), previous)

    def history(self, root: str, feature: str) -> list[str]:
        check_feature_name(feature)
        folder = os.path.join(root, ".claude", "doc", feature, "history")
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
        except OSError:
            return []
        return [f".claude/doc/{feature}/history/{n}" for n in names]

    def _plan_path(self, root: str, feature: str) -> str:
        check_feature_name(feature)
        return os.path.join(root, ".claude", "doc", feature, PLAN_FILE)

    @staticmethod
    def _relative(root: str, path: str) -> str:
        return os.path.relpath(path, root).replace(os.sep, "/")


def _free_name(folder: str, name: str) -> str:
    stem, extension = os.path.splitext(name)
    candidate = os.path.join(folder, name)
    counter = 1
    while os.path.exists(candidate):
        counter += 1
        candidate = os.path.join(folder, f"{stem}-{counter}{extension}")
    return candidate
