"""Bytes written whole in bounded slices: to a file (a snapshot base of megabytes) and to
a pipe that takes part of each slice at a time."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from archbook.adapters.scanning import scan_snapshots, whole_writes
from archbook.adapters.scanning.scan_snapshots import SNAPSHOT_SHAPE, MarshalScanSnapshots
from archbook.adapters.scanning.whole_writes import WRITE_SLICE, write_all


def _recorded_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length asked of each ``os.write`` call ``write_all`` makes (the real call)."""
    asked: list[int] = []
    real = os.write

    def recording(fd: int, data: bytes) -> int:
        asked.append(len(data))
        return real(fd, data)

    monkeypatch.setattr(whole_writes.os, "write", recording)
    return asked


def test_parts_reach_a_file_whole_and_in_order_in_bounded_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _recorded_writes(monkeypatch)
    parts = [b"head", os.urandom(3 * WRITE_SLICE + 17), b"", b"tail"]
    target = tmp_path / "out"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT)
    try:
        write_all(fd, *parts)
    finally:
        os.close(fd)
    assert target.read_bytes() == b"".join(parts)
    assert max(asked) == WRITE_SLICE
    assert len(asked) == 6  # head, four slices, tail; nothing for the empty part


def test_a_pipe_taking_less_than_asked_still_gets_everything() -> None:
    data = os.urandom(5 * WRITE_SLICE + 3)
    read_end, write_end = os.pipe()
    got = bytearray()

    def drain() -> None:
        while chunk := os.read(read_end, 1000):  # slowly, so writes come back short
            got.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        write_all(write_end, data)
    finally:
        os.close(write_end)
        reader.join()
        os.close(read_end)
    assert bytes(got) == data


def test_a_snapshot_of_many_slices_is_written_in_slices_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [f"pkg/m{index:04d}.py" for index in range(3000)]
    snapshot = {
        **{name: kind() for name, kind in SNAPSHOT_SHAPE.items()},
        "stamps": {path: (index, index * 7) for index, path in enumerate(paths)},
        "files": {path: (os.urandom(100), None, ("pkg",)) for path in paths},
    }
    asked = _recorded_writes(monkeypatch)
    store = MarshalScanSnapshots(str(tmp_path))
    scan_snapshots._kept.clear()
    store.store("/repo", "", snapshot)
    scan_snapshots._kept.clear()  # as a new process
    loaded = store.load("/repo", "")
    scan_snapshots._kept.clear()
    assert loaded is not None and loaded["files"] == snapshot["files"]
    assert os.path.getsize(store.path_for("/repo", "")) > 4 * WRITE_SLICE
    assert max(asked) == WRITE_SLICE


def test_a_descriptor_taking_nothing_is_an_error_not_a_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fd = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    monkeypatch.setattr(whole_writes.os, "write", lambda fd, data: 0)
    try:
        with pytest.raises(OSError, match="nothing written"):
            write_all(fd, b"data")
    finally:
        monkeypatch.undo()
        os.close(fd)
