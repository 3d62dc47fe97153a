"""Kept worker processes: every task of a round is taken once, by one process; workers
serve round after round; a worker that fails or is gone is replaced; a kept worker
holds nothing of its owner open and leaves when its owner ends."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from typing import Any

import pytest

from archbook.adapters.scanning import forked_workers
from archbook.adapters.scanning.filesystem_scanner import FILES_PER_TASK, _tasks
from archbook.adapters.scanning.forked_workers import MAX_TASKS, WorkerPool, platform_forks

pytestmark = pytest.mark.skipif(not platform_forks(), reason="workers are forked only there")
PROC = "/proc"


def _take_all(take: Callable[[], int | None]) -> list[int]:
    return list(iter(take, None))


def _taking(command: Any, take: Callable[[], int | None]) -> dict[str, Any]:
    """A worker's answer: the command it got, its pid and the tasks it took."""
    return {"command": command, "pid": os.getpid(), "taken": _take_all(take)}


def _round(pool: WorkerPool, workers: int, count: int, command: Any = "go") -> list[Any]:
    """Run a round in which this process takes tasks too; every task number taken."""
    with pool.start(workers, count, command) as shared:
        mine = _take_all(shared.take)
        answers = shared.answers()
    assert all(answer is not None for answer in answers)
    every = mine + [index for answer in answers for index in answer["taken"]]
    assert sorted(every) == list(range(count))
    return answers


@pytest.fixture
def pool() -> Any:
    kept = WorkerPool(_taking)
    yield kept
    kept.close()


def test_each_task_is_taken_by_exactly_one_of_several_processes(pool: WorkerPool) -> None:
    answers = _round(pool, 3, MAX_TASKS, ["a", 1])
    assert [answer["command"] for answer in answers] == [["a", 1]] * 3
    assert len({answer["pid"] for answer in answers}) == 3


def test_workers_are_kept_from_one_round_to_the_next(pool: WorkerPool) -> None:
    first = _round(pool, 2, 40)
    pids = pool.pids
    second = _round(pool, 2, 40, "again")
    assert pool.pids == pids == [answer["pid"] for answer in first]
    assert [answer["pid"] for answer in second] == pids
    assert [answer["command"] for answer in second] == ["again", "again"]
    # a round asking for more workers forks only the missing one
    third = _round(pool, 3, 40)
    assert pool.pids[:2] == pids and len(pool.pids) == 3
    assert len(third) == 3


def test_a_worker_gone_between_rounds_is_replaced(pool: WorkerPool) -> None:
    _round(pool, 2, 30)
    gone = pool.pids[0]
    os.kill(gone, signal.SIGKILL)
    os.waitid(os.P_PID, gone, os.WEXITED | os.WNOWAIT)  # ended, left for the pool to reap
    answers = _round(pool, 2, 30)
    assert gone not in pool.pids and len(pool.pids) == 2
    assert [answer["pid"] for answer in answers] == pool.pids


def _failing(command: Any, take: Callable[[], int | None]) -> list[int]:
    taken = _take_all(take)
    if command == "fail":
        raise RuntimeError("a worker fails")
    return taken


def test_a_worker_failing_mid_round_answers_none_and_the_next_round_forks_anew() -> None:
    pool = WorkerPool(_failing)
    try:
        with pool.start(1, 20, "fail") as shared:
            _take_all(shared.take)
            assert shared.answers() == [None]  # the tasks it took are the caller's to redo
        assert pool.pids == []
        with pool.start(1, 20, "work") as shared:
            mine = _take_all(shared.take)
            answers = shared.answers()
        assert sorted(mine + answers[0]) == list(range(20)) and len(pool.pids) == 1
    finally:
        pool.close()


def test_leaving_a_round_midway_ends_the_workers(pool: WorkerPool) -> None:
    _round(pool, 2, 10)
    pids = pool.pids
    with pytest.raises(KeyboardInterrupt), pool.start(2, 10, "go") as shared:
        shared.take()
        raise KeyboardInterrupt
    assert pool.pids == []
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # ended and reaped
    _round(pool, 2, 10)


