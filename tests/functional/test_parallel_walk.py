"""A first walk shared among forked workers lists and reads exactly what one process does.

The fixture tree holds what each share of the walk must report the same way: symlinks
(inside, outside, broken, looping, to a package's ``__init__.py``), excluded folders
and files, an unreadable file, a FIFO named like a module, files that fail to decode,
and enough folders for the walk to be shared.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from archbook.adapters.scanning import filesystem_scanner, forked_workers
from archbook.adapters.scanning.filesystem_scanner import (
    FOLDERS_PER_JOB,
    WALKED_BEFORE_SHARING,
    FilesystemSourceTreeReader,
)
from archbook.adapters.scanning.forked_workers import (
    MAX_TASKS,
    fork_allowed,
    os_threads,
    platform_forks,
)
from archbook.application.layers.scanning import Scanner
from archbook.application.ports.source_tree import Listing
from archbook.domain.source import root_keys

SLICES = 3 * (WALKED_BEFORE_SHARING + FOLDERS_PER_JOB)
EXCLUDE = ("app/slice7", "app/slice9/m9.py")


def _tree(root: Path, outside: Path) -> None:
    app = root / "app"
    for index in range(SLICES):
        folder = app / f"slice{index}" / "inner"
        folder.mkdir(parents=True)
        (folder.parent / "__init__.py").write_text("")
        (folder.parent / f"m{index}.py").write_text(
            f"from app.slice{(index + 1) % SLICES} import m{(index + 1) % SLICES}\n"
            "def f():\n    import json\n"
        )
        (folder / f"deep{index}.py").write_text("from ..m0 import f\n")
        (folder / "data.txt").write_text("not python")
    (app / "__init__.py").write_text("")
    (app / "broken.py").write_text("from . import (\n")
    (app / "binary.py").write_bytes(b"import os\x00\n")
    (app / "latin.py").write_bytes(b"# -*- coding: latin-1 -*-\nimport os  # \xe9\n")
    locked = app / "slice3" / "locked.py"
    locked.write_text("import os\n")
    locked.chmod(0)
    os.mkfifo(app / "slice5" / "pipe.py")
    (app / "slice2" / "alias").symlink_to(app / "slice4" / "inner")
    (app / "slice2" / "twin.py").symlink_to(app / "slice6" / "m6.py")
    (app / "slice8" / "outside").symlink_to(outside, target_is_directory=True)
    (app / "slice8" / "gone.py").symlink_to(root / "missing.py")
    (app / "slice8" / "loop").symlink_to(app / "slice8")
    (app / "slice10" / "__init__.py").unlink()
    (app / "slice10" / "__init__.py").symlink_to(app / "slice11" / "__init__.py")
    (app / "linked").symlink_to(app / "slice12", target_is_directory=True)
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.py").write_text("import os\n")
    (app / "shown").symlink_to(root / ".hidden", target_is_directory=True)
    (root / "__pycache__").mkdir()
    outside.mkdir()
    (outside / "far.py").write_text("import os\n")


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """The single-thread half of the fork rule is tested in fresh processes below; an
    earlier test of this process may have left an idle server thread behind."""
    if not platform_forks():
        pytest.skip("workers are forked only where fork is safe")
    monkeypatch.setattr(filesystem_scanner, "fork_allowed", platform_forks)


@pytest.fixture
def tree(tmp_path: Path) -> str:
    _tree(tmp_path / "repo", tmp_path / "outside")
    return str(tmp_path / "repo")


def _same_listing(one: Listing, other: Listing) -> None:
    assert list(other.stamps.items()) == list(one.stamps.items())
    assert other.packages == one.packages
    assert other.skipped == one.skipped
    assert other.folders == one.folders
    assert other.declared_roots == one.declared_roots
    assert other == one


def _listed(tree: str, jobs: int) -> tuple[Listing, dict[str, object]]:
    reader = FilesystemSourceTreeReader(jobs=jobs)
    listing = reader.list_files(tree, EXCLUDE)
    return listing, dict(reader.read_imports(listing.root, list(listing.stamps)))


def test_a_shared_walk_lists_and_reads_what_one_process_does(tree: str) -> None:
    alone, read_alone = _listed(tree, 1)
    shared, read_shared = _listed(tree, 3)
    assert alone.prefetched == {}
    # the workers and this process read every file of the walk before read_imports
    # (but those found through symlinks, which are followed after the shared walk)
    linked = {"app/slice2/twin.py", "app/shown/x.py"}
    assert set(shared.prefetched) == set(shared.stamps) - linked
    _same_listing(alone, shared)
    assert read_shared == read_alone
    for item in read_shared.values():  # keys are no part of the value: checked apart
        statements = item.statements  # type: ignore[attr-defined]
        if statements is not None:
            assert item.keys == tuple(sorted(root_keys(statements)))  # type: ignore[attr-defined]
    reasons = {item.path: item.reason for item in shared.skipped}
    assert reasons["app/slice5/pipe.py"] == "not a regular file"
    assert reasons["app/slice8/outside"] == "symlink to a folder outside the repository"
    assert reasons["app/slice8/gone.py"] == "broken symlink or symlink loop"
    assert reasons["app/slice8/loop"] == "symlink loop or folder already scanned"
    assert reasons["app/slice2/alias"] == "symlink loop or folder already scanned"
    assert reasons["app/slice10/__init__.py"] == "symlinked __init__.py is not followed"
    assert "app/slice7/m7.py" not in shared.stamps and "app/slice9/m9.py" not in shared.stamps
    assert reasons["app/linked"] == "symlink loop or folder already scanned"
    assert linked <= set(shared.stamps) and ".hidden/x.py" not in shared.stamps
    if os.geteuid() != 0:  # root reads a file whatever its mode
        assert str(read_shared["app/slice3/locked.py"].reason).startswith("cannot be read")  # type: ignore[attr-defined]


def test_the_memo_of_a_shared_walk_serves_the_next_walk(tree: str) -> None:
    shared = FilesystemSourceTreeReader(jobs=2).list_files(tree, EXCLUDE)
    again = FilesystemSourceTreeReader(jobs=2).list_files(tree, EXCLUDE, shared.folders)
    assert again.prefetched == {}  # with a memo the walk is one process's stat calls
    _same_listing(shared, again)


@pytest.mark.parametrize("jobs", [1, 3])
def test_a_listing_nothing_keeps_finds_the_same_files_without_a_stat_per_folder(
    tree: str, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = FilesystemSourceTreeReader(jobs=1).list_files(tree, EXCLUDE)
    # the folders walked by their own path (not through a symlink), but the root
    folders = {os.path.join(kept.root, rel) for rel in kept.folders if rel}
    folders = {path for path in folders if os.path.realpath(path) == path}
    statted: list[str] = []
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        statted.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    reader = FilesystemSourceTreeReader(jobs=jobs)
    listing = reader.list_files(tree, EXCLUDE, remember=False)
    assert listing.folders == {}
    assert list(listing.stamps.items()) == list(kept.stamps.items())
    assert (listing.packages, listing.skipped) == (kept.packages, kept.skipped)
    assert listing.declared_roots == kept.declared_roots
    # the walk of this process (all of it with one job) stats none of them
    assert folders.isdisjoint(statted), folders.intersection(statted)
    FilesystemSourceTreeReader(jobs=1).list_files(tree, EXCLUDE)
    assert folders <= set(statted)  # a listing kept for later stats each
    assert reader.read_imports(listing.root, list(listing.stamps)) == dict(
        FilesystemSourceTreeReader(jobs=1).read_imports(kept.root, list(kept.stamps))
    )


def test_a_failing_worker_has_its_folders_walked_by_the_parent(
    tree: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, read_alone = _listed(tree, 1)

    def broken(item: object) -> tuple[object, ...]:
        raise RuntimeError("a worker dies")

    # the forked children inherit the broken helper; the parent never calls it
    monkeypatch.setattr(filesystem_scanner, "_to_row", broken)
    shared, read_shared = _listed(tree, 2)
    _same_listing(alone, shared)
    assert read_shared == read_alone
    # only this process's own reads were kept; the dead worker's files were read later
    assert 0 < len(shared.prefetched) < len(shared.stamps) - 2


def test_a_file_changed_after_the_walk_is_read_again(tree: str) -> None:
    reader = FilesystemSourceTreeReader(jobs=2)
    listing = reader.list_files(tree)
    changed = "app/slice1/m1.py"
    assert changed in listing.prefetched
    # a stamp the listing no longer agrees with: the prefetched read is not served
    listing.stamps[changed] = (0, 0)
    with open(os.path.join(tree, changed), "w", encoding="utf-8") as handle:
        handle.write("import changed_module\n")
    read = reader.read_imports(listing.root, [changed, "app/slice2/m2.py"])
    statements = read[changed].statements
    assert statements is not None and [s.target for s in statements] == ["changed_module"]


def test_a_scan_of_a_shared_walk_equals_a_scan_in_one_process(tree: str) -> None:
    one = Scanner(FilesystemSourceTreeReader(jobs=1)).scan(tree, EXCLUDE)
    many = Scanner(FilesystemSourceTreeReader(jobs=2)).scan(tree, EXCLUDE)
    assert many == one
    assert len(one.modules) > SLICES


_CHILD = """
import os, sys, threading
forks = []
os.register_at_fork(before=lambda: forks.append(1))
from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.application.layers.scanning import Scanner
stop = threading.Event()
if sys.argv[2] == "thread":
    threading.Thread(target=stop.wait).start()
