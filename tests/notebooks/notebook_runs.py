"""Helpers of the notebook tests: where the notebooks are, papermill runs, outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
KERNEL_TIMEOUT_SECONDS = 600


def run_notebook(name: str, out_dir: Path, **parameters: Any) -> nbformat.NotebookNode:
    """Execute ``notebooks/<name>`` with papermill and ``parameters``; the executed notebook."""
    import papermill

    target = out_dir / name
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / name),
        str(target),
        parameters=parameters,
        cwd=str(NOTEBOOKS_DIR),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=KERNEL_TIMEOUT_SECONDS,
    )
    return nbformat.read(target, as_version=4)


def outputs_of(notebook: nbformat.NotebookNode, source: str) -> list[dict[str, Any]]:
    """Outputs of the first code cell whose source starts with ``source``."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.startswith(source):
            return list(cell.outputs)
    raise AssertionError(f"no code cell starts with {source!r}")


def text_of(outputs: list[dict[str, Any]], mime: str = "text/html") -> str:
    """The ``mime`` data (or stream text) of some outputs, joined."""
    parts = []
    for output in outputs:
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif mime in output.get("data", {}):
            parts.append(output["data"][mime])
    return "\n".join(parts)
