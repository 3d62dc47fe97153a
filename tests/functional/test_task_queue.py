"""The task queue forked workers share: every task is taken once, by one process, and a
process that is busy leaves the rest to the others."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

from archbook.adapters.scanning.filesystem_scanner import FILES_PER_TASK, _tasks
from archbook.adapters.scanning.forked_workers import (
    MAX_TASKS,
    TaskQueue,
    collect,
    fork_worker,
    platform_forks,
)

pytestmark = pytest.mark.skipif(not platform_forks(), reason="workers are forked only there")


def _take_all(queue: TaskQueue, after_first: Callable[[], object] | None = None) -> list[int]:
    taken: list[int] = []
    index = queue.take()
    while index is not None:
        taken.append(index)
        if after_first is not None and len(taken) == 1:
            after_first()
        index = queue.take()
    return taken


def test_each_task_is_taken_by_exactly_one_of_several_processes() -> None:
    queue = TaskQueue(MAX_TASKS)
    children = [fork_worker(lambda: _take_all(queue)) for _ in range(3)]
    mine = _take_all(queue)
    queue.close()
    theirs = [collect(child) for child in children]
    assert all(isinstance(taken, list) for taken in theirs)
    every = mine + [index for taken in theirs for index in taken]
    assert sorted(every) == list(range(MAX_TASKS))


def test_a_busy_process_leaves_the_other_tasks_to_the_others() -> None:
    queue = TaskQueue(50)
    signal_read, signal_write = os.pipe()

    def busy() -> None:
        """Say the first task is taken, then stay busy while this process takes on."""
        os.write(signal_write, b"1")
        time.sleep(1.0)

    child = fork_worker(lambda: _take_all(queue, busy))
    os.close(signal_write)
    assert os.read(signal_read, 1) == b"1"  # the child holds exactly one task now
    os.close(signal_read)
    mine = _take_all(queue)
    queue.close()
    theirs = collect(child)
    assert theirs is not None and len(theirs) == 1
    assert sorted(mine + theirs) == list(range(50))


def test_an_empty_queue_ends_at_once_and_an_oversized_one_is_refused() -> None:
    queue = TaskQueue(0)
    assert queue.take() is None
    queue.close()
    with pytest.raises(ValueError, match="0 to"):
        TaskQueue(MAX_TASKS + 1)


def test_many_folders_and_files_fit_in_one_queue_each_kept_once() -> None:
    folders = [(f"f{index}", f"/r/f{index}") for index in range(MAX_TASKS * 2)]
    files = [(f"m{index}.py", f"/r/m{index}.py") for index in range(MAX_TASKS * 5)]
    tasks = _tasks(folders, files)
    assert len(tasks) <= MAX_TASKS
    assert sorted(f for group, _ in tasks for f in group) == sorted(folders)
    assert sorted(f for _, batch in tasks for f in batch) == sorted(files)
    # folders first: their sizes are unknown, the small file batches fill the end
    kinds = [bool(batch) for _, batch in tasks]
    assert kinds == sorted(kinds)
    few = _tasks(folders[:3], files[: FILES_PER_TASK + 1])
    assert [len(group) for group, _ in few] == [1, 1, 1, 0, 0]
    assert [len(batch) for _, batch in few] == [0, 0, 0, FILES_PER_TASK, 1]
