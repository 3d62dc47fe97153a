"""Port: a regular-expression search over texts that ends within a time bound.

A model chooses the pattern, so it may backtrack catastrophically (``(a+)+$``); the
search must be stoppable from outside, which Python's ``re`` in the same process is
not (it holds the interpreter until it returns).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from archbook.exceptions import ArchbookError

Hit = tuple[str, int, str]


class SearchTimeoutError(ArchbookError):
    """The search did not finish within its time bound and was stopped."""


class TextSearch(ABC):
    """Searches ``(label, text)`` pairs line by line."""

    @abstractmethod
    def search(
        self, pattern: str, texts: Sequence[tuple[str, str]], limit: int, timeout_s: float
    ) -> list[Hit]:
        """Up to ``limit`` ``(label, line number, line)`` hits; ``SearchTimeoutError``
        when it takes longer than ``timeout_s``; ``ValueError`` for a bad pattern."""
