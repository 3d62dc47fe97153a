"""Runs the real ``lint-imports`` on a fixture repository and reads its report, so
tests can compare archbook's verdicts with import-linter's.

``lint-imports`` is looked up beside the Python running the tests (the dev extra
installs import-linter there); ``SKIP_REASON`` says why a test cannot run without it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
SKIP_REASON = f"lint-imports not found beside {sys.executable} (pip install -e '.[dev]')"
# wide enough that rich never wraps a line of the report
COLUMNS = "1000"


def run_lint_imports(repo: Path, *python_path: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` in ``repo`` without its cache; ``repo`` and ``python_path``
    on the path, where it imports the root packages and custom contract types from."""
    path = os.pathsep.join(str(p) for p in (repo, *python_path))
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": path, "COLUMNS": COLUMNS},
    )


def verdicts(report: str) -> dict[str, str]:
    """Contract name → KEPT or BROKEN, from the summary of a report."""
    found = {}
    for line in report.splitlines():
        verdict = re.match(r"^(.+?) (KEPT|BROKEN)(?: \(\d+ warnings?\))?$", line.strip())
        if verdict:
            found[verdict.group(1)] = verdict.group(2)
    return found


def reported_chains(report: str) -> set[tuple[str, tuple[str, ...]]]:
    """(contract name, chain) of every chain or illegal import a report lists; a
    direct import is a chain of two."""
    found: set[tuple[str, tuple[str, ...]]] = set()
    lines = report.splitlines()
    contract, chain = "", []
    for index, line in enumerate(lines):
        below = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if line.strip() and below and set(below) == {"-"}:
            contract = line.strip()
        link = re.match(r"^(-?)\s+(\S+) -> (\S+) \(", line)
        if link and link.group(1):
            if chain:
                found.add((contract, tuple(chain)))
            chain = [link.group(2), link.group(3)]
        elif link and chain:
            chain.append(link.group(3))
        elif not line.strip() and chain:
            found.add((contract, tuple(chain)))
            chain = []
    if chain:
        found.add((contract, tuple(chain)))
    return found


def unlisted_modules(report: str) -> set[str]:
    """The modules an exhaustive layers contract reports as not listed as layers."""
    found: set[str] = set()
    listing = False
    for line in report.splitlines():
        if "not listed as layers" in line:
            listing = True
        elif listing and line.startswith("- "):
            found.add(line[2:].strip())
        elif listing and line.strip() and not line.startswith("- "):
            listing = False
    return found
