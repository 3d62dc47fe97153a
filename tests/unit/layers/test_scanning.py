"""Incremental scans: the Scanner keeps a snapshot of the last scan and re-reads only
files whose stamp changed; whatever changed, the result equals a fresh scan.

Most tests use the in-memory reader and snapshot store (they count reads and
marshal every snapshot); the last ones use the real reader and the real marshal
store on a temporary folder.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import replace
from pathlib import Path

import pytest
from fakes.scan_snapshots import FakeScanSnapshots
from fakes.source_tree import FakeSourceTreeReader

from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.adapters.scanning.scan_snapshots import (
    SNAPSHOT_SHAPE,
    SNAPSHOT_VERSION,
    MarshalScanSnapshots,
    default_cache_dir,
)
from archbook.application.layers.scanning import Scanner
from archbook.domain.source import Scan, ScanStats, SkippedFile

REPO = {
    "src/__init__.py": "",
    "src/main.py": "from src.users.routes import router\nfrom fastapi import FastAPI\n",
    "src/users/__init__.py": "",
    "src/users/routes.py": "from src.users import service\nfrom src.users import helpers\n",
    "src/users/service.py": (
        "from typing import TYPE_CHECKING\n"
        "from src.users.domain import User\n"
        "if TYPE_CHECKING:\n    from src.users.routes import router\n"
    ),
    "src/users/domain.py": "import dataclasses\n",
    "src/shared/__init__.py": "",
    "src/shared/db.py": "import sqlalchemy\n",
}


def fresh(reader: FakeSourceTreeReader, exclude: tuple[str, ...] = ()) -> Scan:
    """What a scan without any snapshot gives, on a copy of the reader's files."""
    copy = FakeSourceTreeReader(reader.files, root=reader.root)
    for path, reason in reader.unreadable.items():
        copy.break_file(path, reason)
    copy.listing_skipped = list(reader.listing_skipped)
    return Scanner(copy).scan(reader.root, exclude)


def same(a: Scan, b: Scan) -> bool:
    """Equal but for the work counters."""
    return replace(a, stats=ScanStats()) == replace(b, stats=ScanStats())


@pytest.fixture
def reader() -> FakeSourceTreeReader:
    return FakeSourceTreeReader(REPO)


@pytest.fixture
def scanner(reader: FakeSourceTreeReader) -> Scanner:
    return Scanner(reader, FakeScanSnapshots())


def reads_during(reader: FakeSourceTreeReader, scanner: Scanner) -> tuple[Scan, list[str]]:
    before = len(reader.reads)
    result = scanner.scan(reader.root)
    return result, reader.reads[before:]


def test_first_scan_reads_every_file_once(reader: FakeSourceTreeReader, scanner: Scanner) -> None:
    result, reads = reads_during(reader, scanner)
    assert sorted(reads) == sorted(REPO)
    assert result.stats == ScanStats(files=8, parsed=8, cached=0)
    assert ("src.users.service", "src.users.domain") in {
        (i.importer, i.imported) for i in result.imports
    }


