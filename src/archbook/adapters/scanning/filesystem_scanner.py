"""Reads a repository's Python files from disk, never importing or executing them.

Each file is read and reduced to its import statements by ``source_files``; this
module walks the folders and shares the work. Symlinks are followed only inside the
repository.
Where forking is safe (``forked_workers.fork_allowed``), a large tree is shared among
forked worker processes: on a first walk each walks some folders and reads their
files at once (``list_files``); later, a large batch of changed files is split among
them (``read_imports``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from archbook.adapters.scanning.declared_roots import declared_source_roots
from archbook.adapters.scanning.folder_walk import SKIPPED_DIRS, FolderWalk
from archbook.adapters.scanning.forked_workers import (
    MAX_TASKS,
    WorkerPool,
    fork_allowed,
    usable_cpus,
)
from archbook.adapters.scanning.source_files import MAX_FILE_BYTES, read_file_imports
from archbook.application.ports.source_tree import (
    FileImports,
    Listing,
    Progress,
    SourceTreeReader,
)
from archbook.domain.source import SkippedFile, unpack_statements

__all__ = ["SKIPPED_DIRS", "FilesystemSourceTreeReader"]

PROGRESS_EVERY = 500
# Files each worker process must have before forking pays for itself (measured on
# django and sympy: a fork and the transfer of a few hundred files' imports cost less
# than reading them).
FILES_PER_JOB = 250
MAX_JOBS = 8
# A first walk is shared once this many folders were walked (a smaller tree is walked
# whole in one process: forking would cost more than it saves) and this many folders
# per process wait to be walked (each a task: the processes take them one by one).
WALKED_BEFORE_SHARING = 32
FOLDERS_PER_JOB = 16
# Files already found that one task of a shared walk reads.
FILES_PER_TASK = 8
_R = TypeVar("_R")
_T = TypeVar("_T")
# A task of a shared walk: (folders to walk and read, files to read), each (rel, full).
_Task = tuple[list[tuple[str, str]], list[tuple[str, str]]]
# The next task of a shared walk or read no process took yet, or None when none is left.
Take = Callable[[], int | None]
# What a worker is asked to do: walk folders and read their files, or read files.
_WALK, _READ = "walk", "read"


class FilesystemSourceTreeReader(SourceTreeReader):
    """Walks a folder with ``os.scandir`` and extracts the imports of its Python files.

    ``check_syntax`` compiles every file fully so files with syntax errors anywhere
    are reported and skipped; it costs about ten times the import-only scan, which
    otherwise reports only errors in the import statements themselves.
    """

    def __init__(
        self, check_syntax: bool = False, max_file_bytes: int = MAX_FILE_BYTES, jobs: int = 0
    ) -> None:
        """``jobs``: processes that walk and read at once; 0 (the default) means one
        per CPU this process may use, 1 never forks. Workers are forked only where
        that is safe — Linux (and BSDs whose ``/proc`` reports threads), not macOS or
        Windows, and only while this process runs a single OS thread (a Jupyter kernel
        runs several, so it reads alone) — and only for trees or batches big enough to
        pay for a fork. The result is the same whatever ``jobs`` is."""
        self._check_syntax = check_syntax
        self._max_bytes = max_file_bytes
        self._jobs = jobs
        self._last: Listing | None = None

    def list_files(
        self,
        root: str,
        exclude: tuple[str, ...] = (),
        memo: dict[str, Any] | None = None,
        remember: bool = True,
    ) -> Listing:
        """Every Python file below ``root``. On a first walk (no ``memo``) of a large
        tree, worker processes walk some of its folders each and read their files
        meanwhile; ``read_imports`` then serves those reads."""
        real_root = os.path.realpath(root)
        walk = FolderWalk(real_root, exclude, memo or {}, remember)
        prefetched: dict[str, tuple[tuple[int, int], FileImports]] = {}
        jobs = self._worker_count(MAX_JOBS) if memo is None else 1
        shares = walk.frontier(FOLDERS_PER_JOB * jobs, WALKED_BEFORE_SHARING) if jobs > 1 else []
        if shares:
            self._walk_shared(walk, shares, jobs, prefetched)
        else:
            walk.walk([("", real_root)] if jobs < 2 else [])
        walk.follow_links()
        walk.entries.sort()
        stamps = {rel: (size, mtime) for rel, _, size, mtime in walk.entries}
        walk.skipped.sort(key=_by_path)
        listing = Listing(
            real_root,
            stamps,
            frozenset(walk.packages),
            tuple(walk.skipped),
            walk.folders,
            declared_source_roots(real_root),
            prefetched,
        )
        self._last = listing if prefetched else None
        return listing

    def read_imports(
        self, root: str, paths: Iterable[str], progress: Progress | None = None
    ) -> dict[str, FileImports]:
        """The imports of each file, in ``paths`` order.

        Files read while listing them are served from the listing when their stamps
        are still the listed ones. With several jobs the others are dealt round-robin
        (big files cluster in folders) to forked children that send their results back
        marshalled through a pipe; this process reads its own share meanwhile. A child
        that fails has its share read here instead, so the result never depends on the
        workers.
        """
        paths = list(paths)
        result: dict[str, FileImports] = {}
        listing, self._last = self._last, None
        if listing is not None and listing.root == root:
            stamps, prefetched = listing.stamps, listing.prefetched
            for rel in paths:
                known = prefetched.get(rel)
                if known is not None and known[0] == stamps.get(rel):
                    result[rel] = known[1]
            if progress is not None and result:
                progress(len(result))
        todo = [rel for rel in paths if rel not in result] if result else paths
        jobs = min(self._worker_count(MAX_JOBS), len(todo) // FILES_PER_JOB)
        if jobs < 2:
            result.update(self._read_share(root, todo, progress, len(result)))
        else:
            result.update(self._read_shared(root, todo, jobs, progress, len(result)))
        return {rel: result[rel] for rel in paths}

    def _worker_count(self, most: int) -> int:
        """Processes to use, this one included (1: no fork)."""
        wanted = min(self._jobs or usable_cpus(), most)
        return wanted if wanted > 1 and fork_allowed() else 1

    def _walk_shared(
        self,
        walk: FolderWalk,
        pending: list[tuple[str, str]],
        jobs: int,
        prefetched: dict[str, tuple[tuple[int, int], FileImports]],
    ) -> None:
        """Share out the ``pending`` folders, and the files the breadth-first walk found
        already, among ``jobs`` processes, this one included: each takes the next task
        left (a folder to walk and read, or a few files to read) until none is, so
        folders of any size even out. What they found is merged into ``walk``. Tasks
        a child took but never reported (it failed) have their folders walked here
        (their files are read later by ``read_imports``)."""
        tasks = _tasks(pending, [(rel, full) for rel, full, _, _ in walk.entries])
        stamps = {rel: (size, mtime) for rel, _, size, mtime in walk.entries}
        first = len(walk.entries)
        command = (_WALK, *self._settings(), walk.root, walk.excluded, walk.remember, tasks)
        with WORKERS.start(jobs - 1, len(tasks), command) as shared:
            done, reads, file_reads = self._run_tasks(walk, tasks, shared.take, self._read_file)
            answers = [(done, walk.entries[first:], reads, file_reads)]
            for answer in shared.answers():
                if answer is not None:
                    done, found, rows, file_rows = answer
                    walk.absorb(found)
                    reads = list(map(_from_row, rows))
                    file_reads = list(map(_from_row, file_rows))
                    answers.append((done, found[0], reads, file_reads))
        for done, entries, reads, file_reads in answers:
            for (rel, _, size, mtime), read in zip(entries, reads, strict=True):
                prefetched[rel] = ((size, mtime), read)
            files = [item for index in done for item in tasks[index][1]]
            for (rel, _), read in zip(files, file_reads, strict=True):
                prefetched[rel] = (stamps[rel], read)
        lost = set(range(len(tasks))).difference(*(answer[0] for answer in answers))
        for index in sorted(lost):
            walk.walk(list(tasks[index][0]))

    def _take_tasks(
        self,
        root: str,
        exclude: tuple[str, ...],
        remember: bool,
        tasks: list[_Task],
        take: Take,
    ) -> tuple[Any, ...]:
        """In a worker: the tasks it did, the findings of its walk, and the rows of the
        files found there and of the tasks' files, in ``_run_tasks``' order."""
        walk = FolderWalk(root, exclude, {}, remember)
        done, rows, file_rows = self._run_tasks(walk, tasks, take, self._read_row)
        return done, walk.findings(), rows, file_rows

    def _run_tasks(
        self, walk: FolderWalk, tasks: list[_Task], take: Take, read: Callable[[str], _R]
    ) -> tuple[list[int], list[_R], list[_R]]:
        """Take tasks until none is left, walking their folders with ``walk`` and
        reading (with ``read``) the files found there and the tasks' own files at once:
        (tasks done, reads of the files found, reads of the tasks' files)."""
        done: list[int] = []
        found: list[_R] = []
        files: list[_R] = []
        entries = walk.entries
        for index in iter(take, None):
            folders, paths = tasks[index]
            known = len(entries)
            walk.walk(list(folders))
            found += [read(full) for _, full, _, _ in entries[known:]]
            files += [read(full) for _, full in paths]
            done.append(index)
        return done, found, files

    def _read_row(self, full: str) -> tuple[Any, ...]:
        """In a worker: a file's imports as plain values ``marshal`` can send."""
        return _to_row(self._read_file(full))

    def _read_shared(
        self, root: str, paths: list[str], jobs: int, progress: Progress | None, done: int
    ) -> dict[str, FileImports]:
        """Read ``paths`` in ``jobs`` processes, this one included, in small batches
        each process takes when it is free (big files cluster in folders); a batch a
        child took but never reported (it failed) is read here."""
        batches = _batches(paths, MAX_TASKS)
        result: dict[str, FileImports] = {}
        taken: list[int] = []
        command = (_READ, *self._settings(), root, batches)
        with WORKERS.start(jobs - 1, len(batches), command) as shared:
            read = self._read_file
            reported = 0
            for index in iter(shared.take, None):  # one batch at a time, while others read
                taken.append(index)
                result.update((rel, read(os.path.join(root, rel))) for rel in batches[index])
                if progress is not None and len(result) - reported >= PROGRESS_EVERY:
                    reported = len(result)
                    progress(done + reported)
            for answer in shared.answers():
                if answer is not None:
                    worker_taken, rows = answer
                    files = [rel for index in worker_taken for rel in batches[index]]
                    result.update(zip(files, map(_from_row, rows), strict=True))
                    taken += worker_taken
                if progress is not None:
                    progress(done + len(result))
        for index in sorted(set(range(len(batches))).difference(taken)):
            result.update(self._read_share(root, batches[index], None, 0))
        return result

    def _read_batches(
        self, root: str, batches: list[list[str]], take: Take
    ) -> tuple[list[int], list[tuple[Any, ...]]]:
        """In a worker: the batches it took and the rows of their files."""
        taken: list[int] = []
        rows: list[tuple[Any, ...]] = []
        for index in iter(take, None):
            taken.append(index)
            rows += [self._read_row(os.path.join(root, rel)) for rel in batches[index]]
        return taken, rows

    def _settings(self) -> tuple[bool, int]:
        """What a worker's reader needs to read files as this one does."""
        return self._check_syntax, self._max_bytes

    def _read_file(self, full: str) -> FileImports:
        return read_file_imports(full, self._max_bytes, self._check_syntax)

    def _read_share(
        self, root: str, paths: list[str], progress: Progress | None, done: int
    ) -> dict[str, FileImports]:
        result: dict[str, FileImports] = {}
        for count, rel in enumerate(paths, 1):
            result[rel] = self._read_file(os.path.join(root, rel))
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(done + count)
        return result


def _serve(command: tuple[Any, ...], take: Take) -> tuple[Any, ...]:
    """In a worker: do a shared walk's or a shared read's tasks as ``command`` says."""
    kind, check_syntax, max_bytes, *arguments = command
    reader = FilesystemSourceTreeReader(check_syntax, max_bytes, jobs=1)
    if kind == _WALK:
        root, exclude, remember, tasks = arguments
        return reader._take_tasks(root, exclude, remember, tasks, take)
    root, batches = arguments
    return reader._read_batches(root, batches, take)


# Worker processes kept from one shared walk or read to the next (``forked_workers``).
WORKERS = WorkerPool(_serve)


def _tasks(folders: list[tuple[str, str]], files: list[tuple[str, str]]) -> list[_Task]:
    """The tasks of a shared walk: (folders to walk, files to read). The folders come
    first, each a task of its own, since their sizes are unknown; the files found
    already follow in small batches that fill the gaps at the end. Each kind takes at
    most half of ``MAX_TASKS``: beyond, folders are dealt round-robin into fewer tasks
    and files go in bigger batches."""
    half = MAX_TASKS // 2
    groups = (
        [folders[index::half] for index in range(half)]
        if len(folders) > half
        else [[f] for f in folders]
    )
    return [(group, []) for group in groups] + [([], batch) for batch in _batches(files, half)]


def _batches(items: list[_T], most: int) -> list[list[_T]]:
    """``items`` in consecutive batches of ``FILES_PER_TASK``, or bigger ones when that
    would make more than ``most`` batches."""
    size = max(FILES_PER_TASK, -(-len(items) // most))
    return [items[start : start + size] for start in range(0, len(items), size)]


def _to_row(item: FileImports) -> tuple[Any, ...]:
    """A file's imports as plain values for ``marshal``: its statements packed."""
    return (item.packed, item.reason, item.keys)


def _from_row(row: tuple[Any, ...]) -> FileImports:
    packed, reason, keys = row
    if packed is None:
        return FileImports(None, reason)
    return FileImports(unpack_statements(packed), reason, packed, keys)


def _by_path(item: SkippedFile) -> str:
    return item.path
