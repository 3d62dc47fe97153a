"""archbook reads ``tests/assets/ilint_contracts`` the way the real ``lint-imports`` does.

Its ``.importlinter`` holds an exhaustive ``layers`` contract with an optional layer,
``forbidden`` contracts naming an external package (directly, and through internal
modules unless ``allow_indirect_imports``) or a package module alone
(``as_packages = false``), and ``protected`` contracts. Each file of ``variants/``
is put in its place in a copy to check what ``lint-imports`` stops on (a missing
layer, an ignored import matching nothing), what it only warns about, an option it
rejects, and contract types archbook does not check. Every test compares archbook's
verdict with the one ``lint-imports`` gives on the same copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lint_imports_report import (
    LINT_IMPORTS,
    SKIP_REASON,
    reported_chains,
    run_lint_imports,
    unlisted_modules,
    verdicts,
)

FIXTURE = Path(__file__).parents[1] / "assets" / "ilint_contracts"
VARIANTS = FIXTURE / "variants"
PLUGINS = VARIANTS / "plugins"
ARCHBOOK = Path(sys.executable).with_name("archbook")
COMMAND = [str(ARCHBOOK)] if ARCHBOOK.exists() else [sys.executable, "-m", "archbook.cli"]
PREFIX = "import-linter contract in .importlinter: "
LAYERED = "Slices are layered"

needs_lint_imports = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason=SKIP_REASON)


def copy(tmp_path: Path, variant: str | None = None) -> Path:
    """The fixture in a fresh folder, with ``variants/<variant>.ini`` as its
    ``.importlinter`` when given."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE / "harbor", repo / "harbor")
    config = VARIANTS / f"{variant}.ini" if variant else FIXTURE / ".importlinter"
    shutil.copy(config, repo / ".importlinter")
    return repo


def archbook(*args: str, repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args, str(repo), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "1000"},
    )


def breaches(repo: Path) -> list[dict[str, Any]]:
    """The violations of ``archbook analyse --json`` that name a contract, with the
    layer-rule breaches inside the layers contract's containers (they are its own)."""
    done = archbook("analyse", "--json", repo=repo)
    assert done.returncode == 0, done.stderr
    found = []
    for violation in json.loads(done.stdout)["violations"]:
        if not violation["contract"] and violation["importer"].startswith("harbor.slices."):
            violation["contract"] = PREFIX + LAYERED
        if violation["contract"]:
            violation["contract"] = violation["contract"].removeprefix(PREFIX)
            found.append(violation)
    return found


def chains(found: list[dict[str, Any]]) -> set[tuple[str, tuple[str, ...]]]:
    """(contract, chain) of the breaches of an import; a direct import is a chain of two."""
    return {
        (v["contract"], tuple(v["chain"]) or (v["importer"], v["imported"]))
        for v in found
        if v["line"]
    }


@needs_lint_imports
def test_every_contract_verdict_chain_and_import_is_the_one_lint_imports_reports(
    tmp_path: Path,
) -> None:
    repo = copy(tmp_path)
    report = run_lint_imports(repo)
    assert report.returncode == 1, report.stdout + report.stderr
    found = breaches(repo)
    theirs = verdicts(report.stdout)
    assert set(theirs.values()) == {"BROKEN"} and len(theirs) == 6
    assert {v["contract"] for v in found} == set(theirs)
    assert chains(found) == reported_chains(report.stdout)
    # the ones that prove each option is honoured
    assert ("Pages import no ORM directly", ("harbor.front.pages", "sqlalchemy")) in chains(found)
    assert (
        "Logic and pages never reach the ORM",
        ("harbor.logic.calc", "harbor.util.bridge", "harbor.data.rows", "sqlalchemy"),
    ) in chains(found)
    flat = {c for name, c in chains(found) if name.startswith("The front package module")}
    assert flat == {("harbor.front", "harbor.logic")}  # not front.pages → logic.rules
    door = {c for name, c in chains(found) if name == "Only pages touch the vault package module"}
    assert door == {("harbor.logic.opener", "harbor.vault")}  # vault.keys is not the door
    unlisted = {v["importer"] for v in found if not v["line"]}
    assert unlisted == unlisted_modules(report.stdout) == {"harbor.slices.alpha.extra"}


def test_an_optional_layer_present_is_checked_and_an_ignored_child_is_not_unlisted(
    tmp_path: Path,
) -> None:
    found = breaches(copy(tmp_path))
    layered = {c for name, c in chains(found) if name == LAYERED}
    assert ("harbor.slices.alpha.middle", "harbor.slices.alpha.upper") in layered
    assert not [v for v in found if v["importer"] == "harbor.slices.alpha.notes"]


def test_an_external_breach_says_it_imports_a_library(tmp_path: Path) -> None:
    done = archbook("check", repo=copy(tmp_path))
    assert done.returncode == 1
    assert (
        "harbor/front/pages.py:1: infrastructure → external: harbor.front.pages imports "
        "sqlalchemy (from sqlalchemy import text) breaks import-linter contract in "
        ".importlinter: Pages import no ORM directly"
    ) in done.stdout


