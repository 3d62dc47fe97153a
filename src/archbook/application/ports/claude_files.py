"""Port: a target's ``.claude`` folder — context sessions and agent definitions."""

from __future__ import annotations

from abc import ABC, abstractmethod


class ClaudeFiles(ABC):
    """Lists and reads context sessions and agents; creates a context session."""

    @abstractmethod
    def features(self, root: str) -> list[str]:
        """Feature names that have ``.claude/sessions/context_session_<feature>.md``."""

    @abstractmethod
    def read_session(self, root: str, feature: str) -> str | None:
        """The context session's text, or None when it does not exist."""

    @abstractmethod
    def create_session(self, root: str, feature: str, text: str) -> str:
        """Write a new context session (never overwriting one); its relative path."""

    @abstractmethod
    def agent_files(self, root: str) -> list[str]:
        """Relative paths of ``.claude/agents/*.md``."""

    @abstractmethod
    def read_file(self, root: str, relative: str) -> str | None:
        """Text of a file inside ``.claude``, or None."""
