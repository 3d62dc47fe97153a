"""Reads a repository's Python files from disk, never importing or executing them.

Files are read as bytes, decoded by their coding cookie (or BOM), and only their
import statements are extracted. Symlinks are followed only inside the repository.
With ``jobs`` above 1, a large batch of files is split among forked worker processes
(see ``read_imports``).
"""

from __future__ import annotations

import codecs
import marshal
import os
import re
import stat
import sys
from collections.abc import Iterable
from typing import Any

from archbook.adapters.declared_roots import declared_source_roots
from archbook.adapters.python_imports import extract_imports
from archbook.application.ports.source_tree import (
    FileImports,
    Listing,
    Progress,
    SourceTreeReader,
)
from archbook.domain.python_syntax import parse_python
from archbook.domain.source import ImportStatement, SkippedFile

MAX_FILE_BYTES = 2 * 1024 * 1024
PROGRESS_EVERY = 500
# Files each worker process must have before forking pays for itself (measured on
# django and sympy: a fork and the transfer of a few hundred files' imports cost less
# than reading them).
FILES_PER_JOB = 250
MAX_JOBS = 8
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "venv", "env"})
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)


class FilesystemSourceTreeReader(SourceTreeReader):
    """Walks a folder with ``os.scandir`` and extracts the imports of its Python files.

    ``check_syntax`` compiles every file fully so files with syntax errors anywhere
    are reported and skipped; it costs about ten times the import-only scan, which
    otherwise reports only errors in the import statements themselves.
    """

    def __init__(
        self, check_syntax: bool = False, max_file_bytes: int = MAX_FILE_BYTES, jobs: int = 1
    ) -> None:
        """``jobs``: processes that read files at once; 0 means one per CPU this process
        may use. Above 1, only batches of at least ``FILES_PER_JOB`` files per process
        are split, and only where ``os.fork`` is safe (Linux and the BSDs, not macOS or
        Windows)."""
        self._check_syntax = check_syntax
        self._max_bytes = max_file_bytes
        self._jobs = jobs

    def list_files(
        self, root: str, exclude: tuple[str, ...] = (), memo: dict[str, Any] | None = None
    ) -> Listing:
        real_root = os.path.realpath(root)
        folders: dict[str, Any] = {}
        entries, packages, skipped = _walk(real_root, exclude, memo or {}, folders)
        stamps = {rel: (size, mtime) for rel, _, size, mtime in entries}
        skipped.sort(key=_by_path)
        declared = declared_source_roots(real_root)
        return Listing(real_root, stamps, frozenset(packages), tuple(skipped), folders, declared)

    def read_imports(
        self, root: str, paths: Iterable[str], progress: Progress | None = None
    ) -> dict[str, FileImports]:
        """The imports of each file, in ``paths`` order.

        With several jobs the files are dealt round-robin (big files cluster in
        folders) to forked children that send their results back marshalled through a
        pipe; this process reads its own share meanwhile. A child that fails has its
        share read here instead, so the result never depends on the workers.
        """
        paths = list(paths)
        jobs = min(self._jobs or _usable_cpus(), MAX_JOBS, len(paths) // FILES_PER_JOB)
        if jobs < 2 or not _can_fork():
            return self._read_share(root, paths, progress)
        shares = [paths[index::jobs] for index in range(jobs)]
        children = [_fork_reader(self, root, share) for share in shares[1:]]
        result = self._read_share(root, shares[0], progress)
        for share, child in zip(shares[1:], children, strict=True):
            rows = _collect(child)
            if rows is None:
                result.update(self._read_share(root, share, None))
            else:
                result.update((rel, _from_row(row)) for rel, row in zip(share, rows, strict=True))
            if progress is not None:
                progress(len(result))
        return {rel: result[rel] for rel in paths}

    def _read_share(
        self, root: str, paths: list[str], progress: Progress | None
    ) -> dict[str, FileImports]:
        result: dict[str, FileImports] = {}
        for count, rel in enumerate(paths, 1):
            result[rel] = self._read_file(os.path.join(root, rel))
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
        return result

    def _read_file(self, full: str) -> FileImports:
        try:
            with open(full, "rb") as handle:
                data = handle.read(self._max_bytes + 1)
        except OSError as error:
            return FileImports(None, f"cannot be read: {error.strerror or error}")
        if len(data) > self._max_bytes:
            return FileImports(None, f"larger than {self._max_bytes // 1024} KiB")
        text, reason = decode_source(data)
        if text is None:
            return FileImports(None, reason)
        if self._check_syntax:
            reason = _syntax_problem(text, full)
            if reason is not None:
                return FileImports(None, reason)
        statements, problems = extract_imports(text)
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return FileImports(statements, f"unreadable import at {first}{more}")
        return FileImports(statements)


def _can_fork() -> bool:
    """Whether worker processes may be forked: a POSIX system other than macOS (where
    forking a process that loaded system frameworks may crash the child)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def _usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _fork_reader(
    reader: FilesystemSourceTreeReader, root: str, share: list[str]
) -> tuple[int, int]:
    """Fork a child that reads ``share`` and writes its rows to a pipe: (pid, read end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which leaves by os._exit
        code = 1
        try:
            os.close(read_end)
            found = reader._read_share(root, share, None)
            payload = marshal.dumps([_to_row(found[rel]) for rel in share])
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int]) -> list[Any] | None:
    """The rows a child sent, or None when it failed (it is reaped either way)."""
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        rows = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return rows if isinstance(rows, list) else None


