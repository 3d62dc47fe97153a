"""Worker processes made with ``os.fork`` and kept for later work, and the one rule
deciding when forking is safe.

A forked child inherits the parent's memory, so it needs no pickling of code and
starts in about a millisecond. Forking is refused where it can hurt: on macOS (a
child of a process that loaded system frameworks may crash), on Windows (no fork),
and in any process running more than one OS thread (a Jupyter kernel, a web server,
a program with a thread pool): a lock another thread holds at the fork stays held
forever in the child. That rule makes the automatic default safe to use from a
notebook.

Workers stay (``WorkerPool``): after a fork, parent and child share every page of
memory until one of them writes it, and the first write to each page copies it. A
worker forked for one scan and gone after it made both processes pay that copy for
every page they touched, which on a 2-CPU machine ate most of what the second
process gained (django: reading in 2 processes took 26 ms against 35 ms in one;
with a worker kept from the scan before, 19 ms). A kept worker waits on a pipe,
costs no CPU, holds no file of its parent open, and leaves when its parent does.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import marshal
import os
import signal
import sys
import weakref
from collections.abc import Callable
from functools import partial
from typing import Any

from archbook.adapters.scanning.whole_writes import write_all

# Where Linux (and the BSDs mounting a Linux-compatible procfs) say how many OS
# threads the process runs, native threads included.
PROC_STATUS = "/proc/self/status"
# Bytes naming one task in a round's queue, and the number ending a process's share.
_TASK_BYTES = 2
_STOP = (1 << (8 * _TASK_BYTES)) - 1
# Processes one round can have at most, this one included.
MAX_PROCESSES = 64
# Tasks a round holds at most: all of them, and a stop for each process, are written
# before any is taken, so they must fit in the queue pipe's buffer (64 KiB on Linux,
# 4 KiB on the smallest POSIX systems).
MAX_TASKS = 4096 // _TASK_BYTES - MAX_PROCESSES
_LENGTH_BYTES = 8
# What a worker runs for each round: (the round's command, take) → its answer, where
# take() gives the next task number no process took yet, or None when none is left.
Serve = Callable[[Any, Callable[[], int | None]], Any]


def fork_allowed() -> bool:
    """Whether worker processes may be forked now: a POSIX system other than macOS,
    and a process that runs exactly one OS thread. Where the thread count cannot be
    read, no worker is forked."""
    return platform_forks() and os_threads() == 1


def platform_forks() -> bool:
    """Whether this system forks safely: POSIX, but not macOS (where a child of a
    process that loaded system frameworks may crash)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def os_threads() -> int | None:
    """The OS threads of this process (Python's and native ones), or None if unknown."""
    try:
        with open(PROC_STATUS, "rb") as status:
            for line in status:
                if line.startswith(b"Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class WorkerPool:
    """Forked workers, each running ``serve`` for every round of work it is sent, kept
    between rounds.

    A round's tasks are numbers ``0 … count-1`` in a pipe the workers and this process
    share, written before the round starts and followed by one stop per process: each
    process takes one number at a time (a pipe hands a short read out whole and to one
    reader only) until it takes a stop, so one that finishes early takes the next task
    rather than wait for others. Call ``start`` only where forking is allowed (it may
    fork more workers), then take this process's share with the round's ``take``, then
    read the workers' ``answers``. Any failure — a worker gone, an answer torn, an
    error or an interrupt in this process mid-round — ends every worker; the next round
    forks new ones.
    """

    def __init__(self, serve: Serve) -> None:
        self._serve = serve
        self._owner = os.getpid()
        self._workers: list[_Worker] = []
        self._queue: tuple[int, int] | None = None  # (read end, write end)
        _POOLS.add(self)

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers kept now."""
        return [worker.pid for worker in self._workers]

    def start(self, wanted: int, count: int, command: Any) -> Round:
        """Start a round of ``count`` tasks with up to ``wanted`` workers (forked now
        where fewer are kept; fewer when the system refuses a fork), each running
        ``serve(command, take)``."""
        if not 0 <= count <= MAX_TASKS:
            raise ValueError(f"a round holds 0 to {MAX_TASKS} tasks, not {count}")
        wanted = min(wanted, MAX_PROCESSES - 1)
        self._ensure(wanted)
        workers = self._workers[:wanted]
        assert self._queue is not None
        stops = _STOP.to_bytes(_TASK_BYTES, "little") * (len(workers) + 1)
        numbers = b"".join(n.to_bytes(_TASK_BYTES, "little") for n in range(count))
        payload = marshal.dumps(command)
        sent: list[_Worker | None] = []
        try:
            write_all(self._queue[1], numbers + stops)
            for worker in workers:
                try:
                    _write_frame(worker.commands, payload)
                    sent.append(worker)
                except OSError:  # gone since the check: its stop stays, so the pool goes
                    sent.append(None)
        except BaseException:  # an interrupt half-way leaves tasks no round will take
            self.close()
            raise
        return Round(self, self._queue[0], sent)

    def close(self) -> None:
        """End every worker (they leave at once, idle or not) and forget them."""
        workers = self._let_go()
        for worker in workers:
            with contextlib.suppress(OSError):
                os.kill(worker.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(worker.pid, 0)

    def _ensure(self, wanted: int) -> None:
        """Keep at least ``wanted`` live workers if the system lets this fork them."""
        if self._owner != os.getpid():  # a fork of the owner: those are not ours
            self._let_go()
            self._owner = os.getpid()
        if any(worker.gone() for worker in self._workers):
            self.close()
        if self._queue is None:
            self._queue = os.pipe()
        while len(self._workers) < wanted:
            try:
                self._workers.append(self._fork())
            except OSError:  # out of processes or memory: go on with the workers there are
                break

    def _fork(self) -> _Worker:
        assert self._queue is not None
        commands_read, commands_write = os.pipe()
        answers_read, answers_write = os.pipe()
        global _forking_worker
        _forking_worker = True
        try:
            pid = os.fork()
        except OSError:
            for fd in (commands_read, commands_write, answers_read, answers_write):
                os.close(fd)
            raise
        finally:
            _forking_worker = False
        if pid == 0:  # pragma: no cover - runs in the worker, which leaves by os._exit
            _work(self._serve, commands_read, answers_write, self._queue[0])
        os.close(commands_read)
        os.close(answers_write)
        return _Worker(pid, commands_write, answers_read)

    def _let_go(self) -> list[_Worker]:
        """Close every worker's pipes and the queue, and forget the workers (given back):
        what ``close`` does before ending them, and all a fork of the owner does, whose
        workers they are not."""
        workers, self._workers = self._workers, []
        queue, self._queue = self._queue, None
        fds = [fd for worker in workers for fd in (worker.commands, worker.answers)]
        for fd in [*fds, *(queue or ())]:
            with contextlib.suppress(OSError):
                os.close(fd)
        return workers


class Round:
    """One round of a ``WorkerPool``: this process's ``take`` and the workers' answers."""

    def __init__(self, pool: WorkerPool, queue: int, workers: list[_Worker | None]) -> None:
        self._pool = pool
        self._queue = queue
        self._workers = workers
        self._done = False

    def __enter__(self) -> Round:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._done:  # left mid-round: the queue and the workers' state are unknown
            self._pool.close()

    def take(self) -> int | None:
        """The next task no process took yet, or None when this process's share is done."""
        return _take(self._queue)

    def answers(self) -> list[Any | None]:
        """Each worker's answer, None for a worker that failed (the pool then ends)."""
        answers: list[Any | None] = []
        for worker in self._workers:
            answer = None
            if worker is not None:
                with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                    answer = marshal.loads(_read_frame(worker.answers))
            answers.append(answer)
        self._done = True
        if not answers or any(answer is None for answer in answers):
            self._pool.close()  # a failure, or no worker to keep (forks refused): no pipe stays
        return answers


class _Worker:
    """A kept worker: its process id, the pipe it reads commands from and the one it
    answers through."""

    def __init__(self, pid: int, commands: int, answers: int) -> None:
        self.pid = pid
        self.commands = commands
        self.answers = answers

    def gone(self) -> bool:
        """Whether the worker has ended (reaping it if so)."""
        try:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return True
        return pid != 0


_POOLS: weakref.WeakSet[WorkerPool] = weakref.WeakSet()
_forking_worker = False


def _after_fork_in_child() -> None:
    """Any fork of a process holding workers (a worker sorts out its own files) lets go
    of their pipes: a long-lived fork holding them would keep the workers waiting after
    their owner ends."""
    if not _forking_worker:
        for pool in list(_POOLS):
            pool._let_go()


def _end_all() -> None:
    """At exit, end and reap every kept worker: none outlives its owner, not even for
    the moment it takes to notice, and their time counts as the owner's children's."""
    for pool in list(_POOLS):
        pool.close()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_end_all)


