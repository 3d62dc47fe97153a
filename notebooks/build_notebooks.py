"""Build archbook's three notebooks from the cells below, and run them.

    python notebooks/build_notebooks.py
        write notebooks/*.ipynb and execute them in place on the bundled sample, so the
        committed outputs are the sample's (nbval compares them in `make test`)
    python notebooks/build_notebooks.py --out out/notebooks --html
        run the committed notebooks headless with papermill into out/notebooks (planning
        in out/notebooks/work) and export each as a static HTML page (`make demo`)

Cells stay thin: they call archbook.api and archbook.notebook; logic lives in the library.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
TIMEOUT_SECONDS = 600

COMMON_PARAMETERS = """\
# Parameters (papermill -p NAME VALUE). repo None = the bundled sample.
repo = None
feature = "password_reset"
planner = "offline"
# Where the bundled sample is copied before anything is written (None: a temporary folder).
workdir = None"""

TOUR = [
    new_markdown_cell(
        "# Architecture tour\n\n"
        "What archbook sees in a FastAPI backend, read without importing or running any of "
        "it: the layers, the imports that break the layer rules, cycles, hot spots, one "
        "layer or slice at a time, and the path of a request through the layers.\n\n"
        "Run all cells. To tour your own backend, type its folder in the picker and press "
        "**Load** (or set `repo` below): every view below follows."
    ),
    new_code_cell(
        COMMON_PARAMETERS + '\nfocus = "application"  # the layer or slice to drill into\n'
        'route = "GET /api/threads"  # the route to trace\n'
        'view = "rows"  # the layer graph: "rows" (rule order) or "rings" (the hexagon)\n'
        "base = None  # a git ref to compare the work tree with (branch review)",
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "from archbook import notebook as nb\n\n"
        "tour = nb.ArchitectureTour(repo, focus=focus, route=route, view=view)\n"
        "tour.picker"
    ),
    new_markdown_cell(
        "## Summary\n\nModules per layer; fan-in counts imports into a layer, fan-out imports "
        "out of it. Instability near 1 means a layer depends on others more than others "
        "depend on it: fine for routes and adapters, a warning sign for the domain."
    ),
    new_code_cell("tour.summary"),
    new_markdown_cell(
        "## Layer graph\n\nRows: presentation on top, the domain at the bottom, composition "
        "beside the top row. Rings: the hexagon, the domain in the middle and adapters "
        "outside. Edge labels count imports; a line with two arrowheads carries the imports "
        "both ways. Red breaks the layer rules. Tests are hidden unless **show tests** is "
        "ticked; the title says what was left out."
    ),
    new_code_cell("tour.layer_graph"),
    new_code_cell(
        'rings = nb.LayerGraph("rings")  # the same analysis as the hexagon\n'
        "rings.update(tour.known.analysis)\n"
        "rings"
    ),
    new_markdown_cell(
        "## Edge explorer\n\nPick two layers: the imports behind the edge between them, "
        "the ones breaking the rules first, with `file:line`."
    ),
    new_code_cell("tour.edges"),
    new_markdown_cell("## Violations\n\nEach import that breaks a rule, with `file:line`."),
    new_code_cell("tour.violations"),
    new_markdown_cell("## Cycles"),
    new_code_cell("tour.cycles"),
    new_markdown_cell(
        "## Hot spots\n\nModules both much depended on and depending much "
        "(fan-in × fan-out): where a change ripples furthest."
    ),
    new_code_cell("tour.hotspots"),
    new_markdown_cell(
        "## Drill down\n\nOne layer or one slice (a package such as `app.users`) with the "
        "modules it talks to; switch the engine to see pydeps' own view."
    ),
    new_code_cell("tour.drill_down"),
    new_markdown_cell(
        "## Routes, traces and performance findings\n\nPick a route: its path through "
        "handler, service, port and adapter, and what along it is likely slow."
    ),
    new_code_cell("tour.routes"),
    new_markdown_cell(
        "## Branch review\n\nWhat the work tree does to the layers compared with a git ref "
        "(set `base`, or type one and press **Compare**): violations added and fixed, layer "
        "edges, moved modules, new cycles. The ref is read from git objects; the checkout "
        "is never touched. `archbook diff --base REF` does the same for CI."
    ),
    new_code_cell("nb.BranchReview(repo, base)"),
]

PLAN = [
    new_markdown_cell(
        "# Plan a feature\n\n"
        "archbook plans a backend feature the way an architect would: it reads the "
        "feature's context session (`.claude/sessions/context_session_<feature>.md`), "
        "surveys the files that matter, derives the feature's scope (which you can "
        "correct), drafts a plan, validates it against the file tree and the layer rules, "
        "writes `.claude/doc/<feature>/backend.md` and previews it.\n\n"
        "Pick a feature (or describe a new one), a planner and an agent, then press the "
        "step buttons in order, or **Run all steps**. The bundled sample is planned on a "
        "fresh copy, never in the installed package."
    ),
    new_code_cell(
        COMMON_PARAMETERS + "\ntitle = None  # a new feature's title\n"
        "describe = None  # a new feature's description: creates its context session\n"
        "transcript = None  # the replay planner's transcript\n"
        "agent = None  # .claude/agents/<name>.md of the repository; None: archbook's own",
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "from archbook import notebook as nb\n\n"
        "app = nb.PlanFeatureApp(\n"
        "    repo,\n"
        "    feature=feature,\n"
        "    planner=planner,\n"
        "    workdir=workdir,\n"
        "    title=title,\n"
        "    describe=describe,\n"
        "    transcript=transcript,\n"
        "    agent=agent,\n"
        ")\n"
        "app"
    ),
    new_markdown_cell(
        "## The plan already there\n\n"
        "When `.claude/doc/<feature>/backend.md` holds a plan archbook did not write (a "
        "person's, or an agent's), it is read and reviewed against the code: the files it "
        "creates, modifies or deletes, findings with the plan line they come from, and the "
        "layer graph with the imports its code would add (red where they break a rule). "
        "After the draft step both plans are shown side by side; the write step keeps the "
        "plan that is there until you press **replace — keep the current one in "
        "history/**. On the command line: `archbook review PATH --feature NAME`."
    ),
    new_code_cell("app.existing"),
    new_markdown_cell("## 1. Read the context session"),
    new_code_cell('app.run("read_context")'),
    new_markdown_cell(
        "## 2. Survey\n\nFiles ranked by how much they matter to the feature (personalised "
        "PageRank seeded by the feature's words); their layers are highlighted."
    ),
    new_code_cell('app.run("survey")'),
    new_markdown_cell(
        "## 3. Scope\n\nWhat the feature is (kinds of change), which existing resources it "
        "names and which of them it is about (only those slices change; the others are "
        "context), the files it touches (among them the operation it hangs on: \"when a "
        "user is created\"), what it creates, its external systems, packages and settings — "
        "derived from the session and the code. Correct any field and press **Use this "
        "scope**: the draft follows the corrected scope."
    ),
    new_code_cell('app.run("scope")'),
    new_markdown_cell("## 4. Draft"),
    new_code_cell('app.run("draft")'),
    new_markdown_cell("## 5. Validate\n\nPaths, layers and the imports the plan's code implies."),
    new_code_cell('app.run("validate")'),
    new_markdown_cell("## 6. Write"),
    new_code_cell('app.run("write")'),
    new_markdown_cell(
        "## 7. Preview\n\nThe plan as written, the layer graph with the layers it touches "
        "highlighted, and what changed since the previous version."
    ),
    new_code_cell('app.run("preview")'),
    new_code_cell("print(app.plan_status())"),
]

SANDBOX = [
    new_markdown_cell(
        "# Refactor sandbox\n\n"
        "Try a refactor before making it: move a module (or a whole package) to another "
        "layer, or change what a layer may import, and see at once which imports would "
        "break and how the layer graph changes. Nothing is rescanned and the repository "
        "is never touched. Write the decisions down and export them with the graph as an "
        "HTML report for the review."
    ),
    new_code_cell(
        COMMON_PARAMETERS + "\nreport_path = None  # None: architecture-review.html in a "
        "temporary folder\n"
        'move_module = "src.application.services.auth_service"  # a module or a prefix\n'
        'move_to = "domain"\n'
        'rule_layer = "domain"\n'
        'rule_allows = ["ports"]\n'
        'decisions = """\\\n'
        "Use cases stay in application/services: in the domain they would import ports.\n"
        'Any new port gets an in-memory adapter for the tests."""',
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "from archbook import notebook as nb\n\n"
        "sandbox = nb.RefactorSandbox(repo, workdir=workdir, report_path=report_path)\n"
        "sandbox"
    ),
    new_markdown_cell(
        "## What if a use case lived in the domain?\n\nThe sandbox above follows every "
        "change; each cell below keeps a copy of what it showed then."
    ),
    new_code_cell("sandbox.move(move_module, move_to)"),
    new_markdown_cell("## ... and the domain were allowed to import ports?"),
    new_code_cell("sandbox.allow(rule_layer, rule_allows)"),
    new_markdown_cell("## Decisions and the report"),
    new_code_cell(
        "sandbox.decisions.value = decisions\n"
        "written = sandbox.export()\n"
        "print(sandbox.status.value)"
    ),
]

