"""Browser tests need Debian's Chromium; without it they skip and say how to get it."""

from __future__ import annotations

import os

import pytest
from servers import CHROMIUM


@pytest.fixture(autouse=True)
def chromium() -> str:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (or run make setup as root)")
    return CHROMIUM
