"""Reading files in several processes gives exactly what one process reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archbook.adapters.scanning import filesystem_scanner
from archbook.adapters.scanning.filesystem_scanner import FILES_PER_JOB, FilesystemSourceTreeReader
from archbook.adapters.scanning.forked_workers import platform_forks
from archbook.application.layers.scanning import Scanner
from archbook.domain.source import pack_statements, root_keys


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are forked only where that is safe. The rule's other half, a single
    thread, is tested in its own processes (test_parallel_walk): here an earlier test
    may have left an idle server thread behind, so that half is set aside."""
    if not platform_forks():
        pytest.skip("workers are forked only where fork is safe")
    monkeypatch.setattr(filesystem_scanner, "fork_allowed", platform_forks)


FILES = 3 * FILES_PER_JOB + 7


def _repo(root: Path) -> None:
    """Enough files for three workers, with every kind of file a worker must report."""
    for index in range(FILES):
        folder = root / "app" / f"slice{index % 13}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
        body = f"from app.slice{(index + 1) % 13} import m{index + 1}\nimport os\n"
        if index % 50 == 0:
            body += "def f():\n    from app.slice0 import m0\n"
        (folder / f"m{index}.py").write_text(body)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "broken.py").write_text("from . import (\n")
    (root / "app" / "binary.py").write_bytes(b"import os\x00\n")
    (root / "app" / "latin.py").write_bytes(b"# -*- coding: latin-1 -*-\nimport os  # \xe9\n")


def test_three_workers_read_what_one_process_reads(tmp_path: Path) -> None:
    _repo(tmp_path)
    paths = list(FilesystemSourceTreeReader(jobs=1).list_files(str(tmp_path)).stamps)
    alone = FilesystemSourceTreeReader(jobs=1).read_imports(str(tmp_path), paths)
    shared = FilesystemSourceTreeReader(jobs=3).read_imports(str(tmp_path), paths)
    assert list(shared) == list(alone) == paths
    assert shared == alone
    assert shared["app/broken.py"].reason is not None
    assert shared["app/binary.py"].statements is None
    # what the workers worked out besides the statements (no part of their value)
    for read in (alone, shared):
        for item in read.values():
            if item.statements is None:
                assert (item.packed, item.keys) == (None, None)
                continue
            assert item.packed == pack_statements(item.statements)
            assert item.keys == tuple(sorted(root_keys(item.statements)))
    assert {key for item in shared.values() for key in item.keys or ()} >= {"os", "app"}


def test_a_failing_worker_has_its_share_read_by_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path)
    paths = list(FilesystemSourceTreeReader(jobs=1).list_files(str(tmp_path)).stamps)
    alone = FilesystemSourceTreeReader().read_imports(str(tmp_path), paths)

    def broken(item: object) -> tuple[object, ...]:
        raise RuntimeError("a worker dies")

    # the forked children inherit the broken helper; the parent never calls it
    monkeypatch.setattr(filesystem_scanner, "_to_row", broken)
    shared = FilesystemSourceTreeReader(jobs=2).read_imports(str(tmp_path), paths)
    assert shared == alone


def test_a_scan_with_workers_equals_a_scan_without(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _repo(repo)
    one = Scanner(FilesystemSourceTreeReader(jobs=1)).scan(str(repo))
    many = Scanner(FilesystemSourceTreeReader(jobs=2)).scan(str(repo))
    assert many == one
    # the files, 13 slice packages, app, broken.py and latin.py; binary.py is skipped
    assert len(one.modules) == FILES + 16
    assert len(one.imports) > FILES


def test_only_batches_worth_a_fork_are_shared(tmp_path: Path, worker_rounds: list[int]) -> None:
    """Below ``FILES_PER_JOB`` files per process no worker is asked; above, one
    process per share up to ``jobs``."""
    _repo(tmp_path)
    asked = worker_rounds
    reader = FilesystemSourceTreeReader(jobs=8)
    paths = list(FilesystemSourceTreeReader(jobs=1).list_files(str(tmp_path)).stamps)
    reader.read_imports(str(tmp_path), paths[: 2 * FILES_PER_JOB - 1])
    assert asked == []
    reader.read_imports(str(tmp_path), paths)
    assert asked == [len(paths) // FILES_PER_JOB - 1]  # this process reads a share too
    assert len(filesystem_scanner.WORKERS.pids) == asked[0]


def test_shared_reading_reports_progress_up_to_every_file(tmp_path: Path) -> None:
    _repo(tmp_path)
    paths = list(FilesystemSourceTreeReader(jobs=1).list_files(str(tmp_path)).stamps)
    seen: list[int] = []
    read = FilesystemSourceTreeReader(jobs=3).read_imports(str(tmp_path), paths, seen.append)
    assert len(read) == len(paths)
    assert seen == sorted(seen) and seen[-1] == len(paths)


def test_a_refused_fork_leaves_the_reading_to_the_other_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo(tmp_path)
    paths = list(FilesystemSourceTreeReader(jobs=1).list_files(str(tmp_path)).stamps)
    alone = FilesystemSourceTreeReader(jobs=1).read_imports(str(tmp_path), paths)

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert FilesystemSourceTreeReader(jobs=3).read_imports(str(tmp_path), paths) == alone
