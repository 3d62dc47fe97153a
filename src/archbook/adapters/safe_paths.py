"""Writing inside a target repository without ever following a symlink out of it."""

from __future__ import annotations

import contextlib
import os
import tempfile

from archbook.exceptions import ArchbookError


class UnsafePathError(ArchbookError):
    """A folder on the way to a file archbook writes is a symlink or not a folder."""


def ensure_real_folder(root: str, parts: tuple[str, ...]) -> str:
    """``root/parts...`` as real folders (created when missing); refuses symlinks."""
    current = os.path.abspath(root)
    if os.path.islink(current):
        raise UnsafePathError(f"{current} is a symlink; archbook writes only in real folders")
    for part in parts:
        current = os.path.join(current, part)
        if os.path.islink(current):
            raise UnsafePathError(f"{current} is a symlink; archbook refuses to write through it")
        if os.path.exists(current) and not os.path.isdir(current):
            raise UnsafePathError(f"{current} exists and is not a folder")
        if not os.path.exists(current):
            os.mkdir(current)
    return current


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to a temp file in the same folder, fsync, then ``os.replace``."""
    folder = os.path.dirname(path)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".archbook-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if os.path.islink(path):
            raise UnsafePathError(f"{path} is a symlink; archbook refuses to replace it")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