def test_second_scan_reads_nothing_and_gives_an_equal_scan(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    first = scanner.scan(reader.root)
    second, reads = reads_during(reader, scanner)
    assert reads == []
    assert second.stats == ScanStats(files=8, parsed=0, cached=8)
    assert same(second, first)


def test_touching_one_file_rereads_exactly_that_file(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    scanner.scan(reader.root)
    reader.touch("src/users/routes.py")
    result, reads = reads_during(reader, scanner)
    assert reads == ["src/users/routes.py"]
    assert result.stats == ScanStats(files=8, parsed=1, cached=7)
    assert same(result, fresh(reader))


def test_stamps_stored_as_lists_are_compared_without_a_crash(reader: FakeSourceTreeReader) -> None:
    """A snapshot of the right shape whose stamps are lists (unhashable) still gives
    the scan a fresh one gives: the changed files are found one comparison at a time."""
    snapshots = FakeScanSnapshots()
    scanner = Scanner(reader, snapshots)
    scanner.scan(reader.root)
    ((key, data),) = snapshots.saved.items()
    stored = marshal.loads(data)
    stored["stamps"] = {path: list(stamp) for path, stamp in stored["stamps"].items()}
    snapshots.saved[key] = marshal.dumps(stored)
    reader.write("src/shared/db.py", "import sqlalchemy\nfrom src.users.domain import User\n")
    result, reads = reads_during(reader, scanner)
    assert sorted(reads) == sorted(REPO)  # no stamp equals a list: every file again
    assert same(result, fresh(reader))


def test_editing_imports_among_known_names_rereads_only_that_file(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    scanner.scan(reader.root)
    reader.write("src/shared/db.py", "import sqlalchemy\nfrom src.users.domain import User\n")
    result, reads = reads_during(reader, scanner)
    assert reads == ["src/shared/db.py"]
    assert ("src.shared.db", "src.users.domain", 2) in {
        (i.importer, i.imported, i.line) for i in result.imports
    }
    assert same(result, fresh(reader))


def test_adding_a_file_re_resolves_files_that_were_not_reread(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    before = scanner.scan(reader.root)
    # `from src.users import helpers` named a name in the package; now it is a module
    assert ("src.users.routes", "src.users") in {(i.importer, i.imported) for i in before.imports}
    reader.write("src/users/helpers.py", "")
    result, reads = reads_during(reader, scanner)
    assert reads == ["src/users/helpers.py"]
    edges = {(i.importer, i.imported) for i in result.imports}
    assert ("src.users.routes", "src.users.helpers") in edges
    assert ("src.users.routes", "src.users") not in edges
    assert same(result, fresh(reader))


def test_a_new_top_level_import_name_re_resolves_every_file() -> None:
    reader = FakeSourceTreeReader(
        {
            "backend/app/__init__.py": "",
            "backend/app/main.py": "from backend.app.routes import router\n",
            "backend/app/routes.py": "from backend.app import service\n",
            "backend/app/service.py": "",
        }
    )
    scanner = Scanner(reader, FakeScanSnapshots())
    assert scanner.scan(reader.root).source_roots == (".",)
    # the first bare `app...` import makes `backend/` a source root too, and modules
    # are then named from it: the imports of files not read again change as well
    reader.write("backend/app/service.py", "from app.routes import router\n")
    result, reads = reads_during(reader, scanner)
    assert reads == ["backend/app/service.py"]
    assert result.source_roots == (".", "backend")
    assert {(i.importer, i.imported) for i in result.imports} == {
        ("app.main", "app.routes"),
        ("app.routes", "app.service"),
        ("app.service", "app.routes"),
    }
    assert same(result, fresh(reader))


def test_deleting_a_file_equals_a_fresh_scan(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    scanner.scan(reader.root)
    reader.delete("src/users/domain.py")
    result, reads = reads_during(reader, scanner)
    assert reads == []
    assert result.module("src.users.domain") is None
    assert same(result, fresh(reader))


def test_a_file_that_becomes_unreadable_is_skipped(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    scanner.scan(reader.root)
    reader.break_file("src/shared/db.py", "not valid utf-8: byte 0xff at offset 3")
    result, reads = reads_during(reader, scanner)
    assert reads == ["src/shared/db.py"]
    assert result.module("src.shared.db") is None
    assert result.skipped == (
        SkippedFile("src/shared/db.py", "not valid utf-8: byte 0xff at offset 3"),
    )
    assert same(result, fresh(reader))


def test_a_file_that_becomes_readable_again_is_a_module_again(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    reader.break_file("src/shared/db.py", "contains NUL bytes (binary file?)")
    assert scanner.scan(reader.root).module("src.shared.db") is None
    # same files, import names all known already: only this file's record changes
    reader.write("src/shared/db.py", "import dataclasses\n")
    result, reads = reads_during(reader, scanner)
    assert reads == ["src/shared/db.py"]
    assert result.module("src.shared.db") is not None
    assert result.skipped == ()
    assert same(result, fresh(reader))


def test_what_listing_skips_is_never_served_stale(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    scanner.scan(reader.root)
    # a broken symlink appears: no Python file's stamp changes
    reader.listing_skipped.append(SkippedFile("src/gone.py", "broken symlink or symlink loop"))
    result, reads = reads_during(reader, scanner)
    assert reads == []
    assert result.skipped == (SkippedFile("src/gone.py", "broken symlink or symlink loop"),)
    assert same(result, fresh(reader))
    reader.listing_skipped.clear()
    assert scanner.scan(reader.root).skipped == ()


def test_a_file_with_an_unreadable_import_is_a_module_and_listed_as_skipped(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    reader.write("src/shared/db.py", "import sqlalchemy\nfrom src.users import\n")
    result = scanner.scan(reader.root)
    assert result.module("src.shared.db") is not None
    assert [(s.path, s.reason.split(":")[0]) for s in result.skipped] == [
        ("src/shared/db.py", "unreadable import at line 2")
    ]
    assert ("src.shared.db", "sqlalchemy") in {(i.importer, i.imported) for i in result.imports}


def test_each_exclusion_set_keeps_its_own_snapshot(reader: FakeSourceTreeReader) -> None:
    snapshots = FakeScanSnapshots()
    scanner = Scanner(reader, snapshots)
    everything = scanner.scan(reader.root)
    without_users = scanner.scan(reader.root, ("src/users",))
    assert len(reader.reads) == 8 + 4
    assert {m.path for m in without_users.modules} == {
        "src/__init__.py",
        "src/main.py",
        "src/shared/__init__.py",
        "src/shared/db.py",
    }
    assert same(scanner.scan(reader.root), everything)
    assert same(scanner.scan(reader.root, ("src/users",)), without_users)
    assert len(reader.reads) == 8 + 4
    assert len(snapshots.saved) == 2


def test_without_snapshots_every_scan_reads_every_file(reader: FakeSourceTreeReader) -> None:
    scanner = Scanner(reader)
    first = scanner.scan(reader.root)
    second = scanner.scan(reader.root)
    assert len(reader.reads) == 16
    assert second.stats == ScanStats(files=8, parsed=8, cached=0)
    assert same(first, second)
    # nothing keeps the listings, so the reader need not gather a folder memo
    assert reader.remembered == [False, False]


def test_a_scanner_keeping_snapshots_asks_for_the_folder_memo(
    reader: FakeSourceTreeReader, scanner: Scanner
) -> None:
    scanner.scan(reader.root)
    scanner.scan(reader.root)
    assert reader.remembered == [True, True]


def test_progress_hears_of_the_files_read(reader: FakeSourceTreeReader) -> None:
    counts: list[int] = []
    Scanner(reader).scan(reader.root, progress=counts.append)
    assert counts == list(range(1, 9))


# ---------------------------------------------------------------- real reader and store


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def disk_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for rel, text in REPO.items():
        write(repo / rel, text)
    return repo


def test_real_incremental_scan_after_an_edit_equals_a_fresh_scan(
    disk_repo: Path, tmp_path: Path
) -> None:
    store = MarshalScanSnapshots(str(tmp_path / "cache"))
    scanner = Scanner(FilesystemSourceTreeReader(), store)
    first = scanner.scan(str(disk_repo))
    assert first.stats == ScanStats(files=8, parsed=8, cached=0)
    assert scanner.scan(str(disk_repo)).stats == ScanStats(files=8, parsed=0, cached=8)

    target = disk_repo / "src/shared/db.py"
    write(target, "import sqlalchemy\nfrom src.users.service import x\n")
    stamp = target.stat().st_mtime_ns + 1_000_000_000  # a later mtime, whatever the clock
    os.utime(target, ns=(stamp, stamp))
    result = scanner.scan(str(disk_repo))
    assert result.stats == ScanStats(files=8, parsed=1, cached=7)
    assert ("src.shared.db", "src.users.service") in {
        (i.importer, i.imported) for i in result.imports
    }
    assert same(result, Scanner(FilesystemSourceTreeReader()).scan(str(disk_repo)))


def test_marshal_snapshots_round_trip_under_the_cache_folder(tmp_path: Path) -> None:
    store = MarshalScanSnapshots(str(tmp_path / "cache"))
    snapshot = {
        **{name: kind() for name, kind in SNAPSHOT_SHAPE.items()},
        "stamps": {"a.py": (1, 2)},
        "files": {"a.py": (b"rows", None, ("a",))},
    }
    store.store("/repo", "key", snapshot)
    assert store.load("/repo", "key") == {**snapshot, "version": SNAPSHOT_VERSION}
    assert store.load("/repo", "other key") is None
    assert store.load("/other", "key") is None
    assert os.listdir(tmp_path / "cache") == [os.path.basename(store.path_for("/repo", "key"))]


def test_unusable_snapshots_read_as_none_and_a_scan_starts_over(
    disk_repo: Path, tmp_path: Path
) -> None:
    store = MarshalScanSnapshots(str(tmp_path / "cache"))
    scanner = Scanner(FilesystemSourceTreeReader(), store)
    scanner.scan(str(disk_repo))
    path = Path(store.path_for(str(disk_repo), ""))
    for garbage in (b"", b"\x00not marshal", b"N"):  # empty, corrupt, a marshalled None
        path.write_bytes(garbage)
        assert store.load(str(disk_repo), "") is None
        assert scanner.scan(str(disk_repo)).stats == ScanStats(files=8, parsed=8, cached=0)


def test_a_snapshot_of_another_version_is_ignored(tmp_path: Path) -> None:
    store = MarshalScanSnapshots(str(tmp_path))
    store.store("/repo", "", {"stamps": {}})
    path = Path(store.path_for("/repo", ""))
    path.write_bytes(marshal.dumps({"stamps": {}, "version": SNAPSHOT_VERSION + 1}))
    assert store.load("/repo", "") is None


def test_failing_to_store_is_not_an_error(disk_repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    scanner = Scanner(FilesystemSourceTreeReader(), MarshalScanSnapshots(str(blocker / "cache")))
    assert len(scanner.scan(str(disk_repo)).modules) == 8


def test_default_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARCHBOOK_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_cache_dir() == str(tmp_path / "explicit")
    assert MarshalScanSnapshots().directory == str(tmp_path / "explicit")
    monkeypatch.delenv("ARCHBOOK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == str(tmp_path / "xdg" / "archbook")
