"""Re-scans in one process reuse what they can and still never serve a stale result."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from archbook.adapters.rules.config_rules import ConfigFileRulesSource
from archbook.adapters.scanning import scan_snapshots
from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.adapters.scanning.scan_snapshots import MarshalScanSnapshots
from archbook.application.layers import analysis
from archbook.application.layers.analysis import Analysis, analyse_scan
from archbook.application.layers.scanning import Scanner

FILES = {
    "app/__init__.py": "",
    "app/domain/__init__.py": "",
    "app/domain/orders.py": "import dataclasses\n",
    "app/application/__init__.py": "",
    "app/application/place_order.py": "from app.domain import orders\n",
    "app/infrastructure/__init__.py": "",
    "app/infrastructure/orders_repo.py": "from app.domain.orders import x\n",
    "app/api/__init__.py": "",
    "app/api/routes.py": "from app.application import place_order\n",
    "app/api/app.py": "from app.infrastructure import orders_repo\n",
}


def _repo(root: Path) -> None:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _analyse(root: Path, cache: Path | None, strict: bool = False) -> Analysis:
    rules = ConfigFileRulesSource().rules_for(str(root))
    snapshots = MarshalScanSnapshots(str(cache)) if cache else None
    variant = "strict" if strict else ""
    reader = FilesystemSourceTreeReader(check_syntax=strict)
    scan = Scanner(reader, snapshots, variant).scan(str(root), rules.exclude)
    return analyse_scan(scan, rules)


def _edit(path: Path, text: str, second: int) -> None:
    path.write_text(text)
    os.utime(path, ns=(second * 1_000_000_000, second * 1_000_000_000))


def _count_checked_importers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The importer of each pair whose imports the analysis checks against the rules."""
    checked: list[str] = []
    real, real_layers = analysis._violations, analysis._layer_violations

    def counting(importer: str, *args: Any) -> Any:
        checked.append(importer)
        return real(importer, *args)

    def counting_pairs(pairs: Any, *args: Any) -> Any:  # rules without contracts
        pairs = list(pairs)
        checked.extend(importer for (importer, _), _ in pairs)
        return real_layers(pairs, *args)

    monkeypatch.setattr(analysis, "_violations", counting)
    monkeypatch.setattr(analysis, "_layer_violations", counting_pairs)
    return checked


def _facts(result: Analysis) -> tuple[object, ...]:
    return (
        result.scan.modules,
        result.scan.imports,
        result.scan.skipped,
        result.classifications,
        result.pairs,
        result.violations,
        result.externals,
    )


def test_an_edit_is_seen_by_the_next_scan_of_the_same_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = tmp_path / "repo", tmp_path / "cache"
    _repo(root)
    first = _analyse(root, cache)
    again = _analyse(root, cache)
    assert again.scan.stats.parsed == 0
    assert _facts(again) == _facts(first)
    assert not [v for v in first.violations if v.importer == "app.domain.orders"]

    checked = _count_checked_importers(monkeypatch)
    # the domain now imports infrastructure: a new import and a new violation, found
    # by checking the imports of that module alone
    _edit(root / "app/domain/orders.py", "import app.infrastructure.orders_repo\n", 5)
    edited = _analyse(root, cache)
    assert edited.scan.stats.parsed == 1
    assert checked == ["app.domain.orders"]
    assert ("app.domain.orders", "app.infrastructure.orders_repo") in edited.pairs
    assert [v.imported for v in edited.violations if v.importer == "app.domain.orders"] == [
        "app.infrastructure.orders_repo"
    ]
    assert _facts(edited) == _facts(_analyse(root, None))


def test_an_edit_that_moves_a_module_to_another_layer_checks_every_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = tmp_path / "repo", tmp_path / "cache"
    _repo(root)
    before = _analyse(root, cache)
    assert before.classifications["app.api.app"].layer != "composition"
    checked = _count_checked_importers(monkeypatch)
    # an app factory: ``app.py`` that creates the FastAPI app is the composition root
    wiring = "from fastapi import FastAPI\nfrom app.infrastructure import orders_repo\n"
    _edit(root / "app/api/app.py", wiring, 8)
    moved = _analyse(root, cache)
    assert moved.classifications["app.api.app"].layer == "composition"
    assert len(checked) == len(moved.pairs)  # a layer changed: every pair again
    assert _facts(moved) == _facts(_analyse(root, None))
    # and back, reusing again from the scan that follows
    _analyse(root, cache)
    _edit(root / "app/api/app.py", FILES["app/api/app.py"], 9)
    back = _analyse(root, cache)
    assert _facts(back)[3:] == _facts(before)[3:]


def test_a_snapshot_rewritten_by_another_process_is_read_again(tmp_path: Path) -> None:
    root, cache = tmp_path / "repo", tmp_path / "cache"
    _repo(root)
    _analyse(root, cache)
    _edit(root / "app/api/routes.py", "from app.infrastructure import orders_repo\n", 7)
    other = (
        "import sys\n"
        "from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader\n"
        "from archbook.adapters.scanning.scan_snapshots import MarshalScanSnapshots\n"
        "from archbook.application.layers.scanning import Scanner\n"
        "Scanner(FilesystemSourceTreeReader(), MarshalScanSnapshots(sys.argv[2]))"
        ".scan(sys.argv[1])\n"
    )
    subprocess.run([sys.executable, "-c", other, str(root), str(cache)], check=True)
    # the other process stored the edit: this one reads it from the file, not memory
    seen = _analyse(root, cache)
    assert seen.scan.stats.parsed == 0
    assert ("app.api.routes", "app.infrastructure.orders_repo") in seen.pairs


def test_strict_and_default_scans_keep_apart_in_one_process(tmp_path: Path) -> None:
    root, cache = tmp_path / "repo", tmp_path / "cache"
    _repo(root)
    # the imports read fine; the rest of the file does not compile
    (root / "app/api/routes.py").write_text("from app.application import place_order\ndef (:\n")
    default = _analyse(root, cache)
    strict = _analyse(root, cache, strict=True)
    default_again = _analyse(root, cache)
    names = {m.name for m in default.scan.modules}
    assert "app.api.routes" in names
    assert "app.api.routes" not in {m.name for m in strict.scan.modules}
    assert any(s.path == "app/api/routes.py" for s in strict.scan.skipped)
    assert {m.name for m in default_again.scan.modules} == names
    assert default_again.scan.stats.parsed == 0


def test_a_snapshot_damaged_in_place_unnoticed_by_its_stat_is_still_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rewrite within the file system's timestamp granularity can leave size, mtime
    and ctime as they were: until the file settles, a load compares its content."""
    root, cache = tmp_path / "repo", tmp_path / "cache"
    _repo(root)
    _analyse(root, cache)
    (path,) = cache.glob("scan-*")
    now = time.time_ns()  # the file's times, as a rewrite in the same clock tick leaves them
    monkeypatch.setattr(scan_snapshots, "_identity", lambda info: (1, 2, 3, now, now))
    store = MarshalScanSnapshots(str(cache))
    key = str(root.resolve())
    store.store(key, "", store.load(key, "") or {})  # kept with the constant identity
    good = path.read_bytes()
    assert store.load(key, "") is not None  # unchanged: served
    damaged = bytearray(good)
    damaged[-3] ^= 0x5A
    path.write_bytes(bytes(damaged))
    assert store.load(key, "") is None
    assert "damaged" in capsys.readouterr().err
