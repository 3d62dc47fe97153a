"""What the commands share, declared once: the repository path, the scan options, the
``[PATH] ROUTE`` pair, and writing an output file."""

from __future__ import annotations

import argparse
import os
import re

from archbook.exceptions import ArchbookError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

ROUTE_PATTERN = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|TRACE|WEBSOCKET)\s+/", re.I)


def add_path(sub: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """The optional repository folder every command takes, and ``--sample``."""
    sub.add_argument(
        "path",
        nargs="?",
        default=None,
        help=help_text or "repository folder (default: the current folder)",
    )
    add_sample(sub)


def add_sample(sub: argparse.ArgumentParser) -> None:
    """``--sample``: the bundled sample backend instead of a folder."""
    sub.add_argument(
        "--sample",
        action="store_true",
        help="use the bundled sample backend instead of a folder (to try archbook)",
    )


def command_root(path: str | None, sample: bool) -> str | None:
    """The folder a command reads: ``path``, the current folder when none is given
    (``archbook check`` in a CI job or a pre-commit hook checks the repository it
    runs in), or None for the bundled sample (``--sample``)."""
    if sample:
        if path is not None:
            raise ArchbookError(f"give a PATH ('{path}') or --sample, not both")
        return None
    return "." if path is None else path


def add_scan_options(sub: argparse.ArgumentParser) -> None:
    """``--strict``, ``--no-cache``, ``--jobs`` (for commands that scan the code) and
    ``--debug``."""
    sub.add_argument(
        "--strict",
        action="store_true",
        help="compile every file; skip files with syntax errors anywhere",
    )
    sub.add_argument("--no-cache", action="store_true", help="ignore and keep no snapshot")
    sub.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="processes walking and reading a large repository (default 0: one per CPU)",
    )
    add_debug(sub)


def add_debug(sub: argparse.ArgumentParser) -> None:
    """``--debug``, which every command takes."""
    sub.add_argument("--debug", action="store_true", help="show tracebacks")


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of processes (0 or more)")
    return int(value)


def no_python_hint(root: str) -> str:
    """What to say when a folder holds no Python file at all."""
    return (
        f"no Python files under {root}: give the folder of a repository, or --sample "
        "to try archbook on its bundled sample backend"
    )


def split_target(values: list[str], route_required: bool) -> tuple[str | None, str | None]:
    """``[PATH] [ROUTE]`` → (path, route); a value like ``GET /x`` is the route; no
    PATH is None (``command_root`` then decides)."""
    if len(values) > 2:
        raise ArchbookError("give at most a PATH and a ROUTE such as 'GET /api/threads'")
    path = route = None
    for value in values:
        if ROUTE_PATTERN.match(value):
            route = value
        elif path is None:
            path = value
        else:
            raise ArchbookError(f"'{value}' is not a route; write it as 'GET /api/threads'")
    if route_required and route is None:
        raise ArchbookError("name a route, for example: archbook trace 'GET /api/threads'")
    return path, route


def write_output(output: str, text: str) -> None:
    """Write ``text`` to ``output``, creating its folder."""
    folder = os.path.dirname(os.path.abspath(output))
    os.makedirs(folder, exist_ok=True)
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(text)
