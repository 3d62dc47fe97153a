"""The planning commands of the CLI: ``archbook features`` and ``archbook plan``.

The parser is built for every command, so the facade and the planning use cases are
imported inside the handlers, when a planning command really runs."""

from __future__ import annotations

import argparse
import sys

from archbook.cli.options import EXIT_OK, add_debug, add_path, add_scan_options
from archbook.cli.terminal import printable
from archbook.exceptions import ArchbookError


class _StreamedLine:
    """Whether model text streamed to stderr left its line open, so an error message
    printed next starts on a line of its own."""

    open = False


def end_streamed_line() -> None:
    """End the line streamed text left open (before an error message)."""
    if _StreamedLine.open:
        print(file=sys.stderr, flush=True)
        _StreamedLine.open = False


def add_planning_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``features`` and ``plan`` on the CLI's sub-command parser (whose parsers
    add a command's ``arguments`` when that command runs)."""
    commands.add_parser(
        "features",
        help="Features of a repository (its .claude/sessions context sessions).",
        description="archbook features [PATH]",
        arguments=_features_arguments,
    )
    commands.add_parser(
        "plan",
        help="Write .claude/doc/<feature>/backend.md for a feature.",
        description="archbook plan [PATH] --feature NAME — reads the feature's context "
        "session, surveys the code, drafts, validates and writes the plan.",
        arguments=_plan_arguments,
    )


def _features_arguments(features: argparse.ArgumentParser) -> None:
    add_path(features)
    add_debug(features)  # it reads the sessions folder only: no scan to tune
    features.set_defaults(handler="planning.features")


def _plan_arguments(plan: argparse.ArgumentParser) -> None:
    add_path(plan, "repository root (where .claude is; default: the current folder)")
    plan.add_argument("--feature", required=True, help="feature name, e.g. password_reset")
    plan.add_argument("--describe", help="create the context session from this description")
    plan.add_argument("--title", help="title of a context session created with --describe")
    plan.add_argument("--planner", choices=("offline", "anthropic", "replay"), default="offline")
    plan.add_argument("--agent", help="agent file, e.g. .claude/agents/backend-architect.md")
    plan.add_argument("--transcript", help="transcript to replay (--planner replay)")
    plan.add_argument("--record", help="record the model's run to this transcript file")
    plan.add_argument("--force", action="store_true", help="replace a plan edited by hand")
    plan.add_argument("--json", action="store_true", help="print the structured plan as JSON")
    add_scan_options(plan)
    plan.set_defaults(handler="planning.plan")


def features(args: argparse.Namespace) -> int:
    from archbook import api

    names = api.features(args.path)
    for name in names:
        print(name)
    if not names:
        print(
            "no features: add .claude/sessions/context_session_<feature>.md, or run "
            "archbook plan --feature NAME --describe TEXT",
            file=sys.stderr,
        )
    return EXIT_OK


def plan(args: argparse.Namespace) -> int:
    import json

    from archbook import api
    from archbook.application.planning.plan_markdown import final_message
    from archbook.application.planning.plan_schema import plan_to_dict
    from archbook.cli.reviewing import comparison_text

    streaming = not args.json and args.planner != "offline"

    def on_text(text: str) -> None:
        if streaming and text:
            print(printable(text), end="", file=sys.stderr, flush=True)
            _StreamedLine.open = not text.endswith("\n")

    session = api.plan_session(
        args.path,
        args.feature,
        planner=args.planner,
        agent=args.agent,
        title=args.title,
        describe=args.describe,
        transcript=args.transcript,
        record=args.record,
        on_text=on_text,
        strict=args.strict,
        cache=not args.no_cache,
        jobs=args.jobs,
    )
    if args.planner != "offline" and not args.force and session.is_hand_edited():
        # Before a model runs: a paid-for draft must not be thrown away afterwards (the
        # offline draft costs nothing and is shown beside the plan already there).
        raise ArchbookError(
            f".claude/doc/{session.feature}/backend.md was edited by hand since archbook "
            "wrote it; it was kept as it is and the model was not asked (use --force to "
            "replace it, the edited version is then kept under history/; the offline "
            "planner shows its draft beside it)"
        )
    if args.path is None and not args.json:
        print(f"planning on a copy of the bundled sample: {session.root}")
    steps = [session.read_context, session.survey, session.scope, session.draft, session.validate]
    for step in steps:
        result = step()
        if not args.json:
            print(result)
    if not args.json and session.plan and api.plan_is_foreign(session.root, args.feature):
        existing = api.review(session.root, args.feature, known=session.known)
        if existing is not None:
            print(comparison_text(api.compare(existing, session.plan)))
    written = session.write(force=args.force)
    if session.created_context and not args.json:
        print(f"created {session.context_path} (it did not exist)")
    assert session.plan is not None
    if args.json:
        document = plan_to_dict(session.plan)
        document["scope"] = session.scope_result.as_dict() if session.scope_result else None
        document["written_to"] = written.data.path if written.data else None
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    print(f"[write] {written.summary}")
    if written.data and written.data.previous:
        print(f"  previous version kept at {written.data.previous}")
    print(final_message(session.plan))
    return EXIT_OK
