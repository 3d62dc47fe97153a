"""Sessions written as a tracker's stories: a title led by its label and number
("Story 20.1:"), a metadata block under it (``document_type``, ``authors``), template
headings. Neither the label nor the metadata names what the feature is about."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_session

from archbook.application.planning.context_session import parse_context
from archbook.application.planning.naming import plural, singular
from archbook.application.planning.session_text import without_front_matter


def _slice(name: str) -> dict[str, str]:
    kind = name.capitalize()
    return {
        f"app/models/{name}.py": f"class {kind}:\n    id: int\n",
        f"app/services/{name}_service.py": (
            f"from app.models.{name} import {kind}\n\n\n"
            f"class {kind}Service:\n    def get(self, key: int) -> {kind}:\n"
            f"        return {kind}()\n"
        ),
        f"app/api/{name}s.py": (
            "from fastapi import APIRouter\n\n"
            f"from app.services.{name}_service import {kind}Service\n\n"
            "router = APIRouter()\n\n\n"
            f'@router.get("/{name}s/{{key}}")\ndef get_{name}(key: int) -> dict:\n'
            f"    return {{'found': bool({kind}Service().get(key))}}\n"
        ),
    }


TREE = {
    "app/__init__.py": "",
    "app/models/__init__.py": "",
    "app/services/__init__.py": "",
    "app/api/__init__.py": "",
    **_slice("agent"),
    **_slice("story"),
    **_slice("invoice"),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api import agents, invoices, storys\n\n"
        "app = FastAPI()\n"
        "for module in (agents, invoices, storys):\n    app.include_router(module.router)\n"
    ),
}

STORY = """# Story 20.1: Invoice export

---
document_type: "Story"
status: "draft"
authors:
  - name: "SM Agent"
    role: "Scrum Master"
reviewers:
  - name: "PO Agent"
    approved: false
---

## Status

- [x] Draft

## Story

As an accountant I want to download an invoice as CSV so that I can book it.

## Acceptance Criteria

- GET /invoices/{key}/export returns the invoice as CSV.
"""


def test_a_story_label_and_its_metadata_name_no_resource(tmp_path: Path) -> None:
    context = parse_context("invoice-export", "s.md", STORY)
    assert context.subject == "Invoice export" and context.title.startswith("Story 20.1")
    assert "Agent" not in context.text and "document_type" not in context.text
    assert context.text.count("\n") == STORY.count("\n")  # lines keep their numbers
    planning, changes = planned_session(tmp_path, TREE, STORY, "invoice-export")
    scope = planning.scope_result
    assert scope is not None and scope.about() == ("invoice",)
    assert "agent" not in scope.resources
    assert "app/services/invoice_service.py" in changes
    assert not any("agent" in path or "story" in path for path in changes), sorted(changes)


def test_only_a_leading_block_of_keys_is_metadata() -> None:
    ruled = "# Title\n\n---\n\nThe export runs nightly: invoices only.\n---\n"
    assert without_front_matter(ruled) == ruled
    assert without_front_matter("---\ntitle: x\ntags:\n  - a\n---\n# T\n") == "\n" * 5 + "# T\n"
    assert parse_context("f", "s.md", "# Python 3.12: upgrade\n").subject == "upgrade"
    assert parse_context("f", "s.md", "# Add invoices\n").subject == "Add invoices"


def test_canvas_is_no_plural() -> None:
    assert singular("canvas") == "canvas" and singular("canvases") == "canvas"
    assert plural("canvas") == "canvases" and singular("cross_canvas") == "cross_canvas"
    assert singular("schemas") == "schema" and singular("ideas") == "idea"


DESIGN = """# Design: Invoice export

- **Issue:** #212
- **Author:** Some One
- **Status:** Accepted
- **Tags:** DDD, decoupling
- **Reviewed?:** no

---

## Goals

