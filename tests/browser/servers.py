"""Helpers of the browser tests: free ports, Jupyter servers started and stopped by the
test, a private copy of the notebooks, and Playwright on Debian's Chromium."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
SCREENSHOTS_DIR = ROOT / "out" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_SECONDS = 90
BIN = Path(sys.executable).parent
# A private user-settings folder: no news toast over the notebook, and every cell kept
# rendered (JupyterLab otherwise skips laying out cells far from the viewport).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_notebooks(target: Path, workdir: Path) -> Path:
    """The notebooks copied to ``target``, with 02's ``workdir`` parameter set to ``workdir``
    (the test then knows where the plan lands on disk)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"):
        shutil.copy(path, target / path.name)
    plan = target / "02_plan_feature.ipynb"
    notebook = nbformat.read(plan, as_version=4)
    parameters = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    parameters.source = parameters.source.replace("workdir = None", f"workdir = {str(workdir)!r}")
    assert repr(str(workdir)) in parameters.source
    nbformat.write(notebook, plan)
    return target


def set_parameters(notebook: Path, **values: object) -> None:
    """Give the papermill parameters ``values`` (``name = None`` or a default before)."""
    document = nbformat.read(notebook, as_version=4)
    parameters = next(c for c in document.cells if "parameters" in c.metadata.get("tags", []))
    for name, value in values.items():
        parameters.source, count = re.subn(
            rf"^{name} = .*?(?=  #|$)",
            f"{name} = {value!r}",
            parameters.source,
            count=1,
            flags=re.M,
        )
        assert count == 1, f"no parameter {name} in {notebook.name}"
    nbformat.write(document, notebook)


def jupyter_env(home: Path) -> dict[str, str]:
    """Private Jupyter config, runtime and IPython folders under ``home``."""
    env = dict(os.environ)
    for name, folder in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / folder)
    settings = home / "config" / "lab" / "user-settings"
    for relative, values in LAB_SETTINGS.items():
        path = settings / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return env


@contextmanager
def server(command: list[str], url: str, env: dict[str, str], log: Path) -> Iterator[str]:
    """Run ``command`` in its own process group until ``url`` answers; stop it after."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_for(url, process, log)
            yield url
        finally:
            _stop(process)


def lab_command(root: Path, port: int) -> list[str]:
    return [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        *_as_root(),
    ]


def voila_command(notebook: Path, port: int) -> list[str]:
    return [
        str(BIN / "voila"),
        str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--strip_sources=True",
    ]


@contextmanager
def screenshot_on_failure(page: Any, name: str) -> Iterator[None]:
    """Keep what the browser showed when a step fails (``out/screenshots/<name>-failure.png``)."""
    try:
        yield
    except BaseException:
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(SCREENSHOTS_DIR / f"{name}-failure.png"))
        raise


@contextmanager
def served_page(command: list[str], ready: str, home: Path, name: str) -> Iterator[Any]:
    """Chromium on a server started with ``command`` once ``ready`` answers (private
    Jupyter folders under ``home``); a screenshot ``<name>-failure.png`` on failure."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    with (
        server(command, ready, jupyter_env(home), home / f"{name}.log"),
        chromium_page() as page,
        screenshot_on_failure(page, name),
    ):
        yield page


@contextmanager
def voila_app(notebook: Path, home: Path, name: str) -> Iterator[Any]:
    """A page of ``notebook`` served by Voilà, opened in Chromium."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with served_page(voila_command(notebook, port), url, home, name) as page:
        page.goto(url)
        yield page


def _as_root() -> list[str]:
    return ["--allow-root"] if os.geteuid() == 0 else []


@contextmanager
def chromium_page(width: int = 1400, height: int = 1000) -> Iterator[Any]:
    """A Playwright page in Debian's Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and what it started (kernels), by its process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {SERVER_START_SECONDS}s:\n{log.read_text()}")
