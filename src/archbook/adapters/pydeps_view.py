"""pydeps as the alternative module view, run as a subprocess with its clustering.

pydeps reads compiled bytecode to find imports; it runs in its own process, in the
package's parent folder, and archbook never imports the target itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

from archbook.application.ports.module_view import ModuleView
from archbook.exceptions import GraphvizNotFoundError, RenderError

DEFAULT_TIMEOUT_S = 120.0


class PydepsModuleView(ModuleView):
    """Runs ``python -m pydeps PACKAGE --cluster -T svg`` and returns the SVG."""

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self._timeout = timeout_s

    def render_package(self, package_dir: str, only: tuple[str, ...] = ()) -> str:
        if shutil.which("dot") is None:
            raise GraphvizNotFoundError()
        package_dir = os.path.realpath(package_dir)
        with tempfile.TemporaryDirectory(prefix="archbook-pydeps-") as workdir:
            output = os.path.join(workdir, "modules.svg")
            command = [
                sys.executable,
                "-m",
                "pydeps",
                package_dir,
                "--noshow",
                "--no-config",
                "-T",
                "svg",
                "-o",
                output,
                "--cluster",
                "--max-bacon",
                "0",
                "--rankdir",
                "TB",
            ]
            if only:
                command += ["--only", *only]
            try:
                done = subprocess.run(
                    command,
                    cwd=os.path.dirname(package_dir),
                    capture_output=True,
                    timeout=self._timeout,
                    env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
                )
            except subprocess.TimeoutExpired as error:
                raise RenderError(
                    f"pydeps took more than {self._timeout:g} s; "
                    "draw one layer or module prefix (--layer)"
                ) from error
            if done.returncode != 0 or not os.path.exists(output):
                message = (done.stderr or done.stdout).decode(errors="replace").strip()
                raise RenderError(f"pydeps failed on {package_dir}: {message[-400:]}")
            with open(output, encoding="utf-8") as handle:
                return handle.read()
