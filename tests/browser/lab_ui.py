"""Driving JupyterLab's own UI: wait for the kernel, run all cells."""

from __future__ import annotations

from typing import Any

KERNEL_READY_MS = 90_000
RUN_STARTED_MS = 15_000
RUN_ATTEMPTS = 3
# A code cell prompt shows [*] once queued or running and [n] once run.
RUN_STARTED = (
    "() => [...document.querySelectorAll('.jp-InputPrompt')]"
    ".some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))"
)


def run_all_cells(page: Any) -> None:
    """Run > Run All Cells once the kernel is idle; again if the click was swallowed
    while the kernel was still connecting (no prompt changed)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(
        timeout=KERNEL_READY_MS
    )
    for _ in range(RUN_ATTEMPTS):
        page.locator(".lm-MenuBar-itemLabel:text-is('Run')").click()
        page.locator(".lm-Menu-itemLabel:text-is('Run All Cells')").click()
        try:
            page.wait_for_function(RUN_STARTED, timeout=RUN_STARTED_MS)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"Run All Cells started nothing after {RUN_ATTEMPTS} attempts")
