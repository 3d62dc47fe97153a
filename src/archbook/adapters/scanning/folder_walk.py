"""The walk of a repository's folders: its Python files, package folders and skips.

One ``FolderWalk`` holds what a walk found. Folders can be walked in any order and by
several walks over disjoint subtrees whose findings are merged (``absorb``): each
folder's findings depend on that folder alone, and symlinks are followed only at the
end (``follow_links``), in path order, by the walk holding every folder already seen.
"""

from __future__ import annotations

import os
import re
import stat
from collections import deque
from typing import Any

from archbook.domain.source import SkippedFile

# Folders never walked: bytecode, JavaScript packages, installed packages, and gettext
# catalogs (``locale/<language>/LC_MESSAGES`` holds ``.po``/``.mo`` files only; a
# translated application has one per language and app, most of a large tree's folders).
_ALWAYS_SKIPPED = frozenset({"__pycache__", "node_modules", "site-packages", "LC_MESSAGES"})
# and these where they hold a virtual environment (``pyvenv.cfg``)
SKIPPED_DIRS = _ALWAYS_SKIPPED | {"venv", "env"}
# A translation folder that is not a package holds one folder of catalogs per
# language (``locale/pt_BR/LC_MESSAGES``); those language folders are not walked.
# A Django project has one per language and app: nine in ten folders of django
# itself. A locale folder with an ``__init__.py`` (``conf/locale``, whose language
# folders hold ``formats.py``) is walked like any package.
_CATALOG_FOLDERS = frozenset({"locale", "locales"})
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@\w+)?\Z")

# (relative path, full path, size, mtime_ns) of a Python file
Entry = tuple[str, str, int, int]
Pending = tuple[str, str]


