"""Worker processes made with ``os.fork``, and the one rule deciding when forking is safe.

A forked child inherits the parent's memory, so it needs no pickling of the work and
starts in about a millisecond; it sends its answer back marshalled through a pipe and
leaves with ``os._exit``. Forking is refused where it can hurt: on macOS (a child of a
process that loaded system frameworks may crash), on Windows (no fork), and in any
process running more than one OS thread (a Jupyter kernel, a web server, a program
with a thread pool): a lock another thread holds at the fork stays held forever in
the child. That rule makes the automatic default safe to use from a notebook.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from typing import Any

# Where Linux (and the BSDs mounting a Linux-compatible procfs) say how many OS
# threads the process runs, native threads included.
PROC_STATUS = "/proc/self/status"


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


Child = tuple[int, int]
# Bytes naming one task in a ``TaskQueue`` pipe.
_TASK_BYTES = 2
# Tasks a queue holds at most: all of them are written before any is taken, so they
# must fit in the pipe's buffer (64 KiB on Linux, 4 KiB on the smallest POSIX systems).
MAX_TASKS = 4096 // _TASK_BYTES


class TaskQueue:
    """Task numbers ``0 … count-1`` that forked processes take one at a time, so a
    process that finishes its task early takes the next rather than wait for others.

    The numbers are written to a pipe before any process forks and the writing end is
    closed at once: each ``take`` reads one fixed-size number, which a pipe hands out
    whole and to one reader only, and an empty pipe with no writer left reads as the
    end. Create it before forking; every process (the parent too) then calls ``take``
    until it answers None.
    """

    def __init__(self, count: int) -> None:
        if not 0 <= count <= MAX_TASKS:
            raise ValueError(f"a task queue holds 0 to {MAX_TASKS} tasks, not {count}")
        self._read, write_end = os.pipe()
        try:
            os.write(write_end, b"".join(n.to_bytes(_TASK_BYTES, "little") for n in range(count)))
        finally:
            os.close(write_end)

    def take(self) -> int | None:
        """The next task no process took yet, or None when none is left."""
        data = os.read(self._read, _TASK_BYTES)
        return int.from_bytes(data, "little") if data else None

    def close(self) -> None:
        os.close(self._read)


def fork_worker(work: Callable[[], Any]) -> Child:
    """Fork a child that runs ``work`` and writes its marshalled answer to a pipe.

    Returns (pid, read end of the pipe) for ``collect``.
    """
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # out of processes or memory: the caller goes on without this child
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # pragma: no cover - runs in the child, which leaves by os._exit
        code = 1
        try:
            os.close(read_end)
            payload = marshal.dumps(work())
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def collect(child: Child) -> Any | None:
    """What a child sent, or None when it failed (it is reaped either way)."""
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
