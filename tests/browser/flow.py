"""The planning flow a user goes through in a browser, shared by the Lab and Voilà tests:
choose a feature, press the step buttons in order, read the rendered preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

STEPS = ("read_context", "survey", "scope", "draft", "validate", "write", "preview")
CORRECTED_FILE = "README.md"  # added to the scope's touched files by hand
STEP_SECONDS = 120
FEATURE = "thread_subscriptions"
FEATURE_TITLE = "Thread subscriptions and e-mail notifications"
# JupyterLab and Voilà render a cell's exception as stderr output holding its traceback.
TRACEBACKS = """[...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
    .filter(e => e.textContent.includes("Traceback"))"""


def wait_for_state(page: Any, step: str, state: str) -> None:
    """Wait until the step's state label reads ``state`` (by its text, wherever it is
    scrolled to); fail at once with the traceback when a cell raised instead."""
    page.wait_for_function(
        f"([selector, state]) => {TRACEBACKS}.length > 0"
        " || [...document.querySelectorAll(selector)].some(e => e.textContent.trim() === state)",
        arg=[f".archbook-state-{step}", state],
        timeout=STEP_SECONDS * 1000,
    )
    tracebacks = page.evaluate(f"{TRACEBACKS}.map(e => e.textContent)")
    assert not tracebacks, tracebacks[0]


def plan_feature_with_buttons(page: Any, feature: str = FEATURE) -> None:
    """Pick ``feature`` in the dropdown, then press every step button, waiting for each;
    after the scope step, add a file to the scope's touched files and use that scope."""
    page.locator(".archbook-feature select").select_option(feature)
    wait_for_state(page, "preview", "not run")
    for step in STEPS:
        page.locator(f"button.archbook-step-{step}").click()
        wait_for_state(page, step, "done")
        if step == "scope":
            correct_scope(page)


def correct_scope(page: Any) -> None:
    """Type a file into the scope's touched files and press "Use this scope"."""
    touched = page.locator(".archbook-scope-touched textarea")
    touched.fill(touched.input_value() + "\n" + CORRECTED_FILE)
    page.locator("button.archbook-scope-apply").click()
    page.locator(".archbook-scope-status", has_text="Corrected").wait_for(
        timeout=STEP_SECONDS * 1000
    )


def draft_names(page: Any, path: str) -> bool:
    """The draft panel lists ``path`` as a change."""
    return str(path) in str(page.locator(".archbook-panel-draft").text_content())


def rendered_plan_title(page: Any) -> str:
    """The plan's first heading as the browser rendered the preview's Markdown."""
    heading = page.locator(".archbook-panel-preview h1").first
    heading.wait_for(state="attached", timeout=STEP_SECONDS * 1000)
    return str(heading.text_content()).replace("¶", "").strip()


def plan_on_disk(workdir: Path, feature: str = FEATURE) -> Path:
    return workdir / "threads_api" / ".claude" / "doc" / feature / "backend.md"
