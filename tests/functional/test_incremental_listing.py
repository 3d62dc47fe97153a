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


def test_folders_that_never_hold_modules_are_not_walked(tmp_path: Path) -> None:
    _tree(tmp_path)
    catalogs = tmp_path / "app" / "locale" / "fr" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "messages.po").write_text('msgid ""\n')
    (catalogs / "stray.py").write_text("x = 1\n")
    (tmp_path / "app" / "locale" / "formats.py").write_text("DATE = 'j F Y'\n")
    (tmp_path / "web" / "node_modules" / "pkg").mkdir(parents=True)
    (tmp_path / "web" / "node_modules" / "pkg" / "gen.py").write_text("x = 1\n")
    (tmp_path / "app" / "__pycache__").mkdir()
    (tmp_path / "app" / "__pycache__" / "cached.py").write_text("x = 1\n")
    for jobs in (1, 2):
        listing = FilesystemSourceTreeReader(jobs=jobs).list_files(str(tmp_path))
        assert "app/locale/formats.py" in listing.stamps
        assert not [path for path in listing.stamps if "LC_MESSAGES" in path]
        assert not [path for path in listing.stamps if "node_modules" in path]
        assert "app/__pycache__/cached.py" not in listing.stamps
        # a skipped folder is not listed at all, so not remembered either
        assert "app/locale/fr/LC_MESSAGES" not in listing.folders
        # the language folders of a translation folder that is not a package are
        # not walked: they hold catalogs only
        assert "app/locale/fr" not in listing.folders
        assert "app/locale" in listing.folders


def test_language_folders_are_walked_where_the_locale_folder_is_a_package(
    tmp_path: Path,
) -> None:
    _tree(tmp_path)
    formats = tmp_path / "app" / "conf" / "locale"
    for language in ("pt_BR", "sr_Latn", "en"):
        (formats / language).mkdir(parents=True)
        (formats / language / "__init__.py").write_text("")
        (formats / language / "formats.py").write_text("DATE = 'j F Y'\n")
    (formats / "__init__.py").write_text("")
    catalogs = tmp_path / "app" / "locales"
    (catalogs / "de" / "LC_MESSAGES").mkdir(parents=True)
    (catalogs / "de" / "stray.py").write_text("x = 1\n")
    (catalogs / "zh_Hans").mkdir()
    (catalogs / "zh_Hans" / "stray.py").write_text("x = 1\n")
    (catalogs / "loaders").mkdir()
    (catalogs / "loaders" / "po.py").write_text("import app\n")
    (tmp_path / "app" / "german").symlink_to(catalogs / "de")
    memo = None
    for jobs in (1, 2, 1):
        reader = FilesystemSourceTreeReader(jobs=jobs)
        listing = reader.list_files(str(tmp_path), memo=memo)
        for language in ("pt_BR", "sr_Latn", "en"):
            assert f"app/conf/locale/{language}/formats.py" in listing.stamps
        # not a package: its language folders are skipped, any other folder walked
        assert not [path for path in listing.stamps if "/locales/" in path and "stray" in path]
        assert "app/locales/loaders/po.py" in listing.stamps
        # a link to a language folder is a folder walked nowhere else, not a loop
        assert "app/german/stray.py" in listing.stamps
        assert not [item for item in listing.skipped if "loop" in item.reason]
        memo = listing.folders  # the third walk replays the remembered folders
