"""The snapshot journal: small stores append, damage gives a cold scan, never a wrong one."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest

from archbook.adapters.scanning import scan_snapshots, snapshot_journal
from archbook.adapters.scanning.scan_snapshots import SNAPSHOT_SHAPE, MarshalScanSnapshots

ROOT = "/repo"


def _snapshot(files: int = 50) -> dict[str, Any]:
    paths = [f"pkg/m{index:03d}.py" for index in range(files)]
    return {
        **{name: kind() for name, kind in SNAPSHOT_SHAPE.items()},
        "stamps": {path: (10, 1) for path in paths},
        "files": {path: (b"rows" * 20, None, ("pkg",)) for path in paths},
        "imports": {
            path: (("pkg.a", "pkg.b", 1, "import pkg.b", False, False, False),) for path in paths
        },
        "modules": [(path[:-3].replace("/", "."), path, False, False) for path in paths],
    }


def _edited(snapshot: dict[str, Any], path: str, stamp: int) -> dict[str, Any]:
    """``snapshot`` after one file changed, sharing every other value (as the scanner does)."""
    return {
        **snapshot,
        "stamps": {**snapshot["stamps"], path: (11, stamp)},
        "files": {**snapshot["files"], path: (b"new rows", None, ("pkg", "os"))},
        "keys": ["os", "pkg"],
    }


def _plain(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {k: v for k, v in snapshot.items() if k[:1] != "_" and k != "version"}


def _forget() -> None:
    """What a new process knows: nothing kept in memory."""
    scan_snapshots._kept.clear()


@pytest.fixture
def store(tmp_path: Path) -> MarshalScanSnapshots:
    _forget()
    yield MarshalScanSnapshots(str(tmp_path))
    _forget()


def _journal(store: MarshalScanSnapshots) -> Path:
    return Path(store.path_for(ROOT, "") + ".journal")


def test_a_small_change_is_appended_and_read_back_by_a_new_process(
    store: MarshalScanSnapshots,
) -> None:
    first = _snapshot()
    store.store(ROOT, "", first)
    base = Path(store.path_for(ROOT, ""))
    written = base.read_bytes()
    second = _edited(first, "pkg/m007.py", 2)
    store.store(ROOT, "", second)
    third = _edited(second, "pkg/m008.py", 3)
    del third["files"]["pkg/m001.py"], third["stamps"]["pkg/m001.py"]  # a file gone
    store.store(ROOT, "", third)
    assert base.read_bytes() == written  # the base is not rewritten
    assert 0 < _journal(store).stat().st_size < len(written)
    assert _plain(store.load(ROOT, "")) == _plain(third)  # from memory
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(third)  # from the files


@pytest.mark.parametrize("damage", ["torn", "flipped"])
def test_a_damaged_journal_entry_gives_no_snapshot_at_all(
    store: MarshalScanSnapshots, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _snapshot()
    store.store(ROOT, "", first)
    store.store(ROOT, "", _edited(first, "pkg/m007.py", 2))
    journal = _journal(store)
    data = bytearray(journal.read_bytes())
    if damage == "torn":  # a write cut short by a crash
        data = data[: len(data) - 5]
    else:
        data[-3] ^= 0x5A
    journal.write_bytes(bytes(data))
    _forget()
    assert store.load(ROOT, "") is None  # a cold scan, never the base alone
    assert "damaged" in capsys.readouterr().err
    assert not journal.exists() and not Path(store.path_for(ROOT, "")).exists()


def test_entries_left_for_an_older_base_are_ignored_and_dropped(
    store: MarshalScanSnapshots,
) -> None:
    """A crash between writing a new base and dropping the journal leaves the old
    journal beside the new base: its entries name the old base and are not applied."""
    first = _snapshot()
    store.store(ROOT, "", first)
    store.store(ROOT, "", _edited(first, "pkg/m007.py", 2))
    stale = _journal(store).read_bytes()
    _forget()  # no kept snapshot: the next store writes a new base
    rebuilt = _snapshot(40)
    store.store(ROOT, "", rebuilt)
    assert not _journal(store).exists()
    _journal(store).write_bytes(stale)
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(rebuilt)
    # the next store does not append after the stale entries: it writes a base
    edited = _edited(rebuilt, "pkg/m003.py", 4)
    store.store(ROOT, "", edited)
    assert not _journal(store).exists()
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(edited)


def test_two_entries_racing_for_one_place_keep_the_first(store: MarshalScanSnapshots) -> None:
    first = _snapshot()
    store.store(ROOT, "", first)
    kept = scan_snapshots._kept[store.path_for(ROOT, "")]
    winner = _edited(first, "pkg/m007.py", 2)
    store.store(ROOT, "", winner)
    # another process, having loaded the same base, appends its own first entry
    scan_snapshots._kept[store.path_for(ROOT, "")] = kept._replace(
        journal=_journal(store).read_bytes()[:0]
    )
    loser = _edited(first, "pkg/m009.py", 3)
    payload = marshal.dumps(snapshot_journal.changes_between(first, loser))
    with open(_journal(store), "ab") as out:
        out.write(snapshot_journal.encode_entry(kept.header, 0, payload))
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(winner)


def test_a_journal_outgrowing_its_share_is_folded_into_a_new_base(
    store: MarshalScanSnapshots, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_snapshots, "JOURNAL_FLOOR", 0)
    snapshot = _snapshot()
    store.store(ROOT, "", snapshot)
    base = Path(store.path_for(ROOT, ""))
    for second in range(2, 40):
        snapshot = _edited(snapshot, f"pkg/m{second:03d}.py", second)
        store.store(ROOT, "", snapshot)
        journal_size = _journal(store).stat().st_size if _journal(store).exists() else 0
        assert journal_size <= base.stat().st_size // snapshot_journal.JOURNAL_SHARE
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(snapshot)


def test_a_base_replaced_by_another_process_is_not_appended_to(
    store: MarshalScanSnapshots,
) -> None:
    first = _snapshot()
    store.store(ROOT, "", first)
    kept = dict(scan_snapshots._kept)
    other = _snapshot(30)
    _forget()
    store.store(ROOT, "", other)  # another process's full store
    scan_snapshots._kept.update(kept)  # this process still holds the first snapshot
    mine = _edited(first, "pkg/m007.py", 2)
    store.store(ROOT, "", mine)
    assert not _journal(store).exists()  # written whole, not as a change of `other`
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(mine)


def test_a_scanners_hint_narrows_the_comparison_to_the_files_it_names(
    store: MarshalScanSnapshots,
) -> None:
    first = _snapshot()
    store.store(ROOT, "", first)
    loaded = store.load(ROOT, "")
    assert loaded is not None
    edited = {**_edited(loaded, "pkg/m007.py", 2), "_since": (loaded, ["pkg/m007.py"])}
    store.store(ROOT, "", edited)
    assert "_since" not in scan_snapshots._kept[store.path_for(ROOT, "")].snapshot
    # a hint about another table than the kept one is not believed
    other = {**_edited(edited, "pkg/m009.py", 3), "_since": (first, [])}
    store.store(ROOT, "", other)
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(other)


def test_a_journal_append_cut_short_gives_way_to_a_new_base(
    store: MarshalScanSnapshots, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _snapshot()
    store.store(ROOT, "", first)
    real = scan_snapshots.os.write

    def half_once(fd: int, data: bytes) -> int:  # a full disk takes part of an append
        monkeypatch.setattr(scan_snapshots.os, "write", real)  # the base is written whole
        return real(fd, data[: len(data) // 2])

    monkeypatch.setattr(scan_snapshots.os, "write", half_once)
    second = _edited(first, "pkg/m007.py", 2)
    store.store(ROOT, "", second)
    assert not _journal(store).exists()  # the torn entry went with the old base
    _forget()
    assert _plain(store.load(ROOT, "")) == _plain(second)
