"""JupyterLab in Debian's Chromium: the architecture tour of a realistic fixture (89
modules, tests, violations and a cycle). The layer graph in rows, switched to rings,
and the edge explorer, each saved as a screenshot (README's pictures come from here)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from lab_ui import run_all_cells
from servers import (
    ROOT,
    SCREENSHOTS_DIR,
    copy_notebooks,
    free_port,
    lab_command,
    served_page,
    set_parameters,
)

LOAD_MS = 60_000
DRAW_MS = 120_000
FIXTURE = ROOT / "tests" / "assets" / "marketplace"


def test_tour_shows_rows_rings_and_the_edge_explorer_of_a_realistic_backend(
    tmp_path: Path,
) -> None:
    notebooks = copy_notebooks(tmp_path / "notebooks", tmp_path / "work")
    set_parameters(notebooks / "01_architecture_tour.ipynb", repo=str(FIXTURE))
    port = free_port()
    status = f"http://127.0.0.1:{port}/api/status"
    with served_page(lab_command(notebooks, port), status, tmp_path, "tour") as page:
        page.goto(f"http://127.0.0.1:{port}/lab/tree/01_architecture_tour.ipynb")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=LOAD_MS)
        run_all_cells(page)
        graph = page.locator(".archbook-layer-graph").first
        # JupyterLab shows an SVG output as an image: the drawing is its data URI.
        drawing = graph.locator(".archbook-layer-graph-output img").first
        drawing.wait_for(timeout=DRAW_MS)
        rows_svg = unquote(str(drawing.get_attribute("src")))
        graph.scroll_into_view_if_needed()
        graph.screenshot(path=str(SCREENSHOTS_DIR / "tour-layers-rows.png"))

        graph.locator(".archbook-graph-view button", has_text="rings").click()
        page.wait_for_function(
            "() => decodeURIComponent(document.querySelector("
            "'.archbook-layer-graph-output img').src).includes('domain in the middle')",
            timeout=DRAW_MS,
        )
        page.wait_for_timeout(500)
        graph.screenshot(path=str(SCREENSHOTS_DIR / "tour-layers-rings.png"))

        explorer = page.locator(".archbook-edge-explorer").first
        explorer.locator("table").first.wait_for(timeout=DRAW_MS)
        explorer.scroll_into_view_if_needed()
        explorer_text = explorer.inner_text()
        explorer.screenshot(path=str(SCREENSHOTS_DIR / "tour-edge-explorer.png"))
        # where widgets render, the static copies beside them are hidden
        hidden = page.evaluate(
            "[...document.querySelectorAll('.archbook-static-copy')]"
            ".every(e => e.offsetParent === null)"
        )

    assert "Layers of marketplace (7 violations)" in rows_svg
    assert "tests hidden (10 modules" in rows_svg
    assert ">tests<" not in rows_svg
    assert explorer_text.index("✗") < explorer_text.index("→")  # violations first
    assert hidden
    for name in ("tour-layers-rows", "tour-layers-rings", "tour-edge-explorer"):
        assert (SCREENSHOTS_DIR / f"{name}.png").stat().st_size > 10_000