class FolderWalk:
    """Walks folders with ``os.scandir``, following symlinks only inside ``root``.

    ``memo`` maps a folder to ``(mtime_ns, sub-folder names, .py names)`` from the last
    walk: a folder whose mtime is unchanged has the same entries, so it costs one
    ``stat`` instead of a listing. ``folders`` receives the memo for the next walk
    (folders holding symlinks or special files are always listed again) unless
    ``remember`` is False: nothing keeps it then, and each folder costs a listing
    without that ``stat``.
    """

    def __init__(
        self, root: str, exclude: tuple[str, ...], memo: dict[str, Any], remember: bool = True
    ) -> None:
        self.root = root
        self.excluded = tuple(prefix.strip("/") for prefix in exclude if prefix.strip("/"))
        self.memo = memo
        self.remember = remember
        self.folders: dict[str, Any] = {}
        self.entries: list[Entry] = []
        self.packages: set[str] = set()
        self.skipped: list[SkippedFile] = []
        self.seen_dirs = {root}
        self.links: list[Pending] = []

    def walk(self, stack: list[Pending]) -> None:
        """Walk the folders of ``stack`` and everything below them (symlinks aside)."""
        folder, pop = self.folder, stack.pop
        while stack:
            folder(*pop(), stack)

    def frontier(self, wanted: int, least_walked: int) -> list[Pending]:
        """Walk breadth-first from the root until at least ``wanted`` folders wait and
        ``least_walked`` were walked; the waiting folders, or [] when the walk ended
        first (a small tree, walked whole)."""
        queue: deque[Pending] = deque([("", self.root)])
        walked = 0
        while queue:
            if len(queue) >= wanted and walked >= least_walked:
                return list(queue)
            self.folder(*queue.popleft(), queue)
            walked += 1
        return []

    def follow_links(self) -> None:
        """Follow the symlinks met, smallest path first, walking linked folders (and
        the links met there) once every real folder is walked: a link to a folder of
        the repository then finds it walked rather than name its files after the link."""
        stack: list[Pending] = []
        links = self.links
        while links:
            links.sort(reverse=True)
            rel, path = links.pop()
            self._follow_link(rel, path, stack)
            self.walk(stack)

    def absorb(self, found: tuple[Any, ...]) -> None:
        """Merge what another walk over other folders found (``findings``)."""
        entries, packages, skipped, links, seen_dirs, folders = found
        self.entries.extend(map(tuple, entries))
        self.packages.update(packages)
        self.skipped.extend(SkippedFile(path, reason) for path, reason in skipped)
        self.links.extend(map(tuple, links))
        self.seen_dirs.update(seen_dirs)
        self.folders.update(folders)

    def findings(self) -> tuple[Any, ...]:
        """What this walk found, as plain values (``marshal`` sends them between
        processes)."""
        return (
            self.entries,
            list(self.packages),
            [(item.path, item.reason) for item in self.skipped],
            self.links,
            list(self.seen_dirs - {self.root}),
            self.folders,
        )

    def folder(self, rel_dir: str, full_dir: str, pending: list[Pending] | deque[Pending]) -> None:
        """List one folder: its Python files and skips, its sub-folders onto
        ``pending``, its symlinks onto ``links``."""
        prefix = f"{rel_dir}/" if rel_dir else ""
        remember = self.remember
        if remember:
            # stat before listing: a file added meanwhile changes the mtime remembered
            try:
                folder_mtime = os.stat(full_dir).st_mtime_ns
            except OSError as error:
                self._skip(rel_dir or ".", f"folder cannot be read: {error.strerror}")
                return
            remembered = self.memo.get(rel_dir)
            if remembered is not None and remembered[0] == folder_mtime:
                self.folders[rel_dir] = remembered
                self._replay(remembered, rel_dir, full_dir, prefix, pending)
                return
        try:
            with os.scandir(full_dir) as iterator:
                children = list(iterator)
        except OSError as error:
            self._skip(rel_dir or ".", f"folder cannot be read: {error.strerror}")
            return
        excluded, entries, seen_dirs = self.excluded, self.entries, self.seen_dirs
        sub_folders: list[str] = []
        python_files: list[str] = []
        plain = True
        catalogs = rel_dir.rpartition("/")[2] in _CATALOG_FOLDERS
        if catalogs:
            # language folders wait until the listing says whether this is a package
            languages: list[Pending] = []
            pending, walked = languages, pending
        for entry in children:
            name = entry.name
            # Most entries of a big tree are data files or data folders: decide on the
            # cheap d_type answers first and build paths only for what is kept.
            if not name.endswith(".py"):
                if entry.is_dir(follow_symlinks=False):
                    sub_folders.append(name)
                    if excluded or name[0] == "." or name in SKIPPED_DIRS:
                        self._push_folder(name, prefix + name, entry.path, pending)
                    else:  # _push_folder's common case, inlined
                        full = entry.path
                        if full not in seen_dirs:
                            seen_dirs.add(full)
                            pending.append((prefix + name, full))
                    continue
                if not entry.is_symlink():
                    continue
            if name.endswith(".py") and entry.is_file(follow_symlinks=False):
                python_files.append(name)
                rel = prefix + name
                if excluded and _is_excluded(rel, excluded):
                    continue
                try:
                    info = entry.stat()
                except OSError as error:
                    self._skip(rel, f"cannot be read: {error.strerror}")
                    continue
                if name == "__init__.py":
                    self.packages.add(rel_dir)
                entries.append((rel, entry.path, info.st_size, info.st_mtime_ns))
            elif entry.is_dir(follow_symlinks=False):
                sub_folders.append(name)
                self._push_folder(name, prefix + name, entry.path, pending)
            elif entry.is_symlink():
                plain = False
                rel = prefix + name
                if excluded and _is_excluded(rel, excluded):
                    continue
                self.links.append((rel, entry.path))
            elif name.endswith(".py"):
                plain = False
                # a FIFO would block the read forever; sockets and devices fail it
                self._skip(prefix + name, "not a regular file")
        if catalogs:
            pending = walked
            if "__init__.py" not in python_files:
                languages = self._drop_languages(languages)
                sub_folders = [name for name in sub_folders if not _LANGUAGE_TAG.match(name)]
            pending.extend(languages)
        if plain and remember:
            self.folders[rel_dir] = (folder_mtime, tuple(sub_folders), tuple(python_files))

    def _drop_languages(self, folders: list[Pending]) -> list[Pending]:
        """``folders`` of a translation folder but its language folders, which are
        forgotten as seen (a symlink to one is followed like any other)."""
        kept: list[Pending] = []
        for rel, full in folders:
            if _LANGUAGE_TAG.match(rel, rel.rfind("/") + 1):
                self.seen_dirs.discard(full)
            else:
                kept.append((rel, full))
        return kept

    def _skip(self, rel: str, reason: str) -> None:
        self.skipped.append(SkippedFile(rel, reason))

    def _push_folder(
        self, name: str, rel: str, full: str, pending: list[Pending] | deque[Pending]
    ) -> None:
        if self.excluded and _is_excluded(rel, self.excluded):
            return
        if name.startswith(".") or name in _ALWAYS_SKIPPED:
            return
        if name in SKIPPED_DIRS and _is_virtualenv(full):
            return
        if full not in self.seen_dirs:
            self.seen_dirs.add(full)
            pending.append((rel, full))

    def _replay(
        self,
        remembered: tuple[int, tuple[str, ...], tuple[str, ...]],
        rel_dir: str,
        full_dir: str,
        prefix: str,
        pending: list[Pending] | deque[Pending],
    ) -> None:
        """Walk an unchanged folder from the memo: a ``stat`` per Python file."""
        _, sub_folders, python_files = remembered
        excluded, append = self.excluded, self.entries.append
        lstat, is_regular, base = os.lstat, stat.S_ISREG, f"{full_dir}/"
        for name in python_files:
            rel = prefix + name
            if excluded and _is_excluded(rel, excluded):
                continue
            full = base + name
            try:
                info = lstat(full)
            except OSError as error:
                self._skip(rel, f"cannot be read: {error.strerror}")
                continue
            if not is_regular(info.st_mode):
                self._skip(rel, "not a regular file")
                continue
            if name == "__init__.py":
                self.packages.add(rel_dir)
            append((rel, full, info.st_size, info.st_mtime_ns))
        for name in sub_folders:
            self._push_folder(name, prefix + name, f"{full_dir}/{name}", pending)

    def _follow_link(self, rel: str, path: str, stack: list[Pending]) -> None:
        """Follow a symlink only when it stays inside the repository and loops nowhere."""
        try:
            info = os.stat(path)
        except OSError:
            self._skip(rel, "broken symlink or symlink loop")
            return
        name = os.path.basename(path)
        target = os.path.realpath(path)
        root = self.root
        if stat.S_ISDIR(info.st_mode):
            if _skip_dir(name, path):
                return
            if not within(target, root):
                self._skip(rel, "symlink to a folder outside the repository")
            elif target in self.seen_dirs or within(os.path.dirname(path), target):
                self._skip(rel, "symlink loop or folder already scanned")
            else:
                self.seen_dirs.add(target)
                stack.append((rel, path))
        elif stat.S_ISREG(info.st_mode) and name.endswith(".py"):
            if not within(target, root):
                self._skip(rel, "symlink to a file outside the repository")
                return
            if name == "__init__.py":
                self._skip(rel, "symlinked __init__.py is not followed")
                return
            self.entries.append((rel, path, info.st_size, info.st_mtime_ns))


def _is_excluded(rel: str, excluded: tuple[str, ...]) -> bool:
    return any(rel == prefix or rel.startswith(prefix + "/") for prefix in excluded)


def _skip_dir(name: str, path: str) -> bool:
    if name.startswith(".") or name in _ALWAYS_SKIPPED:
        return True
    return name in SKIPPED_DIRS and _is_virtualenv(path)


def _is_virtualenv(path: str) -> bool:
    return os.path.exists(os.path.join(path, "pyvenv.cfg"))


def within(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or below it (both real, absolute paths)."""
    return path == root or path.startswith(root + os.sep)
