"""``archbook routes``, ``facts``, ``trace`` and ``lint-perf``: the FastAPI facts of a
repository and the path of a request through them.

Imported only when one of these commands runs (see ``commands.HANDLERS``)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from archbook import api
from archbook.cli.options import EXIT_OK, command_root, split_target, write_output
from archbook.cli.text_reports import findings_text, routes_text
from archbook.domain.trace import trace_text


def _knowledge(args: argparse.Namespace, path: str | None) -> api.RepoKnowledge:
    return api.knowledge(path, strict=args.strict, cache=not args.no_cache, jobs=args.jobs)


def routes(args: argparse.Namespace) -> int:
    found, unresolved = api.routes(
        args.path, strict=args.strict, cache=not args.no_cache, jobs=args.jobs
    )
    if args.json:
        _print_json(api.routes_dicts(found))
    else:
        print(routes_text(found, unresolved))
    return EXIT_OK


def facts(args: argparse.Namespace) -> int:
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


def trace(args: argparse.Namespace) -> int:
    path, route = split_target(args.target, route_required=True)
    known = _knowledge(args, command_root(path, args.sample))
    traced = api.trace(known, str(route))
    if args.json:
        _print_json(dataclasses.asdict(traced))
    else:
        print(trace_text(traced))
    if args.output:
        write_output(args.output, api.trace_svg(known, traced))
        print(f"wrote {args.output}", file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK


def lint_perf(args: argparse.Namespace) -> int:
    path, route = split_target(args.target, route_required=False)
    known = _knowledge(args, command_root(path, args.sample))
    findings = api.perf_findings(known, route)
    if args.json:
        _print_json([dataclasses.asdict(f) for f in findings])
    else:
        print(findings_text(findings))
    return EXIT_OK


def _print_json(document: object) -> None:
    # One write: json.dump would call the escaping stdout once per token (600k on 20k modules).
    print(json.dumps(document, indent=2, ensure_ascii=False, default=str))
