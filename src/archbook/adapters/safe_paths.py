"""Writing inside a target repository without ever following a symlink out of it.

Every folder on the way is checked with ``lstat`` (a dangling link counts as a link);
files are written to a temporary in the same folder and then moved into place with a
call that never follows a link at the destination (``rename`` replaces the entry,
``link`` refuses any existing entry). Modes follow the user's umask, like any file the
user's own tools would write.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time

from archbook.exceptions import ArchbookError

TEMP_PREFIX = ".archbook-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_S = 600.0
DEFAULT_FILE_MODE = 0o666


class UnsafePathError(ArchbookError):
    """A folder on the way to a file archbook writes is a symlink or not a folder."""


def ensure_real_folder(root: str, parts: tuple[str, ...]) -> str:
    """``root/parts...`` as real folders (created when missing); refuses symlinks."""
    current = os.path.abspath(root)
    if os.path.islink(current):
        raise UnsafePathError(f"{current} is a symlink; archbook writes only in real folders")
    for part in parts:
        current = os.path.join(current, part)
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            os.mkdir(current)
            continue
        if stat.S_ISLNK(mode):
            raise UnsafePathError(f"{current} is a symlink; archbook refuses to write through it")
        if not stat.S_ISDIR(mode):
            raise UnsafePathError(f"{current} exists and is not a folder")
    return current


def write_atomically(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` whole: a temp file in the same folder, fsync, then
    ``os.replace`` (which replaces a link itself, never what it points to)."""
    if os.path.islink(path):
        raise UnsafePathError(f"{path} is a symlink; archbook refuses to replace it")
    temp = _written_temporary(path, text)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(os.path.dirname(path))


def write_new_atomically(path: str, text: str | bytes) -> None:
    """Create ``path`` whole, never replacing anything there (a file, a link, a dangling
    link): ``FileExistsError`` then."""
    temp = _written_temporary(path, text)
    try:
        os.link(temp, path, follow_symlinks=False)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _sync_folder(os.path.dirname(path))


def remove_stale_temporaries(folder: str, older_than_s: float = STALE_TEMP_S) -> list[str]:
    """Remove archbook's own temporaries a killed run left in ``folder`` (regular files
    only, and only old ones, so a run writing at the same time keeps its own)."""
    removed: list[str] = []
    limit = time.time() - older_than_s
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        full = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            info = os.lstat(full)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                os.unlink(full)
                removed.append(full)
    return removed


def umask_mode(mode: int = DEFAULT_FILE_MODE) -> int:
    """``mode`` with the process umask applied (read without changing it for long)."""
    current = os.umask(0)
    os.umask(current)
    return mode & ~current


def _written_temporary(path: str, text: str | bytes) -> str:
    folder = os.path.dirname(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    handle, temp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), umask_mode())
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _sync_folder(folder: str) -> None:
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
