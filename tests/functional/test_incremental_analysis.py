"""Edits re-analysed in one process give the analysis a cold run gives the edited tree.

Each step edits the repository, re-scans and re-analyses it in this process (the scan
derived from the last one, the classification and grouping redone for the changed
modules only) and compares the JSON document with ``archbook analyse --no-cache`` run
in a new process on the same files. The edits are the ones that move layers: a
composition root appearing in (and leaving) a plumbing folder, ORM tables under a bare
``models`` module, a new folder, a file removed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from archbook.adapters.rules.config_rules import ConfigFileRulesSource
from archbook.adapters.scanning.filesystem_scanner import FilesystemSourceTreeReader
from archbook.adapters.scanning.scan_snapshots import MarshalScanSnapshots
from archbook.application.layers import classification
from archbook.application.layers.analysis import Analysis, analyse_scan
from archbook.application.layers.scanning import Scanner

FILES = {
    "shop/__init__.py": "",
    "shop/core/__init__.py": "",
    "shop/core/config.py": "import os\n",
    "shop/core/events.py": "from shop.core import config\n",
    "shop/core/security.py": "import hashlib\n",
    "shop/domain/__init__.py": "",
    "shop/domain/orders.py": "import dataclasses\n",
    "shop/models/__init__.py": "from shop.models import tables\n",
    "shop/models/tables.py": "import dataclasses\n",
    "shop/application/__init__.py": "",
    "shop/application/place_order.py": "from shop.domain import orders\n",
    "shop/infrastructure/__init__.py": "",
    "shop/infrastructure/orders_repo.py": "from shop.domain.orders import Order\n",
    "shop/api/__init__.py": "",
    "shop/api/routes.py": "from shop.application import place_order\n",
    "shop/providers.py": "from shop.api import routes\n",
}
COMMAND = [sys.executable, "-m", "archbook.cli"]


def _write(root: Path, rel: str, text: str, second: int) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(second * 1_000_000_000, second * 1_000_000_000))


def _incremental(root: Path, cache: Path) -> Analysis:
    rules = ConfigFileRulesSource().rules_for(str(root))
    scanner = Scanner(FilesystemSourceTreeReader(), MarshalScanSnapshots(str(cache)))
    return analyse_scan(scanner.scan(str(root), rules.exclude), rules)


def _document(analysis: Analysis) -> dict[str, Any]:
    found = analysis.to_dict()
    del found["stats"]  # how many files were read differs, by design
    return found


def _cold(root: Path, tmp_path: Path) -> dict[str, Any]:
    env = {**os.environ, "ARCHBOOK_CACHE_DIR": str(tmp_path / "unused-cache")}
    done = subprocess.run(
        [*COMMAND, "analyse", str(root), "--json", "--no-cache"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    del found["stats"]
    return found


def _count_full_classifications(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = classification._classify_all

    def counting(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(classification, "_classify_all", counting)
    return calls


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, Path]:
    """The repository written (every file's mtime at second 1) and its cache folder."""
    root = tmp_path / "repo"
    for rel, text in FILES.items():
        _write(root, rel, text, 1)
    return root, tmp_path / "cache"


def test_layer_moving_edits_reclassify_incrementally_and_equal_a_cold_run(
    repo: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = repo
    first = _incremental(root, cache)
    assert first.layer_of("shop.core.security") == "infrastructure"
    full = _count_full_classifications(monkeypatch)
    layers = []
    # (file, new text): each step keeps the modules and changes one file's imports
    steps = [
        # a DI container in ``core``: the plumbing folder holds the composition root
        ("shop/core/events.py", "import dependency_injector\nfrom shop.core import config\n"),
        # ORM tables: the bare ``models`` package importing only them is persistence too
        ("shop/models/tables.py", "import sqlalchemy\n"),
        # providers wiring two layers: a composition module
        ("shop/providers.py", "from shop.api import routes\nfrom shop.infrastructure import x\n"),
        # and every edit undone, one by one
        ("shop/core/events.py", FILES["shop/core/events.py"]),
        ("shop/models/tables.py", FILES["shop/models/tables.py"]),
        ("shop/providers.py", FILES["shop/providers.py"]),
    ]
    for second, (rel, text) in enumerate(steps, start=2):
        _write(root, rel, text, second)
        edited = _incremental(root, cache)
        assert edited.scan.stats.parsed == 1
        assert _document(edited) == _cold(root, tmp_path), f"after editing {rel}"
        layers.append(
            tuple(edited.layer_of(m) for m in ("shop.core.config", "shop.models", "shop.providers"))
        )
    assert full == []  # each edit was classified from the last classification
    assert layers[0][0] == "composition"  # config sits in a folder holding the root
    assert layers[1][1] == "infrastructure"
    assert layers[2][2] == "composition"
    assert layers[-1] == tuple(
        first.layer_of(m) for m in ("shop.core.config", "shop.models", "shop.providers")
    )
    assert layers[-1][:2] == ("infrastructure", "domain")
    assert _document(edited)["modules"] == _document(first)["modules"]


def test_a_new_folder_or_a_removed_file_classifies_afresh(
    repo: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = repo
    _incremental(root, cache)
    full = _count_full_classifications(monkeypatch)
    # a new ``settings`` folder holding the app factory: new modules, a new verdict
    _write(root, "shop/settings/__init__.py", "", 2)
    _write(root, "shop/settings/app.py", "from fastapi import FastAPI\n", 2)
    grown = _incremental(root, cache)
    assert grown.layer_of("shop.settings") == "composition"
    assert _document(grown) == _cold(root, tmp_path)
    (root / "shop/settings/app.py").unlink()
    shrunk = _incremental(root, cache)
    assert "shop.settings.app" not in shrunk.classifications
    assert _document(shrunk) == _cold(root, tmp_path)
    assert len(full) == 2  # the modules changed: no classification to start from