def _to_row(item: FileImports) -> tuple[Any, ...]:
    statements = None if item.statements is None else tuple(map(tuple, item.statements))
    return (statements, item.reason)


def _from_row(row: tuple[Any, ...]) -> FileImports:
    statements, reason = row
    if statements is None:
        return FileImports(None, reason)
    make = tuple.__new__
    return FileImports(tuple(make(ImportStatement, item) for item in statements), reason)


def _by_path(item: SkippedFile) -> str:
    return item.path


def _by_first(item: tuple[str, os.DirEntry[str]]) -> str:
    return item[0]


def _walk(
    root: str, exclude: tuple[str, ...], memo: dict[str, Any], folders: dict[str, Any]
) -> tuple[list[tuple[str, str, int, int]], set[str], list[SkippedFile]]:
    """Python files (relative path, full path, size, mtime_ns), package folders, skips.

    ``memo`` maps a folder to ``(mtime_ns, sub-folder names, .py names)`` from the last
    walk: a folder whose mtime is unchanged has the same entries, so it costs one
    ``stat`` instead of a listing. ``folders`` receives the memo for the next walk
    (folders holding symlinks or special files are always listed again).
    """
    entries: list[tuple[str, str, int, int]] = []
    packages: set[str] = set()
    skipped: list[SkippedFile] = []
    excluded = tuple(prefix.strip("/") for prefix in exclude if prefix.strip("/"))
    seen_dirs = {root}
    stack = [("", root)]
    links: list[tuple[str, os.DirEntry[str]]] = []
    while stack or links:
        if not stack:
            # Symlinks last, in path order: a link to a folder of the repository must
            # find it walked already rather than name its files after the link.
            links.sort(key=_by_first, reverse=True)
            rel, link = links.pop()
            _follow_link(link, rel, root, seen_dirs, stack, entries, skipped)
            continue
        rel_dir, full_dir = stack.pop()
        prefix = f"{rel_dir}/" if rel_dir else ""
        try:
            folder_mtime = os.stat(full_dir).st_mtime_ns
        except OSError as error:
            skipped.append(SkippedFile(rel_dir or ".", f"folder cannot be read: {error.strerror}"))
            continue
        remembered = memo.get(rel_dir)
        if remembered is not None and remembered[0] == folder_mtime:
            folders[rel_dir] = remembered
            _replay(
                remembered,
                rel_dir,
                full_dir,
                prefix,
                excluded,
                seen_dirs,
                stack,
                entries,
                packages,
                skipped,
            )
            continue
        try:
            with os.scandir(full_dir) as iterator:
                children = list(iterator)
        except OSError as error:
            skipped.append(SkippedFile(rel_dir or ".", f"folder cannot be read: {error.strerror}"))
            continue
        sub_folders: list[str] = []
        python_files: list[str] = []
        plain = True
        for entry in children:
            name = entry.name
            # Most entries of a big tree are data files: decide on the cheap d_type
            # answers first and build paths only for what is kept.
            if name.endswith(".py") and entry.is_file(follow_symlinks=False):
                python_files.append(name)
                rel = prefix + name
                if excluded and _is_excluded(rel, excluded):
                    continue
                try:
                    info = entry.stat()
                except OSError as error:
                    skipped.append(SkippedFile(rel, f"cannot be read: {error.strerror}"))
                    continue
                if name == "__init__.py":
                    packages.add(rel_dir)
                entries.append((rel, entry.path, info.st_size, info.st_mtime_ns))
            elif entry.is_dir(follow_symlinks=False):
                sub_folders.append(name)
                _push_folder(name, prefix + name, entry.path, excluded, seen_dirs, stack)
            elif entry.is_symlink():
                plain = False
                rel = prefix + name
                if excluded and _is_excluded(rel, excluded):
                    continue
                links.append((rel, entry))
            elif name.endswith(".py"):
                plain = False
                # a FIFO would block the read forever; sockets and devices fail it
                skipped.append(SkippedFile(prefix + name, "not a regular file"))
        if plain:
            folders[rel_dir] = (folder_mtime, tuple(sub_folders), tuple(python_files))
    entries.sort()
    return entries, packages, skipped


