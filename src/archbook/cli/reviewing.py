"""``archbook review``: check a plan already in ``.claude/doc/<feature>/`` against the code.

Exit codes: 0 no error (warnings may be printed), 1 the plan has errors, 2 no plan.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING

from archbook.cli.options import add_path, add_scan_options
from archbook.exceptions import ArchbookError

if TYPE_CHECKING:
    from archbook.domain.plan_review import PlanComparison, PlanReview

EXIT_OK = 0
EXIT_PLAN_ERRORS = 1


def add_review_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``review`` on the CLI's sub-command parser (whose parsers add a
    command's ``arguments`` when that command runs)."""
    commands.add_parser(
        "review",
        help="Review .claude/doc/<feature>/backend.md against the code and the layer rules.",
        description="archbook review [PATH] --feature NAME — reads a plan people or agents "
        "wrote and reports what does not fit the repository; exit 1 when it has errors.",
        arguments=_review_arguments,
    )


def _review_arguments(review: argparse.ArgumentParser) -> None:
    add_path(review, "repository root (where .claude is; default: the current folder)")
    review.add_argument("--feature", required=True, help="feature name, e.g. password_reset")
    review.add_argument("--json", action="store_true", help="print the review as JSON")
    add_scan_options(review)
    review.set_defaults(handler="reviewing.run_review")


def review_to_dict(reviewed: PlanReview) -> dict[str, object]:
    """The documented JSON form of a review: the files read, the findings, the edges."""
    plan = reviewed.plan
    return {
        "plan": plan.path,
        "title": plan.title,
        "files": [
            {
                "path": f.path,
                "action": f.action,
                "action_from": f.action_from,
                "exists": f.exists,
                "line": f.line,
                "written": f.written,
                "layer": reviewed.layer_of(f.path),
                "code_blocks": [b.line for b in f.blocks],
            }
            for f in plan.files
        ],
        "commands": [dataclasses.asdict(c) for c in plan.commands],
        "dependencies": [dataclasses.asdict(d) for d in plan.dependencies],
        "findings": [dataclasses.asdict(f) for f in reviewed.findings],
        "new_edges": [dataclasses.asdict(e) for e in reviewed.edges],
        "errors": len(reviewed.errors),
        "warnings": len(reviewed.warnings),
    }


def review_text(reviewed: PlanReview) -> str:
    """The review as plain text: the files, then one line per finding."""
    plan = reviewed.plan
    lines = [f"{plan.path}: {plan.title}", f"files ({len(plan.files)}):"]
    for f in plan.files:
        layer = reviewed.layer_of(f.path)
        lines.append(
            f"  {f.action:<6} {f.path}"
            + (f" [{layer}]" if layer else "")
            + f"  (line {f.line}; action from the {f.action_from})"
        )
    if plan.dependencies:
        lines.append("installs: " + ", ".join(d.name for d in plan.dependencies))
    lines.append(f"findings: {len(reviewed.errors)} error(s), {len(reviewed.warnings)} warning(s)")
    lines += [f"  line {f.line}: {f.level} {f.rule}: {f.message}" for f in reviewed.findings]
    return "\n".join(lines)


def comparison_text(compared: PlanComparison) -> str:
    """Two plans of one feature side by side, as plain text."""
    lines = [f"side by side: {compared.left} and {compared.right}"]
    lines += [f"  both        {p}" for p in compared.both]
    lines += [f"  only there  {p}" for p in compared.only_left]
    lines += [f"  only draft  {p}" for p in compared.only_right]
    lines.append(
        f"  layers: there {', '.join(compared.left_layers) or 'none'}; "
        f"draft {', '.join(compared.right_layers) or 'none'}"
    )
    return "\n".join(lines)


def run_review(args: argparse.Namespace) -> int:
    from archbook import api  # imported when the command runs, not when the CLI parses

    known = api.knowledge(args.path, strict=args.strict, cache=not args.no_cache, jobs=args.jobs)
    reviewed = api.review(args.path, args.feature, known=known)
    if reviewed is None:
        raise ArchbookError(
            f".claude/doc/{args.feature}/backend.md does not exist; archbook features lists "
            "the features, archbook plan --feature NAME writes a plan"
        )
    if args.json:
        import json  # the parser imports this module for every command

        json.dump(review_to_dict(reviewed), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(review_text(reviewed))
    return EXIT_PLAN_ERRORS if reviewed.errors else EXIT_OK
