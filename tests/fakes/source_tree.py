"""FakeSourceTreeReader: a repository held in memory as ``{path: source text}``.

It lists and reads files like the filesystem reader but without a disk. Each file
carries a (size, version) stamp that changes on every ``write``/``touch``, as size
and mtime do on disk, so tests can drive incremental scans; every path read is
recorded so tests can assert how much work a scan did. Import statements come from
the real ``extract_imports``: the parser is a pure function, and the fake should
differ from the real reader only in where the files live.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from archbook.adapters.scanning.python_imports import extract_imports
from archbook.application.ports.source_tree import (
    FileImports,
    Listing,
    Progress,
    SourceTreeReader,
)
from archbook.domain.source import SkippedFile


class FakeSourceTreeReader(SourceTreeReader):
    """A repository in a dict; ``reads`` lists every path read, in order, across calls.

    ``unreadable`` maps paths to the reason reading them fails (as undecodable bytes
    would on disk); ``listing_skipped`` is what listing reports without reading
    (broken symlinks and the like on disk).
    """

    def __init__(self, files: dict[str, str] | None = None, root: str = "/repo") -> None:
        self.root = root
        self.files: dict[str, str] = {}
        self.unreadable: dict[str, str] = {}
        self.listing_skipped: list[SkippedFile] = []
        self.reads: list[str] = []
        self.remembered: list[bool] = []  # each listing's ``remember``
        self._versions: dict[str, int] = {}
        self._clock = 0
        for path, text in (files or {}).items():
            self.write(path, text)

    def write(self, path: str, text: str) -> None:
        """Create or replace a readable file; its stamp changes as an edit's would."""
        self.files[path] = text
        self.unreadable.pop(path, None)
        self.touch(path)

    def break_file(self, path: str, reason: str) -> None:
        """Make a file unreadable (a stamp change too: its bytes changed)."""
        self.files.setdefault(path, "")
        self.unreadable[path] = reason
        self.touch(path)

    def touch(self, path: str) -> None:
        """Change a file's stamp without changing its text (``touch`` on disk)."""
        self._clock += 1
        self._versions[path] = self._clock

    def delete(self, path: str) -> None:
        del self.files[path]
        del self._versions[path]
        self.unreadable.pop(path, None)

    def list_files(
        self,
        root: str,
        exclude: tuple[str, ...] = (),
        memo: dict[str, Any] | None = None,
        remember: bool = True,
    ) -> Listing:
        self.remembered.append(remember)
        prefixes = tuple(p.strip("/") for p in exclude if p.strip("/"))
        stamps = {
            path: (len(text.encode()), self._versions[path])
            for path, text in sorted(self.files.items())
            if path.endswith(".py") and not _excluded(path, prefixes)
        }
        packages = frozenset(
            posixpath.dirname(path) for path in stamps if posixpath.basename(path) == "__init__.py"
        )
        skipped = tuple(sorted(self.listing_skipped, key=lambda s: s.path))
        return Listing(self.root, stamps, packages, skipped)

    def read_imports(
        self, root: str, paths: Iterable[str], progress: Progress | None = None
    ) -> dict[str, FileImports]:
        result: dict[str, FileImports] = {}
        for count, path in enumerate(paths, 1):
            self.reads.append(path)
            if path in self.unreadable:
                result[path] = FileImports(None, self.unreadable[path])
            else:
                statements, problems = extract_imports(self.files[path])
                reason = f"unreadable import at {problems[0]}" if problems else None
                result[path] = FileImports(statements, reason)
            if progress is not None:
                progress(count)
        return result


def _excluded(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(p + "/") for p in prefixes)