- GET /invoices/{key}/export returns the invoice as CSV.
"""


def test_a_design_doc_s_labelled_metadata_list_is_no_goal(tmp_path: Path) -> None:
    # its labels would read as a question ("Reviewed?") and a refactor ("DDD")
    context = parse_context("invoice-export", "s.md", DESIGN)
    assert "Author" not in context.text and "DDD" not in context.text
    assert context.text.count("\n") == DESIGN.count("\n")
    planning, changes = planned_session(tmp_path, TREE, DESIGN, "invoice-export")
    scope = planning.scope_result
    assert scope is not None and "refactor" not in scope.kinds
    assert planning.plan is not None and "app/services/invoice_service.py" in changes


def test_a_labelled_list_of_the_feature_itself_is_kept() -> None:
    summary = "# Export\n\n- **Endpoint:** GET /x\n- **Format:** CSV\n- **Status:** new\n"
    assert without_front_matter(summary) == summary  # one metadata label only
    two = "# Export\n\n- **Author:** A\n- **Date:** today\n\nText.\n"
    assert without_front_matter(two) == two  # too short for a block
    # spec-kit's labels, a blank line apart: the input that follows is the feature
    spec = (
        "# Spec: Export\n\n**Feature Branch**: `feat/export`\n\n**Created**: today\n\n"
        "**Status**: Draft\n\n**Input**: User description: export invoices as CSV.\n"
    )
    assert without_front_matter(spec) == spec


def test_a_metadata_list_after_a_template_comment_and_around_a_note_is_dropped() -> None:
    text = (
        "# Design: Export\n\n<!--\nFill in every field.\n-->\n\n"
        "- **Issue:** #3\n- **Author:** A\n- **Status:** Accepted\n\n"
        "> **Note:** the goals below drive acceptance.\n"
        "- **Milestone:** 1.2\n- **Reviewed?:** no\n\n---\n\n## Goals\n\n- Export.\n"
    )
    kept = without_front_matter(text)
    assert kept.count("\n") == text.count("\n")
    assert "Reviewed" not in kept and "Note" not in kept and "Issue" not in kept
    assert "<!--" in kept and "## Goals" in kept and "- Export." in kept


HEADED = """# Feature: Invoice export

## Metadata
- **ID**: INV-7
- **Dependencies**: INV-1 (Foundation), INV-3 (Customers)

## Summary
GET /invoices/{key}/export returns the invoice as CSV.
"""


def test_a_list_under_a_metadata_heading_is_metadata_whatever_its_labels(
    tmp_path: Path,
) -> None:
    # "**Dependencies**" would read as a new dependency resource to lay out
    kept = without_front_matter(HEADED)
    assert "Dependencies" not in kept and "INV-1" not in kept
    assert kept.count("\n") == HEADED.count("\n") and "## Summary" in kept
    planning, changes = planned_session(tmp_path, TREE, HEADED, "invoice-export")
    scope = planning.scope_result
    assert scope is not None and "dependency" not in scope.new_resources
    assert not any("dependenc" in path for path in changes)
    # under another heading, two labels are no metadata block
    other = HEADED.replace("## Metadata", "## Context")
    assert without_front_matter(other) == other


PHASE = """# Phase 2 — invoice export — design

- **Date**: 2026-07-28
- **Status**: APPROVED, not yet implemented
- **Scope**: `app/services`, `app/api`,
  plus the export format. No domain change.
- **Closes**: roadmap gap **A3**, the last one
  of this phase.
- **Follows**: P1 (invoices, `0a1b2c3`).

## Problem

GET /invoices/{key}/export returns the invoice as CSV.
"""


def test_a_metadata_list_keeps_the_values_that_say_what_the_feature_is(tmp_path: Path) -> None:
    # "Closes" and "Follows" would read as new resources (closes.py, follows.py)
    kept = without_front_matter(PHASE)
    assert kept.count("\n") == PHASE.count("\n")
    assert "Closes" not in kept and "Follows" not in kept and "of this phase" not in kept
    assert "Status" not in kept and "2026-07-28" not in kept
    assert "- **Scope**: `app/services`" in kept and "plus the export format" in kept
    planning, changes = planned_session(tmp_path, TREE, PHASE, "invoice-export")
    scope = planning.scope_result
    assert scope is not None
    assert not {"close", "follow"} & set(scope.new_resources)
    assert not any("close" in path or "follow" in path for path in changes)
