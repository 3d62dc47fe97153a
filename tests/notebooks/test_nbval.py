"""The committed notebooks: thin, parameterised, with the bundled sample's outputs, which
nbval really compares (`make test` runs `pytest --nbval notebooks/`)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from notebook_runs import NOTEBOOKS, ROOT

SANITIZE = ROOT / "tests" / "notebooks" / "nbval_sanitize.cfg"
MAX_LINES_PER_CELL = 15


def test_there_are_three_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_architecture_tour.ipynb",
        "02_plan_feature.ipynb",
        "03_refactor_sandbox.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_code_cell_is_the_papermill_parameters_defaulting_to_the_sample(
    path: Path,
) -> None:
    notebook = nbformat.read(path, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "code")
    assert first.metadata.get("tags") == ["parameters"]
    namespace: dict[str, object] = {}
    exec(first.source, namespace)  # plain assignments, nothing else
    assert namespace["repo"] is None
    assert namespace["feature"] == "password_reset"
    assert namespace["planner"] == "offline"
    assert "workdir" in namespace


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_cells_are_thin_and_every_code_cell_has_committed_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    for cell in code[1:]:
        assert len(cell.source.splitlines()) <= MAX_LINES_PER_CELL, cell.source
        assert "import archbook.adapters" not in cell.source
        assert cell.outputs, f"no committed output for {cell.source!r}"
        assert all(o.output_type != "error" for o in cell.outputs)
    assert "widgets" not in notebook.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_outputs_hold_no_machine_paths(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for machine_path in (str(ROOT), str(Path.home()), "/tmp/", "/var/folders/"):
        assert machine_path not in text


def test_sanitizers_cover_only_ids_temp_paths_and_addresses() -> None:
    parser = configparser.ConfigParser()
    parser.read(SANITIZE)
    assert parser.sections() == ["widget_model_ids", "temporary_paths", "memory_addresses"]


def test_nbval_fails_when_a_committed_figure_differs(tmp_path: Path) -> None:
    source = ROOT / "notebooks" / "01_architecture_tour.ipynb"
    notebook = nbformat.read(source, as_version=4)
    summary = next(c for c in notebook.cells if c.source == "tour.summary")
    static = summary.outputs[1]["data"]["text/html"]
    assert "<td>application</td>\n  <td>6</td>" in static
    summary.outputs[1]["data"]["text/html"] = static.replace(
        "<td>application</td>\n  <td>6</td>", "<td>application</td>\n  <td>7</td>"
    )
    tampered = tmp_path / "tampered.ipynb"
    nbformat.write(notebook, tampered)
    shutil.copy(source, tmp_path / "intact.ipynb")
    intact = _nbval(tmp_path / "intact.ipynb")
    assert intact.returncode == 0, intact.stdout
    failed = _nbval(tampered)
    assert failed.returncode == 1
    assert "Cell outputs differ" in failed.stdout
    assert "mismatch 'text/html'" in failed.stdout
    assert "1 failed, 11 passed" in failed.stdout


def _nbval(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            str(path),
            "--nbval-sanitize-with",
            str(SANITIZE),
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(path.parent),
            "-q",
        ],
        capture_output=True,
        text=True,
        cwd=path.parent,
        check=False,
    )
