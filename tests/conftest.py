"""Shared fixtures: every test gets its own scan-snapshot cache folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
ASSETS_DIR = TESTS_DIR / "assets"

# `from fakes.source_tree import ...` works whatever pytest's import mode.
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))


@pytest.fixture(autouse=True)
def archbook_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh, empty ``ARCHBOOK_CACHE_DIR`` per test, so no test reads another's
    snapshot nor writes to the user's real cache."""
    folder = tmp_path_factory.mktemp("archbook-cache")
    monkeypatch.setenv("ARCHBOOK_CACHE_DIR", str(folder))
    monkeypatch.delenv("ARCHBOOK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def assets_dir() -> Path:
    """tests/assets: the committed fixture repositories (read them, or copy to edit)."""
    return ASSETS_DIR


@pytest.fixture(autouse=True)
def _no_kept_workers() -> Iterator[None]:
    """Scan workers forked during a test end with it: a later test forks its own, which
    inherit what that test set up (a helper it broke on purpose, a refused fork)."""
    yield
    scanner = sys.modules.get("archbook.adapters.scanning.filesystem_scanner")
    if scanner is not None:
        scanner.WORKERS.close()


@pytest.fixture
def worker_rounds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The scan workers each round started in this test asked for, in order (every
    ``WORKERS.start`` call, which goes on as usual)."""
    from archbook.adapters.scanning import filesystem_scanner

    asked: list[int] = []
    real = filesystem_scanner.WORKERS.start

    def counting(wanted: int, count: int, command: object) -> object:
        asked.append(wanted)
        return real(wanted, count, command)

    monkeypatch.setattr(filesystem_scanner.WORKERS, "start", counting)
    return asked
