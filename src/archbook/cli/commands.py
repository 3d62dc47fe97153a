"""The ``archbook`` command: analyse, graph and check a repository's architecture.

Exit codes: 0 fine, 1 layer violations found (``check``), 2 an error the message
explains (bad path, unreadable config, drawing failed).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
import traceback
from collections.abc import Sequence

from archbook import __version__, api
from archbook.application.layers.analysis import Analysis
from archbook.cli.options import add_path, add_scan_options, split_target, write_output
from archbook.cli.planning import add_planning_commands
from archbook.cli.reviewing import add_review_command
from archbook.cli.text_reports import (
    diff_text,
    findings_text,
    routes_text,
    summary_text,
    trace_text,
)
from archbook.exceptions import ArchbookError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ArchbookError as error:
        if args.debug:
            # The traceback, but the documented exit code: 1 means violations to CI.
            traceback.print_exc()
        print(f"archbook: error: {error}", file=sys.stderr)
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
            traceback.print_exc()
        print(f"archbook: error: {error}", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archbook",
        description="Architecture of a hexagonal FastAPI backend, read without running it.",
    )
    parser.add_argument("--version", action="version", version=f"archbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        add_path(sub)
        add_scan_options(sub)
        return sub

    analyse = command("analyse", "Layers, violations, cycles, hot spots and skipped files.")
    analyse.add_argument("--json", action="store_true", help="print the JSON document")
    analyse.set_defaults(handler=_analyse)

    graph = command("graph", "Draw the layer graph (or one layer's modules) as SVG.")
    graph.add_argument("-o", "--output", required=True, help="SVG file to write")
    graph.add_argument("--layer", help="draw the modules of this layer or module prefix")
    graph.add_argument("--engine", choices=("graphviz", "pydeps"), default="graphviz")
    graph.add_argument(
        "--view",
        choices=("rows", "rings"),
        default="rows",
        help="rows: layers top to bottom in rule order; rings: the hexagon, domain inside",
    )
    graph.add_argument("--tests", action="store_true", help="also draw the tests layer")
    graph.set_defaults(handler=_graph)

    check = command("check", "Exit 1 when any import breaks the layer rules (for CI).")
    check.set_defaults(handler=_check)

    routes = command("routes", "Every route with its full path, handler and file:line.")
    routes.add_argument("--json", action="store_true", help="print the routes as JSON")
    routes.set_defaults(handler=_routes)

    facts = command("facts", "Routes, DI wiring, ports, adapters, services, models, tests.")
    facts.add_argument("--json", action="store_true", help="print the facts document")
    facts.set_defaults(handler=_facts)

    def route_command(name: str, help_text: str, route: str) -> argparse.ArgumentParser:
        """A command taking ``[PATH] ROUTE`` (``route`` is ``ROUTE`` or ``[ROUTE]``)."""
        sub = commands.add_parser(
            name,
            help=help_text,
            description=f"archbook {name} [PATH] {route}, e.g. archbook {name} 'GET /api/threads'",
        )
        required = not route.startswith("[")
        sub.add_argument("target", nargs="+" if required else "*", metavar=f"[PATH] {route}")
        sub.add_argument("--json", action="store_true", help="print the result as JSON")
        add_scan_options(sub)
        return sub

    trace = route_command(
        "trace", "Follow a route through handler, service, port and adapter.", "ROUTE"
    )
    trace.add_argument("-o", "--output", help="also draw the trace to this SVG file")
    trace.set_defaults(handler=_trace)

    diff = command("diff", "What a branch does to the layers, compared with a git ref (for CI).")
    diff.add_argument("--base", required=True, help="the git ref to compare with (e.g. main)")
    diff.add_argument("--head", help="a git ref to compare instead of the work tree")
    diff.add_argument("--json", action="store_true", help="print the comparison as JSON")
    diff.add_argument("-o", "--output", help="also draw the head's layers, new edges marked")
    diff.add_argument("--view", choices=("rows", "rings"), default="rows")
    diff.set_defaults(handler=_diff)

    lint = route_command(
        "lint-perf", "Performance findings along a route (or in all services/adapters).", "[ROUTE]"
    )
    lint.set_defaults(handler=_lint_perf)
    add_planning_commands(commands)
    add_review_command(commands)
    return parser


def _load(args: argparse.Namespace) -> Analysis:
    show = sys.stderr.isatty()
    started = time.monotonic()

    def progress(count: int) -> None:
        if show:
            print(f"\rscanning… {count} files", end="", file=sys.stderr, flush=True)

    analysis = api.analyse(
        args.path, strict=args.strict, cache=not args.no_cache, progress=progress
    )
    if show and analysis.scan.stats.parsed >= 500:
        elapsed = time.monotonic() - started
        print(f"\rscanned {analysis.scan.stats.files} files in {elapsed:.1f} s", file=sys.stderr)
    return analysis


def _analyse(args: argparse.Namespace) -> int:
    analysis = _load(args)
    if args.json:
        json.dump(analysis.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(summary_text(analysis))
    return EXIT_OK


def _graph(args: argparse.Namespace) -> int:
    analysis = _load(args)
    if args.layer or args.engine == "pydeps":
        svg = api.module_svg(analysis, args.layer, engine=args.engine)
    else:
        svg = api.layer_svg(analysis, view=args.view, show_tests=args.tests)
    hint = api.renderer_hint()
    if hint and args.engine == "graphviz":
        print(hint, file=sys.stderr)
    write_output(args.output, svg)
    print(f"wrote {args.output}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    analysis = _load(args)
    for violation in analysis.violations:
        print(violation.describe())
    count = len(analysis.violations)
    modules = len(analysis.scan.modules)
    if count:
        print(
            f"{count} layer violation{'s' if count != 1 else ''} in {modules} modules "
            f"({analysis.rules.source})"
        )
        return EXIT_VIOLATIONS
    print(f"no layer violations in {modules} modules ({analysis.rules.source})")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    review = api.review_branch(
        args.path, args.base, args.head, strict=args.strict, cache=not args.no_cache
    )
    if args.json:
        _print_json(api.diff_dict(review))
    else:
        print(diff_text(review.diff))
    if args.output:
        write_output(args.output, api.diff_svg(review, view=args.view))
        print(f"wrote {args.output}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_VIOLATIONS if review.diff.worse else EXIT_OK


def _knowledge(args: argparse.Namespace, path: str | None) -> api.RepoKnowledge:
    return api.knowledge(path, strict=args.strict, cache=not args.no_cache)


def _routes(args: argparse.Namespace) -> int:
    known = _knowledge(args, args.path)
    if args.json:
        _print_json(api.facts_dict(known)["routes"])
    else:
        print(routes_text(known.facts.routes))
    return EXIT_OK


def _facts(args: argparse.Namespace) -> int:
    known = _knowledge(args, args.path)
    document = api.facts_dict(known)
    if args.json:
        _print_json(document)
    else:
        for section in ("routes", "providers", "ports", "adapters", "services", "models", "tests"):
            print(f"{section}: {len(document[section])}")
        project = document.get("project") or {}
        print(f"package manager: {project.get('package_manager', '?')}")
        print("(--json prints the whole document)")
    return EXIT_OK


def _trace(args: argparse.Namespace) -> int:
    path, route = split_target(args.target, route_required=True)
    known = _knowledge(args, path)
    traced = api.trace(known, str(route))
    if args.json:
        _print_json(dataclasses.asdict(traced))
    else:
        print(trace_text(traced))
    if args.output:
        write_output(args.output, api.trace_svg(known, traced))
        print(f"wrote {args.output}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK


def _lint_perf(args: argparse.Namespace) -> int:
    path, route = split_target(args.target, route_required=False)
    known = _knowledge(args, path)
    findings = api.perf_findings(known, route)
    if args.json:
        _print_json([dataclasses.asdict(f) for f in findings])
    else:
        print(findings_text(findings))
    return EXIT_OK


def _print_json(document: object) -> None:
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()
