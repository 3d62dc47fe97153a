"""A target's ``.claude`` folder on disk: context sessions and agent definitions.

Writes go only to ``.claude/sessions/`` (a new context session, never replacing one)
and refuse any symlink on the way, so nothing outside the repository is touched.
"""

from __future__ import annotations

import os
import re

from archbook.adapters.safe_paths import ensure_real_folder, write_new_atomically
from archbook.application.ports.claude_files import ClaudeFiles
from archbook.domain.plan import check_feature_name
from archbook.exceptions import ArchbookError

SESSION = re.compile(r"context_session_(?P<feature>[A-Za-z0-9_-]{1,64})\.md\Z")
MAX_FILE_BYTES = 512 * 1024


class FilesystemClaudeFiles(ClaudeFiles):
    """Reads and (for new context sessions only) writes ``<root>/.claude``."""

    def features(self, root: str) -> list[str]:
        folder = os.path.join(root, ".claude", "sessions")
        try:
            names = os.listdir(folder)
        except OSError:
            return []
        found = [m.group("feature") for n in names if (m := SESSION.match(n))]
        return sorted(found, key=str.lower)

    def read_session(self, root: str, feature: str) -> str | None:
        check_feature_name(feature)
        return self.read_file(root, f"sessions/context_session_{feature}.md")

    def create_session(self, root: str, feature: str, text: str) -> str:
        check_feature_name(feature)
        relative = f".claude/sessions/context_session_{feature}.md"
        folder = ensure_real_folder(root, (".claude", "sessions"))
        target = os.path.join(folder, f"context_session_{feature}.md")
        try:
            write_new_atomically(target, text)
        except FileExistsError as error:
            raise ArchbookError(f"{relative} already exists; archbook never replaces it") from error
        return relative

    def agent_files(self, root: str) -> list[str]:
        folder = os.path.join(root, ".claude", "agents")
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        return [f".claude/agents/{n}" for n in names if n.endswith(".md")]

    def read_file(self, root: str, relative: str) -> str | None:
        relative = relative.removeprefix(".claude/")
        base = os.path.realpath(os.path.join(root, ".claude"))
        full = os.path.realpath(os.path.join(base, relative))
        if not full.startswith(base + os.sep) or not os.path.isfile(full):
            return None
        try:
            with open(full, encoding="utf-8", errors="replace") as handle:
                return handle.read(MAX_FILE_BYTES)
        except OSError:
            return None
