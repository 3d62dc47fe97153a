"""Reads repository files as text from disk, decoded like the scanner decodes them."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

from archbook.adapters.scanning.source_files import (
    MAX_FILE_BYTES,
    decode_source,
    read_at_most,
)
from archbook.application.ports.source_text import SourceText
from archbook.domain.project import PROJECT_FOLDERS, is_project_file


class FilesystemSourceText(SourceText):
    """Text of files inside ``root`` only; anything outside it or unreadable is None."""

    def read_text(self, root: str, path: str) -> str | None:
        return self.read_texts(root, [path])[0]

    def read_texts(self, root: str, paths: Sequence[str]) -> list[str | None]:
        """Each file's text, resolving the root and each folder once for the batch (a
        full ``realpath`` per file is most of the time of reading thousands of them)."""
        real_root = os.path.realpath(root)
        folders: dict[str, str] = {}
        return [self._read(real_root, path, folders) for path in paths]

    def _read(self, real_root: str, path: str, folders: dict[str, str]) -> str | None:
        full = _resolved_file(os.path.join(real_root, path), folders)
        if full is None or not full.startswith(real_root + os.sep):
            return None
        try:
            data = read_at_most(full, MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None
        text, _ = decode_source(data)
        return text

    def real_path(self, root: str, path: str) -> str | None:
        real_root = os.path.realpath(root)
        full = os.path.realpath(os.path.join(real_root, path))
        if not full.startswith(real_root + os.sep):
            return None
        return os.path.relpath(full, real_root).replace(os.sep, "/")

    def read_config_files(self, root: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for folder in ("", *PROJECT_FOLDERS):
            base = os.path.join(root, folder)
            if not os.path.isdir(base):
                continue
            try:
                names = sorted(os.listdir(base))
            except OSError:
                continue
            for name in names:
                if is_project_file(name):
                    relative = f"{folder}/{name}" if folder else name
                    text = self.read_text(root, relative)
                    if text is not None:
                        found[relative] = text
        return found


def _resolved_file(joined: str, folders: dict[str, str]) -> str | None:
    """``realpath(joined)`` when it is a regular file (None otherwise), with the folder's
    real path taken from ``folders`` (filled as it goes): once the folder is resolved,
    only a last component that is itself a symlink needs resolving again."""
    folder, name = os.path.split(joined)
    if name in ("", os.curdir, os.pardir):
        full = os.path.realpath(joined)
        return full if os.path.isfile(full) else None
    full = os.path.join(_real_folder(folder, folders), name)
    try:
        mode = os.lstat(full).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        full = os.path.realpath(full)
        return full if os.path.isfile(full) else None
    return full if stat.S_ISREG(mode) else None


def _real_folder(folder: str, folders: dict[str, str]) -> str:
    """``realpath(folder)``, built from its parent's (cached in ``folders``): only a
    component that is a symlink (or ``.``/``..``) is resolved by ``realpath`` itself."""
    real = folders.get(folder)
    if real is not None:
        return real
    parent, name = os.path.split(folder)
    if name in ("", os.curdir, os.pardir) or parent == folder:
        real = os.path.realpath(folder)
    else:
        real = os.path.join(_real_folder(parent, folders), name)
        try:
            if stat.S_ISLNK(os.lstat(real).st_mode):
                real = os.path.realpath(real)
        except OSError:
            pass  # missing: realpath keeps such a component as it is
    folders[folder] = real
    return real