def test_an_interrupt_while_a_round_starts_ends_the_workers(
    pool: WorkerPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _round(pool, 2, 10)
    real = forked_workers._write_frame

    def interrupted(fd: int, payload: bytes) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(forked_workers, "_write_frame", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pool.start(2, 10, "go")  # its tasks are in the queue already: none may stay
    assert pool.pids == []
    monkeypatch.setattr(forked_workers, "_write_frame", real)
    _round(pool, 2, 10)


def _busy(command: Any, take: Callable[[], int | None]) -> list[int]:
    """Take one task, say so (a file at the path ``command`` names: a kept worker holds
    no pipe of its owner's), and stay busy while the owner takes on."""
    taken = take()
    with open(command, "w"):
        pass
    time.sleep(1.0)
    return [index for index in [taken, *_take_all(take)] if index is not None]


def test_a_busy_worker_leaves_the_other_tasks_to_the_others(tmp_path: Any) -> None:
    said = tmp_path / "took-one"
    pool = WorkerPool(_busy)
    try:
        with pool.start(1, 50, str(said)) as shared:
            deadline = time.monotonic() + 30
            while not said.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            assert said.exists()  # the worker holds exactly one task now
            mine = _take_all(shared.take)
            theirs = shared.answers()[0]
        assert theirs is not None and len(theirs) == 1
        assert sorted(mine + theirs) == list(range(50))
    finally:
        pool.close()


def test_an_empty_round_ends_at_once_and_an_oversized_one_is_refused(pool: WorkerPool) -> None:
    assert _round(pool, 1, 0) == [{"command": "go", "pid": pool.pids[0], "taken": []}]
    with pytest.raises(ValueError, match="0 to"):
        pool.start(1, MAX_TASKS + 1, "go")


@pytest.mark.skipif(not os.path.isdir(f"{PROC}/self/fd"), reason="no /proc to look into")
def test_a_kept_worker_holds_no_file_of_its_owner(pool: WorkerPool) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        _round(pool, 1, 5)
    finally:
        server.close()
    worker = pool.pids[0]
    held = os.listdir(f"{PROC}/{worker}/fd")
    # the standard streams (on /dev/null) and its three pipes, nothing else
    assert sorted(map(int, held))[:3] == [0, 1, 2] and len(held) == 6
    assert {os.readlink(f"{PROC}/{worker}/fd/{fd}") for fd in ("0", "1", "2")} == {os.devnull}
    targets = [os.readlink(f"{PROC}/{worker}/fd/{fd}") for fd in held]
    assert not any(target.startswith("socket:") for target in targets)


def test_a_fork_of_the_owner_lets_go_of_the_workers(pool: WorkerPool) -> None:
    _round(pool, 1, 5)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the fork reports and leaves
        os.write(write_end, str(len(pool.pids)).encode())
        os._exit(0)
    os.close(write_end)
    assert os.read(read_end, 10) == b"0"
    os.close(read_end)
    os.waitpid(pid, 0)
    assert len(pool.pids) == 1  # the owner keeps its worker
    _round(pool, 1, 5)


_OWNER = """
import os, sys
sys.path.insert(0, sys.argv[1])
from test_worker_pool import _taking
from archbook.adapters.scanning.forked_workers import WorkerPool
pool = WorkerPool(_taking)
with pool.start(2, 10, "go") as shared:
    list(iter(shared.take, None))
    shared.answers()
print(" ".join(map(str, pool.pids)), flush=True)
if sys.argv[2] == "killed":
    os._exit(0)  # no clean-up at exit: the workers see their pipe end
"""


def _ended(pid: int) -> bool:
    """Gone, or a zombie waiting for a parent that does not reap it."""
    try:
        with open(f"{PROC}/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir(f"{PROC}/self"), reason="no /proc to look into")
@pytest.mark.parametrize("ending", ["exits", "killed"])
def test_workers_leave_when_their_owner_ends(ending: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_OWNER), os.path.dirname(__file__), ending],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )  # returns once every holder of its output, the workers too, let go of it
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    while not all(map(_ended, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(_ended, pids))


def test_many_folders_and_files_fit_in_one_round_each_kept_once() -> None:
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