def _work(serve: Serve, commands: int, answers: int, queue: int) -> None:  # pragma: no cover
    """A worker's life: answer each command until the owner closes the pipe or ends."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the owner to handle
        _keep_only(commands, answers, queue)
        gc.freeze()  # what the owner made stays untouched by this process's collections
        gc.disable()
        take = partial(_take, queue)
        while True:
            try:
                command = _read_frame(commands)
            except EOFError:
                break
            _write_frame(answers, marshal.dumps(serve(marshal.loads(command), take)))
            gc.collect()  # what this round left in cycles (frozen objects are not examined)
        code = 0
    finally:
        os._exit(code)


def _keep_only(*kept: int) -> None:  # pragma: no cover - runs in a worker
    """Close every file the worker inherited but ``kept`` and the standard streams,
    which go to ``/dev/null``: a kept worker must hold no socket, pipe or file of its
    owner open (a server's port, a pipe another process waits on to end)."""
    low = 3
    for fd in sorted(kept):
        if fd > low:
            os.closerange(low, fd)
        low = max(low, fd + 1)
    most = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else -1
    os.closerange(low, most if most > low else 65536)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in {0, 1, 2} - set(kept):  # a pipe may have taken a closed stream's number
        os.dup2(null, fd)
    if null > 2:  # else it is one of the streams now
        os.close(null)


def _take(queue: int) -> int | None:
    number = int.from_bytes(os.read(queue, _TASK_BYTES), "little")
    return None if number == _STOP else number


def _write_frame(fd: int, payload: bytes) -> None:
    write_all(fd, len(payload).to_bytes(_LENGTH_BYTES, "little"), payload)


def _read_frame(fd: int) -> bytearray:
    """One length-prefixed payload; EOFError when the pipe ends first."""
    size = int.from_bytes(_read_exactly(fd, _LENGTH_BYTES), "little")
    return _read_exactly(fd, size)


def _read_exactly(fd: int, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    done = 0
    while done < size:
        got = os.readv(fd, [view[done:]])
        if not got:
            raise EOFError("the pipe ended early")
        done += got
    return buffer
