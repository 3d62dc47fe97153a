"""Fixtures of the notebook tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def feature_slices_copy(tmp_path: Path, assets_dir: Path) -> Path:
    """A private copy of the feature-slices fixture repository (planning writes into it)."""
    target = tmp_path / "feature_slices"
    shutil.copytree(assets_dir / "feature_slices", target)
    return target
