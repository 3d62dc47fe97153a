"""FilesystemSourceText: files read from inside the repository only, symlinks resolved,
the same text whether a file is read alone or in a batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archbook.adapters.filesystem_source_text import FilesystemSourceText

PATHS = [
    "pkg/a.py",
    "pkg/sub/b.py",
    "pkg/linked_file.py",  # symlink to a file inside
    "linked_pkg/a.py",  # through a symlinked folder inside
    "pkg/outside_file.py",  # symlink to a file outside
    "escape/secret.py",  # through a symlinked folder outside
    "pkg/../pkg/a.py",
    "pkg/../../outside/secret.py",
    "pkg/sub",  # a folder
    "pkg/missing.py",
    "pkg/dangling.py",  # broken symlink
    "pkg/latin1.py",
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("SECRET = 1\n")
    root = tmp_path / "repo"
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("A = 1\n")
    (root / "pkg" / "sub" / "b.py").write_text("B = 2\n")
    (root / "pkg" / "latin1.py").write_bytes(b"# -*- coding: latin-1 -*-\nNAME = '\xe9'\n")
    os.symlink(root / "pkg" / "a.py", root / "pkg" / "linked_file.py")
    os.symlink(root / "pkg", root / "linked_pkg")
    os.symlink(outside / "secret.py", root / "pkg" / "outside_file.py")
    os.symlink(outside, root / "escape")
    os.symlink(root / "pkg" / "gone.py", root / "pkg" / "dangling.py")
    return root


def test_a_batch_reads_what_single_reads_read(repo: Path) -> None:
    source = FilesystemSourceText()
    batch = source.read_texts(str(repo), PATHS)
    assert batch == [source.read_text(str(repo), path) for path in PATHS]
    assert dict(zip(PATHS, batch, strict=True)) == {
        "pkg/a.py": "A = 1\n",
        "pkg/sub/b.py": "B = 2\n",
        "pkg/linked_file.py": "A = 1\n",
        "linked_pkg/a.py": "A = 1\n",
        "pkg/outside_file.py": None,
        "escape/secret.py": None,
        "pkg/../pkg/a.py": "A = 1\n",
        "pkg/../../outside/secret.py": None,
        "pkg/sub": None,
        "pkg/missing.py": None,
        "pkg/dangling.py": None,
        "pkg/latin1.py": "# -*- coding: latin-1 -*-\nNAME = 'é'\n",
    }


def test_a_root_given_through_a_symlink_reads_the_same(repo: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    os.symlink(repo, alias)
    source = FilesystemSourceText()
    assert source.read_texts(str(alias), PATHS) == source.read_texts(str(repo), PATHS)