@needs_lint_imports
@pytest.mark.parametrize(
    ("variant", "module"),
    [
        ("missing_layer", "harbor.slices.beta.middle"),
        ("missing_top_layer", "harbor.absent"),
    ],
)
def test_a_missing_layer_fails_check_naming_it_as_lint_imports_does(
    tmp_path: Path, variant: str, module: str
) -> None:
    repo = copy(tmp_path, variant)
    report = run_lint_imports(repo)
    assert report.returncode == 1
    assert f"module {module} does not exist" in report.stdout
    done = archbook("check", repo=repo)
    assert done.returncode == 1, done.stdout + done.stderr
    (line,) = [line for line in done.stdout.splitlines() if "does not exist" in line]
    assert line.startswith(f".importlinter: layer {module} does not exist")
    # an optional layer absent is no breach, and neither it nor the missing one is
    # also warned about as a layer matching no module
    assert "harbor.someday does not exist" not in done.stdout
    assert "no module in" not in done.stderr


@needs_lint_imports
def test_an_unmatched_ignored_import_breaks_the_contract_by_default(tmp_path: Path) -> None:
    repo = copy(tmp_path, "unmatched_error")
    report = run_lint_imports(repo)
    assert report.returncode == 1
    assert "No matches for ignored import harbor.admin.tools -> harbor.data.rows." in report.stdout
    done = archbook("check", repo=repo)
    assert done.returncode == 1
    assert (
        ".importlinter: ignore_imports 'harbor.admin.tools -> harbor.data.rows' matches no "
        "import (unmatched_ignore_imports_alerting = error) breaks import-linter contract in "
        ".importlinter: Pages never reach the data package"
    ) in done.stdout


@needs_lint_imports
@pytest.mark.parametrize(("level", "warned"), [("warn", True), ("none", False)])
def test_an_unmatched_ignored_import_only_warns_or_passes_when_told(
    tmp_path: Path, level: str, warned: bool
) -> None:
    repo = copy(tmp_path, f"unmatched_{level}")
    report = run_lint_imports(repo)
    assert report.returncode == 0
    assert verdicts(report.stdout) == {"Pages never reach the data package": "KEPT"}
    assert ("No matches for ignored import" in report.stdout) is warned
    done = archbook("check", repo=repo)
    assert done.returncode == 0, done.stdout
    assert ("matches no import" in done.stderr) is warned


@needs_lint_imports
def test_an_option_lint_imports_rejects_is_a_configuration_error(tmp_path: Path) -> None:
    repo = copy(tmp_path, "layers_as_packages")
    report = run_lint_imports(repo)
    assert report.returncode == 1
    assert "as_packages: Unrecognized option." in report.stdout
    done = archbook("check", repo=repo)
    assert done.returncode == 2
    assert "unrecognized option 'as_packages' for a layers contract" in done.stderr
    assert "Traceback" not in done.stderr


@needs_lint_imports
def test_contract_types_archbook_does_not_check_are_named_never_counted_as_kept(
    tmp_path: Path,
) -> None:
    repo = copy(tmp_path, "custom_types")
    report = run_lint_imports(repo, PLUGINS)
    theirs = verdicts(report.stdout)
    assert theirs == {
        "The vault stays sealed": "BROKEN",
        "Siblings of harbor are acyclic": "BROKEN",
        "Private modules stay private": "KEPT",
        "Admin never reaches the data package": "KEPT",
    }
    done = archbook("check", repo=repo)
    notices = [line for line in done.stderr.splitlines() if "is not checked by archbook" in line]
    assert len(notices) == 3
    for name, kind in [
        ("The vault stays sealed", "sealed"),
        ("Siblings of harbor are acyclic", "acyclic_siblings"),
        ("Private modules stay private", "private_modules"),
    ]:
        assert f"{PREFIX}{name}: contract type '{kind}' is not checked" in done.stderr
        assert name not in done.stdout  # neither listed as checked nor as kept
    # the contract it does check agrees with lint-imports
    assert done.returncode == 0
    assert "(Admin never reaches the data package)" in done.stdout


@needs_lint_imports
@pytest.mark.parametrize("excluded", [True, False])
def test_type_checking_imports_count_unless_the_graph_excludes_them(
    tmp_path: Path, excluded: bool
) -> None:
    repo = copy(tmp_path, "type_checking")
    if not excluded:
        config = repo / ".importlinter"
        lines = config.read_text().splitlines(keepends=True)
        config.write_text("".join(x for x in lines if "exclude_type_checking" not in x))
    report = run_lint_imports(repo)
    found = breaches(repo)
    helpers = "Helpers never reach the vault"
    assert verdicts(report.stdout)[helpers] == ("KEPT" if excluded else "BROKEN")
    assert chains(found) == reported_chains(report.stdout)
    hinted = {v["contract"] for v in found if v["importer"] == "harbor.util.hints"}
    assert hinted == (set() if excluded else {helpers, "Only admin opens the vault"})
