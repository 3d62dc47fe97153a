"""What archbook writes, and what it refuses to run: no write through a symlink (dangling
or not), history written atomically, stale temporaries cleaned, modes from the umask,
pydeps run so no module of the target can be imported, and damaged scan snapshots
discarded and rebuilt rather than believed."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from test_plan_store import FEATURE, PLAN, plan_text

from archbook import api
from archbook.adapters.drawing.pydeps_view import PydepsModuleView
from archbook.adapters.markdown_plan_store import MarkdownPlanStore
from archbook.adapters.scanning.scan_snapshots import MarshalScanSnapshots
from archbook.application.planning.plan_markdown import edited_by_hand
from archbook.exceptions import RenderError

HISTORY = PLAN.parent / "history"
STAMPED_SECONDS = 20
OLD_S = 3600


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty repository folder: the plan store needs nothing else."""
    (tmp_path / "repo").mkdir()
    return tmp_path / "repo"


def test_a_dangling_symlink_named_like_the_next_history_file_is_never_followed(
    repo: Path, tmp_path: Path
) -> None:
    store = MarkdownPlanStore(edited_by_hand)
    store.write(str(repo), FEATURE, plan_text("one"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / HISTORY).mkdir()
    now = time.time()
    for offset in range(-2, STAMPED_SECONDS):
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now + offset))
        for suffix in ("", "-2", "-3"):
            link = repo / HISTORY / f"backend-{stamp}{suffix}.md"
            link.symlink_to(outside / f"copy-{offset}{suffix}.md")

    stored = store.write(str(repo), FEATURE, plan_text("two"))

    assert list(outside.iterdir()) == []
    assert stored.previous is not None
    kept = repo / stored.previous
    assert not kept.is_symlink() and stat.S_ISREG(kept.lstat().st_mode)
    assert kept.read_text() == plan_text("one")
    assert (repo / PLAN).read_text() == plan_text("two")


def test_history_is_written_whole_and_stale_temporaries_are_cleaned(repo: Path) -> None:
    store = MarkdownPlanStore(edited_by_hand)
    store.write(str(repo), FEATURE, plan_text("one"))
    folder = repo / PLAN.parent
    (repo / HISTORY).mkdir()
    stale = [folder / ".archbook-killed.tmp", repo / HISTORY / ".archbook-killed.tmp"]
    for leftover in stale:
        leftover.write_text("half a plan")
        os.utime(leftover, (time.time() - OLD_S, time.time() - OLD_S))

    stored = store.write(str(repo), FEATURE, plan_text("two"))

    assert [p for p in stale if p.exists()] == []
    assert stored.previous is not None
    names = sorted(p.name for p in (repo / HISTORY).iterdir())
    assert names == [Path(stored.previous).name]
    assert (repo / stored.previous).read_text() == plan_text("one")


def test_plans_take_their_mode_from_the_umask(repo: Path) -> None:
    store = MarkdownPlanStore(edited_by_hand)
    previous = os.umask(0o022)
    try:
        store.write(str(repo), FEATURE, plan_text("one"))
        stored = store.write(str(repo), FEATURE, plan_text("two"))
    finally:
        os.umask(previous)
    assert stored.previous is not None
    assert stat.S_IMODE((repo / PLAN).stat().st_mode) == 0o644
    assert stat.S_IMODE((repo / stored.previous).stat().st_mode) == 0o644


# ---------------------------------------------------------------------- pydeps

SHADOWS = ("pydeps", "argparse", "os", "json", "pprint", "subprocess", "yaml", "tomllib")


def plant_shadows(folder: Path, marker: Path) -> None:
    for name in SHADOWS:
        (folder / f"{name}.py").write_text(
            f"open({str(marker)!r}, 'a').write({name!r} + '\\n')\n"
            "raise SystemExit('target code ran')\n"
        )


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_pydeps_never_imports_a_module_planted_in_the_target(tmp_path: Path) -> None:
    repo = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), repo, ignore=shutil.ignore_patterns("__pycache__"))
    marker = tmp_path / "ran.txt"
    plant_shadows(repo, marker)
    plant_shadows(repo / "src", marker)
    analysis = api.analyse(str(repo), cache=False)

    svg = api.module_svg(analysis, "application", engine="pydeps")

    assert not marker.exists(), marker.read_text()
    assert "src_application_services_auth_service" in svg


def test_pydeps_refuses_a_target_module_even_when_pydeps_would_import_it(
    tmp_path: Path,
) -> None:
    """The guard inside the pydeps process: a target folder that reaches ``sys.path`` (as
    pydeps itself puts it there) still cannot have a module imported from it."""
    package = tmp_path / "target" / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "core.py").write_text("import pkg\n")
    marker = tmp_path / "ran.txt"
    plant_shadows(package.parent, marker)
    view = PydepsModuleView()
    with contextlib.suppress(RenderError):  # refusing is fine; running the module is not
        view.render_package(str(package))
    assert not marker.exists(), marker.read_text()


def test_pydeps_with_a_layer_that_matches_nothing_is_an_error() -> None:
    analysis = api.analyse(None, cache=False)
    with pytest.raises(RenderError, match="nonexistent"):
        api.module_svg(analysis, "nonexistent", engine="pydeps")


# ---------------------------------------------------------------------- snapshots

FLIPS = 24


def _outcome(root: str) -> tuple[object, ...]:
    analysis = api.analyse(root)
    return (
        sorted(m.name for m in analysis.scan.modules),
        [v.describe() for v in analysis.violations],
        sorted((s.path, s.reason) for s in analysis.scan.skipped),
    )


def test_a_damaged_scan_snapshot_is_discarded_and_rebuilt(
    tmp_path: Path, archbook_cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "threads_api"
    shutil.copytree(api.sample_path(), repo, ignore=shutil.ignore_patterns("__pycache__"))
    expected = _outcome(str(repo))
    (snapshot,) = archbook_cache_dir.glob("scan-*")
    good = snapshot.read_bytes()
    capsys.readouterr()
    size = len(good)
    for index in range(FLIPS):
        position = (index * 7919) % size
        damaged = bytearray(good)
        damaged[position] ^= 0x5A
        snapshot.write_bytes(bytes(damaged))
        assert _outcome(str(repo)) == expected, f"byte {position} flipped"
        said = capsys.readouterr().err.splitlines()
        assert len([line for line in said if "snapshot" in line]) == 1, (position, said)
    snapshot.write_bytes(good[: size // 2])
    assert _outcome(str(repo)) == expected
    assert "rebuilt" in capsys.readouterr().err


def test_a_snapshot_of_the_wrong_shape_is_not_believed(tmp_path: Path) -> None:
    snapshots = MarshalScanSnapshots(str(tmp_path))
    snapshots.store("/repo", "", {"stamps": {}, "files": {}})
    assert snapshots.load("/repo", "") is None
    assert list(tmp_path.iterdir()) == []
