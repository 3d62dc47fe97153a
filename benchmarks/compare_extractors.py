"""Compare two import extractors on every Python file of some folders.

    python benchmarks/compare_extractors.py OLD_python_imports.py [FOLDER ...]

OLD is a copy of ``archbook/adapters/scanning/python_imports.py`` (for example from
``git show main:src/archbook/adapters/scanning/python_imports.py``); the installed archbook's
extractor is the new one. Every file is decoded as the scanner does, and both
extractors must give identical statements and problems; each difference is printed.
Without folders: every folder this interpreter imports from (site-packages with
django and sympy, the standard library) and /work/data/real_repos. Prints both
extractors' total time. Exits 1 on a difference. Never imports or runs the files it
reads.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from archbook.adapters.scanning.python_imports import extract_imports
from archbook.adapters.scanning.source_files import decode_source

REAL_REPOS = "/work/data/real_repos"
MAX_BYTES = 2 * 1024 * 1024


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    old = _load(sys.argv[1])
    folders = sys.argv[2:] or [*_import_folders(), REAL_REPOS]
    texts = list(_texts(folders))
    print(f"{len(texts)} files decoded from {', '.join(folders)}")
    old_found, old_seconds = _run(old, texts)
    new_found, new_seconds = _run(extract_imports, texts)
    differences = 0
    for (path, _), before, after in zip(texts, old_found, new_found, strict=True):
        if before != after:
            differences += 1
            if differences <= 20:
                print(f"DIFFERENT: {path}\n  old: {before}\n  new: {after}")
    statements = sum(len(found[0]) for found in new_found)
    problems = sum(len(found[1]) for found in new_found)
    print(f"{statements} statements, {problems} problems, {differences} files differ")
    print(f"old extractor {old_seconds:.3f} s, new {new_seconds:.3f} s")
    return 1 if differences else 0


def _import_folders() -> list[str]:
    """The folders this interpreter imports from (site-packages, the standard library,
    those a ``.pth`` file adds), outermost first."""
    found = {os.path.realpath(entry) for entry in sys.path if entry and os.path.isdir(entry)}
    return sorted(found)


def _load(path: str) -> Callable[[str], Any]:
    spec = importlib.util.spec_from_file_location("old_python_imports", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.extract_imports  # type: ignore[no-any-return]


def _texts(folders: list[str]) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for folder in folders:
        for directory, subdirs, names in os.walk(folder):
            subdirs.sort()
            for name in sorted(names):
                full = os.path.realpath(os.path.join(directory, name))
                if not name.endswith(".py") or full in seen or not os.path.isfile(full):
                    continue
                seen.add(full)
                with open(full, "rb") as handle:
                    data = handle.read(MAX_BYTES + 1)
                text = decode_source(data)[0] if len(data) <= MAX_BYTES else None
                if text is not None:
                    yield full, text


def _run(extract: Callable[[str], Any], texts: list[tuple[str, str]]) -> tuple[list[Any], float]:
    """Each text's statements and problems, and the time taken, with the cyclic
    collector off: the first run's results would otherwise slow the second's
    collections (by a fifth, with two identical extractors)."""
    found = []
    gc.disable()
    try:
        start = time.perf_counter()
        for _, text in texts:
            statements, problems = extract(text)
            found.append((statements, [(p.line, str(p)) for p in problems]))
        return found, time.perf_counter() - start
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
