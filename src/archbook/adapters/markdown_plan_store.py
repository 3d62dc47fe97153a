"""Plans on disk: ``.claude/doc/<feature>/backend.md`` with earlier versions kept in
``history/`` and hand edits protected."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from archbook.adapters.safe_paths import (
    UnsafePathError,
    ensure_real_folder,
    remove_stale_temporaries,
    write_atomically,
    write_new_atomically,
)
from archbook.application.ports.plan_store import PlanStore, StoredPlan
from archbook.domain.plan import check_feature_name
from archbook.exceptions import ArchbookError

PLAN_FILE = "backend.md"
EditCheck = Callable[[str], bool]
MAX_SAME_STAMP = 100


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
        data = _read_no_follow(path)
        return None if data is None else data.decode("utf-8", errors="replace")

    def write(self, root: str, feature: str, text: str, force: bool = False) -> StoredPlan:
        check_feature_name(feature)
        folder = ensure_real_folder(root, (".claude", "doc", feature))
        remove_stale_temporaries(folder)
        target = os.path.join(folder, PLAN_FILE)
        if os.path.islink(target):
            raise UnsafePathError(f"{target} is a symlink; archbook refuses to replace it")
        previous = None
        current = _read_no_follow(target)
        if current is not None:
            # Bytes that are not UTF-8 were not written by archbook: a hand edit.
            if self._is_edited(current.decode("utf-8", errors="replace")) and not force:
                raise PlanEditedError(
                    f"{self._relative(root, target)} was edited by hand since archbook wrote "
                    "it; it was kept as it is (use --force to replace it, the edited version "
                    "is then kept under history/)"
                )
            previous = self._relative(root, self._keep(root, feature, current))
        write_atomically(target, text)
        return StoredPlan(self._relative(root, target), previous)

    def _keep(self, root: str, feature: str, data: bytes) -> str:
        """The replaced plan, byte for byte, under a history name nothing occupies (a
        dangling link there counts as occupied and is never followed)."""
        history = ensure_real_folder(root, (".claude", "doc", feature, "history"))
        remove_stale_temporaries(history)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        for counter in range(1, MAX_SAME_STAMP + 1):
            suffix = f"-{counter}" if counter > 1 else ""
            kept = os.path.join(history, f"backend-{stamp}{suffix}.md")
            try:
                write_new_atomically(kept, data)
            except FileExistsError:
                continue
            return kept
        raise UnsafePathError(f"{history} holds {MAX_SAME_STAMP} entries stamped {stamp}")

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


def _read_no_follow(path: str) -> bytes | None:
    """The bytes of a regular file at ``path``; None when there is none. A link is refused."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnsafePathError(f"{path} cannot be read safely: {error.strerror}") from error
    with os.fdopen(handle, "rb") as source:
        return source.read()
