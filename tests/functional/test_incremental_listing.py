"""The folder memo: unchanged folders are not listed again, changes are still seen."""

from __future__ import annotations

import os
from pathlib import Path

from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader


def _tree(root: Path) -> None:
    (root / "app" / "users").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "users" / "__init__.py").write_text("")
    (root / "app" / "users" / "service.py").write_text("import app\n")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# docs\n")


def test_a_memo_listing_equals_a_fresh_listing_and_skips_data_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    reader = FilesystemSourceTreeReader()
    first = reader.list_files(str(tmp_path))
    again = reader.list_files(str(tmp_path), memo=first.folders)
    assert again.stamps == first.stamps
    assert again.packages == first.packages
    assert again.folders == first.folders
    # the memo keeps only what matters: sub-folders and Python files
    assert first.folders["docs"][1:] == ((), ())
    assert set(first.folders["app/users"][2]) == {"__init__.py", "service.py"}


def test_files_added_removed_or_edited_are_seen_through_the_memo(tmp_path: Path) -> None:
    _tree(tmp_path)
    reader = FilesystemSourceTreeReader()
    memo = reader.list_files(str(tmp_path)).folders
    new = tmp_path / "app" / "users" / "routes.py"
    new.write_text("x = 1\n")
    listing = reader.list_files(str(tmp_path), memo=memo)
    assert "app/users/routes.py" in listing.stamps
    memo = listing.folders
    edited = tmp_path / "app" / "users" / "service.py"
    edited.write_text("import app\nimport app.users\n")
    os.utime(edited, ns=(2_000_000_000, 2_000_000_000))
    listing = reader.list_files(str(tmp_path), memo=memo)
    assert listing.stamps["app/users/service.py"][1] == 2_000_000_000
    new.unlink()
    listing = reader.list_files(str(tmp_path), memo=listing.folders)
    assert "app/users/routes.py" not in listing.stamps


def test_a_folder_with_a_symlink_is_always_listed_again(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "app" / "alias").symlink_to(tmp_path / "app" / "users")
    listing = FilesystemSourceTreeReader().list_files(str(tmp_path))
    assert "app" not in listing.folders
    assert "app/users" in listing.folders