def _push_folder(
    name: str,
    rel: str,
    full: str,
    excluded: tuple[str, ...],
    seen_dirs: set[str],
    stack: list[tuple[str, str]],
) -> None:
    if excluded and _is_excluded(rel, excluded):
        return
    if not _skip_dir(name, full) and full not in seen_dirs:
        seen_dirs.add(full)
        stack.append((rel, full))


def _replay(
    remembered: tuple[int, tuple[str, ...], tuple[str, ...]],
    rel_dir: str,
    full_dir: str,
    prefix: str,
    excluded: tuple[str, ...],
    seen_dirs: set[str],
    stack: list[tuple[str, str]],
    entries: list[tuple[str, str, int, int]],
    packages: set[str],
    skipped: list[SkippedFile],
) -> None:
    """Walk an unchanged folder from the memo: a ``stat`` per Python file."""
    _, sub_folders, python_files = remembered
    for name in python_files:
        rel = prefix + name
        if excluded and _is_excluded(rel, excluded):
            continue
        full = f"{full_dir}/{name}"
        try:
            info = os.lstat(full)
        except OSError as error:
            skipped.append(SkippedFile(rel, f"cannot be read: {error.strerror}"))
            continue
        if not stat.S_ISREG(info.st_mode):
            skipped.append(SkippedFile(rel, "not a regular file"))
            continue
        if name == "__init__.py":
            packages.add(rel_dir)
        entries.append((rel, full, info.st_size, info.st_mtime_ns))
    for name in sub_folders:
        _push_folder(name, prefix + name, f"{full_dir}/{name}", excluded, seen_dirs, stack)


def _follow_link(
    entry: os.DirEntry[str],
    rel: str,
    root: str,
    seen_dirs: set[str],
    stack: list[tuple[str, str]],
    entries: list[tuple[str, str, int, int]],
    skipped: list[SkippedFile],
) -> None:
    """Follow a symlink only when it stays inside the repository and loops nowhere."""
    try:
        info = os.stat(entry.path)
    except OSError:
        skipped.append(SkippedFile(rel, "broken symlink or symlink loop"))
        return
    target = os.path.realpath(entry.path)
    if stat.S_ISDIR(info.st_mode):
        if _skip_dir(entry.name, entry.path):
            return
        if not _within(target, root):
            skipped.append(SkippedFile(rel, "symlink to a folder outside the repository"))
        elif target in seen_dirs or _within(os.path.dirname(entry.path), target):
            skipped.append(SkippedFile(rel, "symlink loop or folder already scanned"))
        else:
            seen_dirs.add(target)
            stack.append((rel, entry.path))
    elif stat.S_ISREG(info.st_mode) and entry.name.endswith(".py"):
        if not _within(target, root):
            skipped.append(SkippedFile(rel, "symlink to a file outside the repository"))
            return
        if entry.name == "__init__.py":
            skipped.append(SkippedFile(rel, "symlinked __init__.py is not followed"))
            return
        entries.append((rel, entry.path, info.st_size, info.st_mtime_ns))


def _is_excluded(rel: str, excluded: tuple[str, ...]) -> bool:
    return any(rel == prefix or rel.startswith(prefix + "/") for prefix in excluded)


def _skip_dir(name: str, path: str) -> bool:
    if name.startswith(".") or name in ("__pycache__", "node_modules", "site-packages"):
        return True
    return name in SKIPPED_DIRS and os.path.exists(os.path.join(path, "pyvenv.cfg"))


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def decode_source(data: bytes) -> tuple[str | None, str | None]:
    """The text of a source file, or None and the reason it cannot be read."""
    if b"\x00" in data:
        return None, "contains NUL bytes (binary file?)"
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    else:
        # the first two lines, without splitting (and copying) the rest
        first = data.find(b"\n")
        second = data.find(b"\n", first + 1) if first >= 0 else -1
        head = data[:second] if second >= 0 else data
        cookie = _COOKIE.search(head)
        if cookie:
            encoding = cookie.group(1).decode("ascii", "replace")
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        return None, f"unknown encoding '{encoding}' in its coding cookie"
    try:
        return data.decode(codec.name), None
    except UnicodeDecodeError as error:
        return None, (
            f"not valid {encoding}: byte 0x{data[error.start]:02x} at offset {error.start}"
        )
    except UnicodeError as error:  # raised by idna, punycode, undefined...
        return None, f"not valid {encoding}: {error}"
    except LookupError:  # hex, rot13, zlib: codecs, but not text encodings
        return None, f"'{encoding}' in its coding cookie is not a text encoding"


def _syntax_problem(text: str, full: str) -> str | None:
    try:
        # a file of any Python 3.8-3.14 is valid, whatever Python runs archbook
        parse_python(text, full)
    except SyntaxError as error:
        return f"syntax error at line {error.lineno}: {error.msg}"
    except (RecursionError, MemoryError):
        return "too deeply nested to parse"
    except ValueError as error:
        return f"cannot be compiled: {error}"
    return None
