"""Port: list and read the Python files of a repository without importing any of them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from archbook.domain.source import ImportStatement, SkippedFile

Progress = Callable[[int], None]


@dataclass(frozen=True)
class FileImports:
    """The import statements of one file, or ``None`` and the reason it was skipped.

    A file whose imports were read but with a problem has both statements and reason.
    ``packed`` is ``pack_statements(statements)`` and ``keys`` the sorted
    ``root_keys(statements)`` when the reader worked them out already (its worker
    processes do, while others still read): no part of the value.
    """

    statements: tuple[ImportStatement, ...] | None
    reason: str | None = None
    packed: bytes | None = field(default=None, compare=False, repr=False)
    keys: tuple[str, ...] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Listing:
    """The Python files below a root: ``stamps`` maps a relative posix path to
    ``(size, mtime_ns)``; ``packages`` are the folders holding an ``__init__.py``;
    ``folders`` is the reader's own memo of folder listings (plain values), handed
    back on the next listing so unchanged folders need not be read again.
    ``declared_roots`` are the folders the repository's own settings put on
    ``sys.path`` (mypy, pytest, packaging, ``PYTHONPATH``), ``""`` for the root.
    ``prefetched`` holds files a reader read while listing them, each with the
    ``(size, mtime_ns)`` it had: the same reader's ``read_imports`` serves them while
    those are the listed stamps (it is no part of the listing's value)."""

    root: str
    stamps: dict[str, tuple[int, int]]
    packages: frozenset[str]
    skipped: tuple[SkippedFile, ...]
    folders: dict[str, Any] = field(default_factory=dict)
    declared_roots: tuple[str, ...] = ()
    prefetched: dict[str, tuple[tuple[int, int], FileImports]] = field(
        default_factory=dict, compare=False, repr=False
    )


class SourceTreeReader(ABC):
    """Lists a repository's Python files and reads their import statements."""

    @abstractmethod
    def list_files(
        self,
        root: str,
        exclude: tuple[str, ...] = (),
        memo: dict[str, Any] | None = None,
        remember: bool = True,
    ) -> Listing:
        """Every Python file below ``root`` except the ``exclude`` path prefixes;
        ``memo`` is the ``folders`` of an earlier listing of the same root. With
        ``remember`` False nothing will keep this listing's ``folders``: a reader may
        leave them empty and skip what gathering them costs."""

    @abstractmethod
    def read_imports(
        self, root: str, paths: Iterable[str], progress: Progress | None = None
    ) -> dict[str, FileImports]:
        """The import statements of each relative path under ``root``."""