reader = FilesystemSourceTreeReader(jobs=int(sys.argv[3]))
scan = Scanner(reader).scan(sys.argv[1], ("app/slice7", "app/slice9/m9.py"))
stop.set()
print(len(forks))
print(repr((scan.modules, scan.imports, scan.skipped)))
"""


def _scan_in_child(tree: str, thread: str, jobs: int) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, tree, thread, str(jobs)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    forks, scan = done.stdout.split("\n", 1)
    return int(forks), scan


@pytest.mark.skipif(os_threads() is None or sys.platform == "darwin", reason="no thread count")
def test_a_process_running_another_thread_never_forks(tree: str) -> None:
    """The default (one process per CPU) forks in a single-threaded process only; a
    process with one more thread — as a Jupyter kernel has — reads alone, even when
    asked for more jobs, and finds the same."""
    forks_alone, scan_alone = _scan_in_child(tree, "none", 0)
    forks_threaded, scan_threaded = _scan_in_child(tree, "thread", 0)
    forks_asked, scan_asked = _scan_in_child(tree, "thread", 4)
    forks_serial, scan_serial = _scan_in_child(tree, "none", 1)
    assert forks_alone > 0
    assert forks_threaded == forks_asked == forks_serial == 0
    assert scan_alone == scan_threaded == scan_asked == scan_serial
    assert "Module(" in scan_alone


def test_the_thread_count_is_read_from_the_system() -> None:
    if os_threads() is None:
        pytest.skip("no /proc/self/status here")
    before = os_threads()
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert os_threads() == before + 1  # type: ignore[operator]
        assert not fork_allowed()
    finally:
        stop.set()
        worker.join()


def test_an_unknown_thread_count_forks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked_workers, "PROC_STATUS", "/nonexistent/status")
    assert forked_workers.os_threads() is None
    assert not forked_workers.fork_allowed()


def test_a_small_tree_is_walked_in_one_process(tmp_path: Path, worker_rounds: list[int]) -> None:
    """Below ``WALKED_BEFORE_SHARING`` folders the breadth-first walk ends first and no
    worker is forked; above it, one per extra process."""
    asked = worker_rounds
    for index in range(WALKED_BEFORE_SHARING - 2):
        (tmp_path / "small" / f"p{index}").mkdir(parents=True)
        (tmp_path / "small" / f"p{index}" / "m.py").write_text("import os\n")
    small = FilesystemSourceTreeReader(jobs=4).list_files(str(tmp_path / "small"))
    assert asked == [] and small.prefetched == {}
    _tree(tmp_path / "big", tmp_path / "outside")
    big = FilesystemSourceTreeReader(jobs=4).list_files(str(tmp_path / "big"))
    assert asked == [3] and len(big.prefetched) > len(big.stamps) // 2
    assert len(filesystem_scanner.WORKERS.pids) == 3


def test_more_waiting_folders_than_a_queue_holds_are_walked_alike(tmp_path: Path) -> None:
    """Past half of ``MAX_TASKS`` waiting folders, several share a task: every folder is
    still walked and read once."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    count = MAX_TASKS // 2 + 40
    for index in range(count):
        (app / f"s{index}").mkdir()
        (app / f"s{index}" / "__init__.py").write_text("")
        (app / f"s{index}" / "m.py").write_text(f"from app.s{(index + 1) % count} import m\n")
    alone, read_alone = _listed(str(tmp_path), 1)
    shared, read_shared = _listed(str(tmp_path), 2)
    _same_listing(alone, shared)
    assert read_shared == read_alone
    assert set(shared.prefetched) == set(shared.stamps)
    assert len(shared.stamps) == 2 * count + 1


def test_a_refused_fork_leaves_its_tasks_to_the_other_processes(
    tree: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Out of processes or memory, ``os.fork`` fails: the walk goes on with the
    children it has (here none) and finds what one process finds, leaking no pipe."""
    alone, read_alone = _listed(tree, 1)

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    open_before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    shared, read_shared = _listed(tree, 3)
    _same_listing(alone, shared)
    assert read_shared == read_alone
    if open_before:
        assert len(os.listdir("/proc/self/fd")) == open_before
