"""Reads repository files as text from disk, decoded like the scanner decodes them."""

from __future__ import annotations

import os

from archbook.adapters.filesystem_scanner import MAX_FILE_BYTES, decode_source
from archbook.application.ports.source_text import SourceText
from archbook.domain.project import PROJECT_FOLDERS, is_project_file


class FilesystemSourceText(SourceText):
    """Text of files inside ``root`` only; anything outside it or unreadable is None."""

    def read_text(self, root: str, path: str) -> str | None:
        real_root = os.path.realpath(root)
        full = os.path.realpath(os.path.join(real_root, path))
        if not full.startswith(real_root + os.sep) or not os.path.isfile(full):
            return None
        try:
            with open(full, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
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