NOTEBOOKS = {
    "01_architecture_tour.ipynb": TOUR,
    "02_plan_feature.ipynb": PLAN,
    "03_refactor_sandbox.ipynb": SANDBOX,
}


def build(cells: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = KERNEL
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs from run to run and is no output: widget state (absolute paths
    of the run), timings and papermill's bookkeeping. Outputs stay as they are."""
    for key in ("widgets", "papermill"):
        notebook.metadata.pop(key, None)
    for index, cell in enumerate(notebook.cells):
        for key in ("execution", "papermill"):
            cell.metadata.pop(key, None)
        cell.id = f"cell-{index:02d}"
    return notebook


def write_committed() -> None:
    """Build every notebook and execute it in place on the bundled sample."""
    from nbclient import NotebookClient

    for name, cells in NOTEBOOKS.items():
        notebook = build(cells)
        client = NotebookClient(
            notebook,
            timeout=TIMEOUT_SECONDS,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(HERE)}},
        )
        client.execute()
        nbformat.write(clean(notebook), HERE / name)
        print(f"wrote notebooks/{name}")


def run_into(out: Path, html: bool) -> None:
    """Run the committed notebooks with papermill into ``out``; HTML pages when asked."""
    import papermill

    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    workdir = out / "work"
    for name in NOTEBOOKS:
        target = out / name
        parameters = {"workdir": str(workdir)}
        if name.startswith("03"):
            parameters["report_path"] = str(out / "architecture-review.html")
        papermill.execute_notebook(
            str(HERE / name), str(target), parameters=parameters, cwd=str(HERE), progress_bar=False
        )
        notebook = clean(nbformat.read(target, as_version=4))
        nbformat.write(notebook, target)
        print(f"executed {target}")
        if html:
            from nbconvert import HTMLExporter

            body, _ = HTMLExporter().from_notebook_node(notebook)
            page = target.with_suffix(".html")
            page.write_text(body, encoding="utf-8")
            print(f"exported {page}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="run into this folder instead of in place")
    parser.add_argument("--html", action="store_true", help="also export static HTML pages")
    options = parser.parse_args(argv)
    if options.out:
        run_into(options.out, options.html)
    else:
        write_committed()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    sys.exit(main())
