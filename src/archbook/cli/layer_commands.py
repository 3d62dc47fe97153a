"""``archbook analyse``, ``graph``, ``check`` and ``diff``: what the layers of a repository show.

Imported only when one of these commands runs (see ``commands.HANDLERS``)."""

from __future__ import annotations

import argparse
import sys
import time

from archbook import api
from archbook.application.layers.analysis import Analysis
from archbook.application.layers.contract_checks import contract_notices
from archbook.cli.options import EXIT_OK, EXIT_VIOLATIONS, no_python_hint, write_output
from archbook.cli.text_reports import diff_text, summary_text
from archbook.domain.contracts import LAYERS
from archbook.exceptions import ArchbookError, ConfigError

CONTRACT_SOURCES = ("import-linter", "tach.toml")


def _load(args: argparse.Namespace, require_python: bool = False) -> Analysis:
    """The analysis of ``args.path``. A folder without any Python file is an error for
    ``require_python`` (``check`` run from the wrong folder must not pass), otherwise
    a hint on stderr."""
    show = sys.stderr.isatty()
    started = time.monotonic()

    def progress(count: int) -> None:
        if show:
            print(f"\rscanning… {count} files", end="", file=sys.stderr, flush=True)

    analysis = api.analyse(
        args.path, strict=args.strict, cache=not args.no_cache, jobs=args.jobs, progress=progress
    )
    if not analysis.scan.stats.files:
        if require_python:
            raise ArchbookError(no_python_hint(analysis.scan.root))
        print(no_python_hint(analysis.scan.root), file=sys.stderr)
    if show and analysis.scan.stats.parsed >= 500:
        elapsed = time.monotonic() - started
        print(f"\rscanned {analysis.scan.stats.files} files in {elapsed:.1f} s", file=sys.stderr)
    return analysis


def analyse(args: argparse.Namespace) -> int:
    analysis = _load(args)
    if args.json:
        _print_json(analysis)
    else:
        print(summary_text(analysis))
    return EXIT_OK


def graph(args: argparse.Namespace) -> int:
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


def diff(args: argparse.Namespace) -> int:
    """``archbook diff``: exit 1 when the change adds violations."""
    review = api.review_branch(
        args.path, args.base, args.head, strict=args.strict, cache=not args.no_cache, jobs=args.jobs
    )
    if args.json:
        import json

        json.dump(api.diff_dict(review), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(diff_text(review.diff))
    if args.output:
        write_output(args.output, api.diff_svg(review, view=args.view))
        print(f"wrote {args.output}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_VIOLATIONS if review.diff.worse else EXIT_OK


def check(args: argparse.Namespace) -> int:
    analysis = _load(args, require_python=True)
    _refuse_unmatched_contract(analysis)
    if analysis.rules.contracts:
        notices = contract_notices(analysis.rules.contracts, analysis.pairs, analysis.scan.imports)
        for notice in notices:
            print(f"archbook: notice: {notice}", file=sys.stderr)
    count = len(analysis.violations)
    if args.json:  # the whole document, violations with their reasons included
        _print_json(analysis)
        return EXIT_VIOLATIONS if count else EXIT_OK
    for violation in analysis.violations:
        print(violation.describe())
    modules = len(analysis.scan.modules)
    if count:
        print(
            f"{count} layer violation{'s' if count != 1 else ''} in {modules} modules "
            f"({analysis.rules.source})"
        )
        return EXIT_VIOLATIONS
    print(f"no layer violations in {modules} modules ({analysis.rules.source})")
    return EXIT_OK


def _print_json(analysis: Analysis) -> None:
    import json

    json.dump(analysis.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
    print()


def _refuse_unmatched_contract(analysis: Analysis) -> None:
    """A team's contract whose layers match no module would classify nothing and let
    ``check`` pass: that is a configuration error (exit 2), named. Some layers matching
    nothing is a warning, unless import-linter layers contracts declared them: those
    report a missing required layer as a breach themselves."""
    rules = analysis.rules
    if not any(name in rules.source for name in CONTRACT_SOURCES):
        return
    counts = analysis.layer_counts()
    declared = list(dict.fromkeys(layer for _, layer in rules.module_layers))
    empty = [layer for layer in declared if not counts.get(layer)]
    if not empty:
        return
    names = [prefix for prefix, layer in rules.module_layers if layer in empty]
    if len(empty) == len(declared):
        raise ConfigError(
            f"{rules.source}: none of its layers matches a module ({', '.join(names)}); "
            "check the module names (and containers) against the repository"
        )
    if any(contract.kind == LAYERS for contract in rules.contracts):
        # import-linter layers contracts judge their own layers: a required one that is
        # missing breaks its contract (reported with the violations), an optional one
        # may be absent
        return
    print(f"archbook: warning: {rules.source}: no module in {', '.join(names)}", file=sys.stderr)
