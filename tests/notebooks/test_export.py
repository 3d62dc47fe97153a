"""Outputs that survive export: a notebook run the standard way — ``papermill`` then a
plain ``jupyter nbconvert --to html`` — gives a page that shows the content."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from notebook_runs import NOTEBOOKS_DIR

BIN = Path(sys.executable).parent
COMMAND_SECONDS = 600


def test_papermill_then_nbconvert_shows_the_summary_table_and_the_graphs(
    assets_dir: Path, tmp_path: Path
) -> None:
    repo = assets_dir / "violations_cycles"
    out = tmp_path / "out.ipynb"
    _run(
        [
            "papermill",
            "-p",
            "repo",
            str(repo),
            str(NOTEBOOKS_DIR / "01_architecture_tour.ipynb"),
            str(out),
        ],
        tmp_path,
    )
    _run(["jupyter", "nbconvert", "--to", "html", str(out)], tmp_path)
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    summary = re.search(r"<table>\s*<thead>\s*<tr>\s*<th>layer</th>.*?</table>", page, re.S)
    assert summary is not None
    assert re.search(r"<td>infrastructure</td>\s*<td>5</td>", summary.group(0))
    assert page.count("<svg") >= 4  # rows, rings, a module view, a trace
    assert "Layers of violations_cycles (4 violations)" in page
    assert "<strong>application ↔ ports</strong>: 5 imports, 1 breaking the rules" in page


def test_exported_plan_notebook_shows_the_rendered_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.ipynb"
    notebook = str(NOTEBOOKS_DIR / "02_plan_feature.ipynb")
    work = str(tmp_path / "work")
    _run(["papermill", "-p", "workdir", work, notebook, str(out)], tmp_path)
    _run(["jupyter", "nbconvert", "--to", "html", str(out)], tmp_path)
    page = (tmp_path / "plan.html").read_text(encoding="utf-8")
    plan = (tmp_path / "work/threads_api/.claude/doc/password_reset/backend.md").read_text()
    title = plan.split("\n# ", 1)[1].split("\n", 1)[0]
    assert title.startswith("Backend plan: ")
    assert f"<h1>{title}</h1>" in page
    assert "<strong>Projected layer graph</strong>" in page


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(
        [str(BIN / command[0]), *command[1:]],
        cwd=cwd,
        env=_jupyter_env(),
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _jupyter_env() -> dict[str, str]:
    """The environment as it is, plus nbconvert's templates when this interpreter's
    prefix lacks them (a venv layered over another one's packages)."""
    import nbconvert

    env = dict(os.environ)
    own = Path(sys.prefix) / "share" / "jupyter" / "nbconvert" / "templates"
    shared = Path(nbconvert.__file__).resolve().parents[4] / "share" / "jupyter"
    if not own.is_dir() and (shared / "nbconvert" / "templates").is_dir():
        env["JUPYTER_PATH"] = os.pathsep.join(filter(None, (env.get("JUPYTER_PATH"), str(shared))))
    return env
