"""The ``archbook`` command: analyse, graph and check a repository's architecture.

Exit codes: 0 fine, 1 layer violations found (``check``), 2 an error the message
explains (bad path, unreadable config, drawing failed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence

from archbook import __version__, api
from archbook.application.analyse import Analysis
from archbook.exceptions import ArchbookError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2
SHOWN_SKIPPED = 20


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ArchbookError as error:
        if args.debug:
            raise
        print(f"archbook: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("archbook: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archbook",
        description="Architecture of a hexagonal FastAPI backend, read without running it.",
    )
    parser.add_argument("--version", action="version", version=f"archbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "path", nargs="?", default=None, help="repository folder (default: bundled sample)"
        )
        sub.add_argument(
            "--strict",
            action="store_true",
            help="compile every file; skip files with syntax errors anywhere",
        )
        sub.add_argument("--no-cache", action="store_true", help="ignore and keep no snapshot")
        sub.add_argument("--debug", action="store_true", help="show tracebacks")
        return sub

    analyse = command("analyse", "Layers, violations, cycles, hot spots and skipped files.")
    analyse.add_argument("--json", action="store_true", help="print the JSON document")
    analyse.set_defaults(handler=_analyse)

    graph = command("graph", "Draw the layer graph (or one layer's modules) as SVG.")
    graph.add_argument("-o", "--output", required=True, help="SVG file to write")
    graph.add_argument("--layer", help="draw the modules of this layer or module prefix")
    graph.add_argument("--engine", choices=("graphviz", "pydeps"), default="graphviz")
    graph.set_defaults(handler=_graph)

    check = command("check", "Exit 1 when any import breaks the layer rules (for CI).")
    check.set_defaults(handler=_check)
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
        svg = api.layer_svg(analysis)
    hint = api.renderer_hint()
    if hint and args.engine == "graphviz":
        print(hint, file=sys.stderr)
    folder = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(folder, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(svg)
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


def summary_text(analysis: Analysis) -> str:
    """The human summary printed by ``archbook analyse``."""
    scan = analysis.scan
    lines = [
        f"archbook {__version__} · {scan.root}",
        f"source roots: {', '.join(scan.source_roots) or '-'}   rules: {analysis.rules.source}",
        f"modules: {len(scan.modules)}   internal imports: {len(analysis.pairs)}   "
        f"skipped files: {len(scan.skipped)}",
        "",
        f"{'layer':<16}{'modules':>8}{'fan-in':>8}{'fan-out':>9}{'instability':>13}",
    ]
    for layer, count in analysis.layer_counts().items():
        metrics = analysis.layer_metrics[layer]
        lines.append(
            f"{layer:<16}{count:>8}{metrics.fan_in:>8}{metrics.fan_out:>9}"
            f"{metrics.instability:>13.2f}"
        )
    lines.append("")
    if analysis.violations:
        lines.append(f"violations: {len(analysis.violations)}")
        lines.extend(f"  {v.describe()}" for v in analysis.violations)
    else:
        lines.append("violations: none")
    if analysis.cycles:
        lines.append(f"cycles: {len(analysis.cycles)}")
        lines.extend(f"  {' → '.join(cycle)}" for cycle in analysis.cycles)
    else:
        lines.append("cycles: none")
    hotspots = analysis.hotspots(5)
    if hotspots:
        lines.append("hot spots (fan-in × fan-out):")
        lines.extend(f"  {m.name} [{m.layer}] in {m.fan_in} · out {m.fan_out}" for m in hotspots)
    if scan.skipped:
        lines.append(f"skipped files: {len(scan.skipped)}")
        lines.extend(f"  {s.path}: {s.reason}" for s in scan.skipped[:SHOWN_SKIPPED])
        if len(scan.skipped) > SHOWN_SKIPPED:
            lines.append(f"  … and {len(scan.skipped) - SHOWN_SKIPPED} more (--json lists all)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
