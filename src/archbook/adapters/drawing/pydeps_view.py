"""pydeps as the alternative module view, run as a subprocess with its clustering.

pydeps reads compiled bytecode to find imports and never runs the target; but it is a
Python program, so a ``pydeps.py`` or ``argparse.py`` in the target could shadow what
it imports. It therefore runs in isolated mode (``-I``: no working folder, no user
site, no ``PYTHON*`` variables on ``sys.path``), from a neutral temporary folder, with
every module it may import loaded before it puts the target on ``sys.path``, and a
guard first on ``sys.meta_path`` that refuses to import anything from the target.
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
REFUSED_EXIT = 3

# Runs inside the pydeps process: argv[1] is the folder nothing may be imported from.
BOOTSTRAP = """
import importlib.machinery, os, sys
guarded = os.path.realpath(sys.argv.pop(1))

def inside(path):
    real = os.path.realpath(path or os.getcwd())
    return real == guarded or real.startswith(guarded + os.sep)

for entry in sys.path:
    if inside(entry):
        sys.exit(REFUSED_EXIT)

class TargetGuard:
    @staticmethod
    def find_spec(name, path=None, target=None):
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.origin and inside(spec.origin):
            raise ModuleNotFoundError("archbook refuses to import " + name + " from the target")
        return None

sys.meta_path.insert(0, TargetGuard)
import argparse, configparser, json, pprint, subprocess, tokenize, traceback, dis
import pydeps.pydeps, pydeps.cli, pydeps.py2depgraph, pydeps.dot, pydeps.depgraph
import pydeps.target, pydeps.dummymodule, pydeps.mf27, pydeps.configs, pydeps.colors
import pydeps.render_context, pydeps.depgraph2dot, pydeps.package_names, pydeps.pystdlib
sys.argv[0] = "pydeps"
sys.exit(pydeps.pydeps.pydeps())
""".replace("REFUSED_EXIT", str(REFUSED_EXIT))


class PydepsModuleView(ModuleView):
    """Runs pydeps on ``PACKAGE --cluster -T svg`` and returns the SVG."""

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self._timeout = timeout_s

    def render_package(self, package_dir: str, only: tuple[str, ...] = ()) -> str:
        if shutil.which("dot") is None:
            raise GraphvizNotFoundError()
        package_dir = os.path.realpath(package_dir)
        guarded = os.path.dirname(package_dir)
        with tempfile.TemporaryDirectory(prefix="archbook-pydeps-") as workdir:
            output = os.path.join(workdir, "modules.svg")
            command = [
                sys.executable,
                "-I",
                "-c",
                BOOTSTRAP,
                guarded,
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
                    cwd=workdir,
                    capture_output=True,
                    timeout=self._timeout,
                    env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
                )
            except subprocess.TimeoutExpired as error:
                raise RenderError(
                    f"pydeps took more than {self._timeout:g} s; "
                    "draw one layer or module prefix (--layer)"
                ) from error
            message = (done.stderr or done.stdout).decode(errors="replace").strip()
            if done.returncode == REFUSED_EXIT:
                raise RenderError(f"pydeps would have run code of {guarded}: {message[-400:]}")
            if done.returncode != 0 or not os.path.exists(output):
                raise RenderError(f"pydeps failed on {package_dir}: {message[-400:]}")
            with open(output, encoding="utf-8") as handle:
                return handle.read()
