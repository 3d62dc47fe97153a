"""What a scan of a repository yields: modules, their imports and skipped files."""

from __future__ import annotations

import marshal
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

# Imports are the one value archbook holds by the tens of thousands; they are
# immutable named tuples because building and caching those costs a fraction of a
# frozen dataclass, which matters on every warm scan.


class ImportStatement(NamedTuple):
    """One import statement as written in a file, before it is resolved.

    ``target`` is the dotted name after ``import``/``from`` (without leading dots),
    ``level`` the number of leading dots, ``names`` the names of a from-import.
    """

    target: str
    level: int
    names: tuple[str, ...]
    line: int
    text: str
    type_checking: bool = False
    in_function: bool = False


def pack_statements(statements: Iterable[ImportStatement]) -> bytes:
    """Statements as one compact bytes value: what a scan snapshot keeps of a file and
    what a worker process sends back, packed once by whichever reads the file."""
    return marshal.dumps(tuple(map(tuple, statements)))


def unpack_statements(packed: bytes) -> tuple[ImportStatement, ...]:
    """The statements ``pack_statements`` packed."""
    make = tuple.__new__
    return tuple(make(ImportStatement, row) for row in marshal.loads(packed))


def root_keys(statements: Iterable[ImportStatement]) -> set[str]:
    """What finding a repository's source roots needs from one file: ``a`` and ``a.b``
    of its absolute imports (``a.b`` the module or the name imported from ``a``)."""
    keys: set[str] = set()
    for statement in statements:
        if statement.level or not statement.target:
            continue
        first, _, rest = statement.target.partition(".")
        keys.add(first)
        if rest:
            keys.add(f"{first}.{rest.partition('.')[0]}")
        else:
            keys.update(f"{first}.{name}" for name in statement.names)
    return keys


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file or folder the scanner left out, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Module:
    """A Python module of the target: its dotted name and where it lives.

    ``script`` marks a file whose path is no Python name (an alembic revision
    ``versions/2024-01-02-….py``, ``bin/run-shard.py``): it is read and its imports
    count, but it is named from its sanitised path and no import can reach it.
    """

    name: str
    path: str
    is_package: bool = False
    script: bool = False


class Import(NamedTuple):
    """A resolved import: ``importer`` imports ``imported`` at ``line``.

    ``imported`` is an internal module name, or the top-level name of an external
    distribution (``fastapi``) when ``external`` is true.
    """

    importer: str
    imported: str
    line: int
    text: str
    external: bool = False
    type_checking: bool = False
    in_function: bool = False


@dataclass(frozen=True)
class ScanStats:
    """How much work a scan did: files seen, parsed anew, taken from the cache."""

    files: int = 0
    parsed: int = 0
    cached: int = 0


@dataclass(frozen=True)
class Scan:
    """The full result of scanning a repository."""

    root: str
    source_roots: tuple[str, ...]
    modules: tuple[Module, ...]
    imports: tuple[Import, ...]
    skipped: tuple[SkippedFile, ...] = ()
    stats: ScanStats = field(default_factory=ScanStats)

    @cached_property
    def module_paths(self) -> dict[str, str]:
        """Each module's dotted name → its path (computed once per scan)."""
        return {m.name: m.path for m in self.modules}

    @cached_property
    def modules_by_folder(self) -> dict[str, tuple[str, ...]]:
        """Each folder's modules by dotted name, a package counted in the folder holding
        its own folder (computed once per scan)."""
        folders: dict[str, list[str]] = {}
        for m in self.modules:
            folder = posixpath.dirname(m.path)
            if posixpath.basename(m.path) == "__init__.py":
                folder = posixpath.dirname(folder)
            folders.setdefault(folder, []).append(m.name)
        return {folder: tuple(names) for folder, names in folders.items()}

    def module(self, name: str) -> Module | None:
        """The module called ``name``, if the scan found it."""
        for module in self.modules:
            if module.name == name:
                return module
        return None
