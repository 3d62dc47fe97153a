"""The ``archbook`` command: analyse, graph and check a repository's architecture.

Exit codes: 0 fine, 1 layer violations found (``check``), 2 an error the message
explains (bad path, unreadable config, drawing failed).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO, cast

from archbook import __version__
from archbook.cli.options import (
    EXIT_ERROR,
    EXIT_OK,
    add_path,
    add_sample,
    add_scan_options,
    command_root,
)
from archbook.cli.planning import add_planning_commands, end_streamed_line
from archbook.cli.reviewing import add_review_command
from archbook.cli.terminal import TerminalText, printable
from archbook.exceptions import ArchbookError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = _parse(parser, argv)  # --help and bad arguments end here, loading nothing
    from archbook.application.collector import paused_gc

    stdout = sys.stdout
    sys.stdout = cast(TextIO, TerminalText(stdout))
    # One command is one short process whose garbage reference counting frees: the
    # cyclic collector would only rescan the millions of AST nodes and modules a large
    # repository allocates (a third of `archbook routes` on 20k modules). Restored on
    # return, so a caller running main() in its own process keeps its collector.
    with paused_gc():
        try:
            return int(run_handler(args))
        except ArchbookError as error:
            if args.debug:
                # The traceback, but the documented exit code: 1 means violations to CI.
                import traceback

                traceback.print_exc()
            end_streamed_line()
            print(f"archbook: error: {printable(str(error))}", file=sys.stderr)
            return error.exit_code
        except KeyboardInterrupt:
            print("archbook: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            # The reader (``| head``) went away; say nothing more.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        except OSError as error:
            # A file archbook was asked to write (or read) could not be: say which, exit 2.
            if args.debug:
                import traceback

                traceback.print_exc()
            end_streamed_line()
            print(f"archbook: error: {printable(str(error))}", file=sys.stderr)
            return EXIT_ERROR
        finally:
            sys.stdout = stdout


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The ``archbook`` console script: ``main``, then leave without tearing the heap down.

    A command about to end need not free, one object at a time, the modules and
    imports of the repository it read (tens of milliseconds on large repositories,
    paid after the answer is printed). Every file archbook writes is closed by then,
    so flushing the standard streams is all that is left to do. For the same reason
    the cyclic collector stays off to the end: ``main`` pauses it around the command
    and would turn it back on, and the first allocation after that would walk every
    object the command built, just before the process leaves. ``main`` itself
    returns normally, for callers that run it inside their own process.
    """
    gc.disable()
    code = main(argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass  # the reader went away; nothing more can reach it
    os._exit(code)


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line, with ``[PATH] ROUTE`` allowed around options: argparse stops
    a positional list at the first option, so ``trace . --json "GET /x"`` leaves the
    route over; what is left over joins the target when it is no option."""
    args, extra = parser.parse_known_args(argv)
    if extra and hasattr(args, "target") and not any(e.startswith("-") for e in extra):
        args.target = [*args.target, *extra]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def run_handler(args: argparse.Namespace) -> int:
    """Run the command's handler, named ``"module.function"`` within ``archbook.cli``.

    This is where the CLI decides what loads: parsing imports nothing but argparse,
    and a command imports its own module (and through it only the use cases it
    calls) when it runs, so ``archbook --help`` and ``archbook check`` stay quick.
    """
    if hasattr(args, "path"):  # ``[PATH] ROUTE`` commands decide after splitting
        args.path = command_root(args.path, args.sample)
    module, _, function = args.handler.rpartition(".")
    handler = getattr(importlib.import_module(f"archbook.cli.{module}"), function)
    return int(handler(args))


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given the terminal's width without ``shutil`` (whose import
    loads the bz2 and lzma archive modules, on every command: argparse formats while
    it builds the parser). Same width: ``$COLUMNS``, else the terminal's, else 80."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2)


class _ArgumentParser(argparse.ArgumentParser):
    """Every parser of the CLI (sub-commands included) formats with ``_HelpFormatter``.

    A sub-command's arguments are added by its ``arguments`` function only when that
    command is parsed (its help and usage errors come from there): every command is
    listed on every run, but adding all their arguments was most of the cost of parsing
    one.
    """

    def __init__(
        self,
        *args: Any,
        arguments: Callable[[argparse.ArgumentParser], None] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)
        self._arguments = arguments

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        # a sub-command's help and usage errors are printed while it is parsed
        arguments, self._arguments = self._arguments, None
        if arguments is not None:
            arguments(self)
        return super().parse_known_args(*args, **kwargs)


def _columns() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
        return 80


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="archbook",
        description="Architecture of a hexagonal FastAPI backend, read without running it.",
    )
    parser.add_argument("--version", action="version", version=f"archbook {__version__}")
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(
            dest="command", required=True, metavar="COMMAND", parser_class=_ArgumentParser
        ),
    )

    def command(
        name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None]
    ) -> None:
        def all_arguments(sub: argparse.ArgumentParser) -> None:
            add_path(sub)
            add_scan_options(sub)
            arguments(sub)

        commands.add_parser(name, help=help_text, description=help_text, arguments=all_arguments)

    command("analyse", "Layers, violations, cycles, hot spots and skipped files.", _analyse)
    command("graph", "Draw the layer graph (or one layer's modules) as SVG.", _graph)
    command("check", "Exit 1 when any import breaks the layer rules (for CI).", _check)
    command("diff", "What a branch does to the layers, compared with a git ref (for CI).", _diff)
    command("routes", "Every route with its full path, handler and file:line.", _routes)
    command("facts", "Routes, DI wiring, ports, adapters, services, models, tests.", _facts)

    def route_command(
        name: str, help_text: str, route: str, handler: str, drawn: bool = False
    ) -> None:
        """A command taking ``[PATH] ROUTE`` (``route`` is ``ROUTE`` or ``[ROUTE]``)."""

        def arguments(sub: argparse.ArgumentParser) -> None:
            required = not route.startswith("[")
            sub.add_argument("target", nargs="+" if required else "*", metavar=f"[PATH] {route}")
            sub.add_argument("--json", action="store_true", help="print the result as JSON")
            add_sample(sub)
            add_scan_options(sub)
            if drawn:
                sub.add_argument("-o", "--output", help="also draw the trace to this SVG file")
            sub.set_defaults(handler=handler)

        commands.add_parser(
            name,
            help=help_text,
            description=f"archbook {name} [PATH] {route}, e.g. archbook {name} 'GET /api/threads'",
            arguments=arguments,
        )

    route_command(
        "trace",
        "Follow a route through handler, service, port and adapter.",
        "ROUTE",
        "fact_commands.trace",
        drawn=True,
    )
    route_command(
        "lint-perf",
        "Performance findings along a route (or in all services/adapters).",
        "[ROUTE]",
        "fact_commands.lint_perf",
    )
    add_planning_commands(commands)
    add_review_command(commands)
    return parser


def _analyse(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--json", action="store_true", help="print the JSON document")
    sub.set_defaults(handler="layer_commands.analyse")


def _graph(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("-o", "--output", required=True, help="SVG file to write")
    sub.add_argument("--layer", help="draw the modules of this layer or module prefix")
    sub.add_argument("--engine", choices=("graphviz", "pydeps"), default="graphviz")
    sub.add_argument(
        "--view",
        choices=("rows", "rings"),
        default="rows",
        help="rows: layers top to bottom in rule order; rings: the hexagon, domain inside",
    )
    sub.add_argument("--tests", action="store_true", help="also draw the tests layer")
    sub.set_defaults(handler="layer_commands.graph")


def _check(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--json", action="store_true", help="print the analyse --json document instead"
    )
    sub.set_defaults(handler="layer_commands.check")


def _diff(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--base", required=True, help="the git ref to compare with (e.g. main)")
    sub.add_argument("--head", help="a git ref to compare instead of the work tree")
    sub.add_argument("--json", action="store_true", help="print the comparison as JSON")
    sub.add_argument("-o", "--output", help="also draw the head's layers, new edges marked")
    sub.add_argument("--view", choices=("rows", "rings"), default="rows")
    sub.set_defaults(handler="layer_commands.diff")


def _routes(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--json", action="store_true", help="print the routes as JSON")
    sub.set_defaults(handler="fact_commands.routes")


def _facts(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--json", action="store_true", help="print the facts document")
    sub.set_defaults(handler="fact_commands.facts")
