"""Check that blanking tests' bodies before parsing gives the tree a whole parse gives.

    python benchmarks/compare_test_bodies.py [FOLDER ...]

For every test file (``test_*.py``, ``*_test.py``; not ``conftest.py``) below the
folders, the code model's tree is built twice: from the whole text, then emptied
(``drop_test_bodies``), and from the text with its tests' bodies blanked
(``blank_test_bodies``), then emptied. The two trees must be equal, positions
included (``ast.dump(include_attributes=True)``); each difference is printed. Prints
how many files were blanked, how many blanked texts did not parse (the code model
then parses the whole text), and both ways' parse time. Without folders:
/work/data/real_repos, /work/data/plan_cases, /work/data/heldout_cases and this
interpreter's site-packages. Exits 1 on a difference. Never imports or runs the
files it reads.
"""

from __future__ import annotations

import ast
import os
import sys
import sysconfig
import time
from collections.abc import Iterator

from archbook.application.code_facts.emptied_tests import blank_test_bodies, drop_test_bodies
from archbook.domain.layers import is_test_file
from archbook.domain.python_syntax import parse_python

DEFAULT_FOLDERS = (
    "/work/data/real_repos",
    "/work/data/plan_cases",
    "/work/data/heldout_cases",
    sysconfig.get_paths()["purelib"],
)
SKIPPED = frozenset({"node_modules", "venv", ".venv", ".git"})


def main() -> int:
    folders = sys.argv[1:] or [f for f in DEFAULT_FOLDERS if os.path.isdir(f)]
    files = blanked = unparsed = differ = size = 0
    whole = short = 0.0
    for path, text in _test_files(folders):
        started = time.perf_counter()
        try:
            expected = parse_python(text, path)
        except (SyntaxError, ValueError):
            continue  # the code model reports these files as problems either way
        drop_test_bodies(expected)
        middle = time.perf_counter()
        blank = blank_test_bodies(text)
        try:
            tree = parse_python(blank, path)
        except (SyntaxError, ValueError):
            unparsed += 1
            tree = parse_python(text, path)
        drop_test_bodies(tree)
        ended = time.perf_counter()
        whole, short = whole + middle - started, short + ended - middle
        files, size, blanked = files + 1, size + len(text), blanked + (blank != text)
        if ast.dump(tree, include_attributes=True) != ast.dump(expected, include_attributes=True):
            differ += 1
            print(f"DIFFERENT TREE: {path}")
    print(f"{files} test files ({size / 1e6:.1f} MB) below {', '.join(folders)}")
    print(f"  blanked: {blanked}; blanked text not parsed (whole text parsed): {unparsed}")
    print(f"  different trees: {differ}")
    print(f"  parse and drop: whole text {whole:.2f} s, blanked text {short:.2f} s")
    return 1 if differ else 0


def _test_files(folders: list[str]) -> Iterator[tuple[str, str]]:
    """(path, text) of every test file below ``folders``, each real file once."""
    seen: set[str] = set()
    for folder in folders:
        for current, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
            for name in sorted(names):
                stem = name.removesuffix(".py")
                if stem == name or stem == "conftest" or not is_test_file(stem):
                    continue
                path = os.path.join(current, name)
                real = os.path.realpath(path)
                if real in seen:
                    continue
                seen.add(real)
                try:
                    with open(path, encoding="utf-8") as handle:
                        yield path, handle.read()
                except (OSError, UnicodeDecodeError):
                    continue


if __name__ == "__main__":
    sys.exit(main())
