"""The scope step and the plans drafted from it, per kind of change, on a fixture
backend kept in a ``backend/`` sub-folder with one file per use case
(``tests/assets/use_case_files``); the empty-draft failure; sketches that parse."""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archbook import api
from archbook.application.planning.session import EmptyPlanError, PlanningSession
from archbook.domain.plan import CREATE, DELETE, MODIFY, FileChange, Plan

ASSETS = Path(__file__).resolve().parents[1] / "assets"
B = "backend/src"


def repo_with(tmp_path: Path, feature: str, text: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ASSETS / "use_case_files", root, ignore=shutil.ignore_patterns("__pycache__"))
    sessions = root / ".claude" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / f"context_session_{feature}.md").write_text(text, encoding="utf-8")
    return root


def drafted(root: Path, feature: str) -> tuple[PlanningSession, Plan]:
    session = api.plan_session(str(root), feature)
    session.validate()
    assert session.plan is not None
    return session, session.plan


def planned(plan: Plan) -> dict[str, str]:
    return {c.path: c.action for c in plan.changes}


def assert_sound(root: Path, plan: Plan) -> None:
    """Valid; modifies only files that exist, creates only files that do not; every
    Python sketch parses."""
    assert plan.valid, plan.validation
    for change in plan.changes:
        assert (root / change.path).exists() == (change.action != CREATE), change.path
        if change.path.endswith(".py") and change.code_sketch:
            ast.parse(change.code_sketch)
    # the Tests section lists every test file the table changes
    tested = {t.path for t in plan.tests}
    assert {c.path for c in plan.changes if c.layer == "tests" and c.path.endswith(".py")} - {
        c.path for c in plan.changes if c.path.endswith("conftest.py")
    } <= tested


DATA_MODEL = """# Context Session: Booking season

## 1. User Request

El equipo necesita guardar la temporada de cada reserva (un campo `season`).

---

## 2. Analysis

**Location:** `/backend/src/domain/entities/booking.py`

⚠️ No `season` field exists in `BookingResponseDTO` either.
"""


def test_a_data_model_change_follows_the_resource_across_layers(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "booking_season", DATA_MODEL)
    session, plan = drafted(root, "booking_season")
    scope = session.scope_result
    assert scope is not None
    assert "data_model" in scope.kinds and scope.language == "other"
    assert scope.resources[0] == "booking"
    assert f"{B}/domain/entities/booking.py" in scope.touched  # the leading slash is gone
    changes = planned(plan)
    for path in (
        "domain/entities/booking.py",
        "application/ports/booking_repository.py",
        "infrastructure/adapters/repositories/mongodb_booking_repository.py",
        "infrastructure/web/dto/booking_dto.py",
        "infrastructure/web/routers/bookings.py",
    ):
        assert changes.get(f"{B}/{path}") == MODIFY, path
    assert not any("room" in p for p in changes)  # the other resource is left alone
    assert_sound(root, plan)


NEW_ENDPOINT = """## Why

A guest cannot cancel a booking.

## What Changes

- `POST /api/bookings/{booking_id}/cancel` marks the booking cancelled (`200`).
"""


def test_a_new_endpoint_goes_in_the_resource_router_with_its_real_variable(
    tmp_path: Path,
) -> None:
    root = repo_with(tmp_path, "cancel_booking", NEW_ENDPOINT)
    session, plan = drafted(root, "cancel_booking")
    assert session.scope_result and "new_endpoint" in session.scope_result.kinds
    router = next(
        c for c in plan.changes if c.path == f"{B}/infrastructure/web/routers/bookings.py"
    )
    assert router.action == MODIFY
    assert "@booking_router.post(" in router.code_sketch
    assert "{" not in router.code_sketch.split("def ", 1)[1].split("(")[0]  # handler name
    assert_sound(root, plan)


NEW_RESOURCE = """# Rooms: invoices

## Requirements Summary
- **Invoices**: every confirmed booking gets an invoice guests can download.
"""


@pytest.mark.parametrize(
    "metrics",
    [
        "",
        # a label that is a phrase names nothing, in any language
        "\n## Success metrics\n- **Rotation without duplicates**: each proxy used once.\n"
        "- **Rotation sans doublons**: chaque proxy une fois.\n",
    ],
)
def test_a_new_resource_is_laid_out_like_its_closest_existing_one(
    tmp_path: Path, metrics: str
) -> None:
    root = repo_with(tmp_path, "booking_invoices", NEW_RESOURCE + metrics)
    session, plan = drafted(root, "booking_invoices")
    assert session.scope_result and "invoice" in session.scope_result.new_resources
    assert session.scope_result.new_resources == ("invoice",)
    changes = planned(plan)
    for path in (
        "domain/entities/invoice.py",
        "application/ports/invoice_repository.py",
        "infrastructure/adapters/repositories/mongodb_invoice_repository.py",
        "infrastructure/web/dto/invoice_dto.py",
        "infrastructure/web/routers/invoices.py",
        "application/use_cases/invoice/__init__.py",
        "application/use_cases/invoice/get_all_invoices_use_case.py",
        "application/use_cases/invoice/create_invoice_use_case.py",
    ):
        assert changes.get(f"{B}/{path}") == CREATE, path
    # wiring: the app factory, the DI module and the packages that re-export
    for path in ("app.py", "infrastructure/web/dependencies.py", "application/ports/__init__.py"):
        assert changes.get(f"{B}/{path}") == MODIFY, path
    assert f"{B}/application/use_cases/booking/__init__.py" not in changes  # exports nothing
    assert_sound(root, plan)


INTEGRATION = """## Why

Guests get no confirmation. Send an e-mail through SMTP when a booking is created.

## What Changes

- Settings `SMTP_HOST` and `SMTP_SENDER`.
"""


def test_an_external_system_brings_a_port_an_adapter_settings_and_a_package(
    tmp_path: Path,
) -> None:
    root = repo_with(tmp_path, "booking_email", INTEGRATION)
    session, plan = drafted(root, "booking_email")
    scope = session.scope_result
    assert scope and "integration" in scope.kinds and "email" in scope.externals
    assert "aiosmtplib" in scope.packages
    changes = planned(plan)
    assert changes[f"{B}/application/ports/email_service.py"] == CREATE
    assert changes[f"{B}/infrastructure/adapters/services/email_service.py"] == CREATE
    assert changes[f"{B}/config/settings.py"] == MODIFY
    assert changes["backend/.env.example"] == MODIFY
    assert changes["backend/pyproject.toml"] == MODIFY
    assert any(d.name == "aiosmtplib" and "poetry add" in d.command for d in plan.dependencies)
    # the sections speak of this feature's external system, not boilerplate
    assert any(s.startswith("email: credentials") for s in plan.security)
    assert any("email: call it with a timeout" in s for s in plan.performance)
    assert_sound(root, plan)


FALLBACK = """## Why

One model provider down stops every booking summary. Configure several providers.

## What Changes

- An OpenAI provider and an Anthropic provider, each with its own key and priority.
- The service falls back to the next provider when one fails.
"""


def test_vendors_that_stand_in_for_one_another_share_one_port(tmp_path: Path) -> None:
    """Two model vendors behind a fallback are two adapters of one port, named with the
    session's word for them, not two ports."""
    root = repo_with(tmp_path, "llm_fallback", FALLBACK)
    session, plan = drafted(root, "llm_fallback")
    assert session.scope_result and {"openai", "anthropic"} <= set(session.scope_result.externals)
    changes = planned(plan)
    assert changes[f"{B}/application/ports/llm_provider.py"] == CREATE
    for vendor in ("openai", "anthropic"):
        assert changes[f"{B}/infrastructure/adapters/services/{vendor}_provider.py"] == CREATE
        assert f"{B}/application/ports/{vendor}_service.py" not in changes
    assert_sound(root, plan)


def test_vendors_behind_a_port_the_session_names_get_no_port_of_their_own(
    tmp_path: Path,
) -> None:
    named = (
        FALLBACK + "- A new `ModelGateway` port; the OpenAI and Anthropic adapters implement it.\n"
    )
    root = repo_with(tmp_path, "llm_fallback", named)
    _, plan = drafted(root, "llm_fallback")
    changes = planned(plan)
    assert not any(path.endswith(("llm_provider.py", "llm_gateway.py")) for path in changes)
    assert_sound(root, plan)


VECTOR_SEARCH = """## Why

Booking answers need the house rules. Search them with a vector store.

## What Changes

- Add Qdrant integration: embed the house rules and search them by similarity.
- Two vector stores, Qdrant and ChromaDB, behind one port; settings choose one.
"""


def test_vector_stores_are_external_systems_of_one_kind(tmp_path: Path) -> None:
    """Vector stores are systems like any vendor: their packages are added, and two of
    them are adapters of one port."""
    root = repo_with(tmp_path, "rules_search", VECTOR_SEARCH)
    session, plan = drafted(root, "rules_search")
    scope = session.scope_result
    assert scope and {"qdrant", "chromadb"} <= set(scope.externals)
    assert {"qdrant-client", "chromadb"} <= set(scope.packages)
    changes = planned(plan)
    assert changes[f"{B}/application/ports/vector_store_service.py"] == CREATE
    for vendor in ("qdrant", "chromadb"):
        assert changes[f"{B}/infrastructure/adapters/services/{vendor}_service.py"] == CREATE
    assert changes["backend/pyproject.toml"] == MODIFY
    assert_sound(root, plan)


def test_a_corrected_scope_is_what_the_draft_follows(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "booking_season", DATA_MODEL)
    session = api.plan_session(str(root), "booking_season")
    session.scope()
    session.correct_scope(resources=["room"])
    session.draft()
    assert session.plan is not None
    changes = planned(session.plan)
    assert changes.get(f"{B}/domain/entities/room.py") == MODIFY
    # what the session names stays; the guessed slice is the corrected resource's
    assert f"{B}/infrastructure/adapters/repositories/mongodb_booking_repository.py" not in changes


NOTHING = """# Something

It would be nice to make things better for everyone.
"""


def test_an_empty_draft_fails_and_says_what_it_could_not_find(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "vague", NOTHING)
    session = api.plan_session(str(root), "vague")
    with pytest.raises(EmptyPlanError, match="names no file to change"):
        session.draft()
    assert session.plan is None


def plan_command(root: Path, feature: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """``archbook plan ROOT --feature FEATURE ...`` in a real subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "archbook.cli", "plan", str(root), "--feature", feature, *extra],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_cli_exits_2_on_an_empty_draft_and_writes_nothing(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "vague", NOTHING)
    done = plan_command(root, "vague")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "could not" in done.stderr or "names no file" in done.stderr
    assert not (root / ".claude" / "doc").exists()


def test_the_cli_prints_the_scope_and_puts_it_in_json(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "booking_season", DATA_MODEL)
    done = plan_command(root, "booking_season")
    assert done.returncode == 0, done.stderr
    assert "[scope]" in done.stdout and "existing resources: booking" in done.stdout
    as_json = plan_command(root, "booking_season", "--json", "--force")
    assert as_json.returncode == 0, as_json.stderr
    scope = json.loads(as_json.stdout)["scope"]
    assert scope["resources"][0] == "booking" and "data_model" in scope["kinds"]


def test_validation_rejects_a_sketch_that_does_not_parse(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "booking_season", DATA_MODEL)
    session, plan = drafted(root, "booking_season")
    broken = FileChange(
        f"{B}/domain/entities/booking.py",
        MODIFY,
        "domain",
        "add the field",
        (),
        "def __init__(self, ...) -> None:\n    ...",
    )
    session.plan = dataclasses.replace(plan, changes=(broken,))
    findings = session.validate().data
    assert [f.rule for f in findings if f.level == "error"] == ["sketch-syntax"]


REFACTOR = """# Rooms: one repository module

## Overview
Refactor the persistence: fold the room adapter into the booking one.

- Remove `backend/src/infrastructure/adapters/repositories/mongodb_room_repository.py`.
- `MongoDBBookingRepository` also stores rooms.
"""


def test_a_refactor_names_the_files_it_deletes(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "fold_rooms", REFACTOR)
    session, plan = drafted(root, "fold_rooms")
    scope = session.scope_result
    assert scope and "refactor" in scope.kinds
    gone = f"{B}/infrastructure/adapters/repositories/mongodb_room_repository.py"
    assert scope.deleted == (gone,) and gone not in scope.touched
    changes = planned(plan)
    assert changes[gone] == DELETE
    assert plan.summary.endswith(
        f"; {list(changes.values()).count(CREATE)} files to create, "
        f"{list(changes.values()).count(MODIFY)} to modify and 1 to delete across "
        + ", ".join(sorted({c.layer for c in plan.changes if c.layer}))
        + "."
    )
    assert (
        changes[f"{B}/infrastructure/adapters/repositories/mongodb_booking_repository.py"] == MODIFY
    )
    assert_sound(root, plan)


# the "Why" paragraph is one line, as sessions write it
MENTIONS = (
    "## Why\n\n"
    "`backend/src/app.py:12` mounts the bookings router but no health route, so deploys "
    "send traffic before the database is up and a pod never drops out of rotation.\n\n"
    "## What Changes\n\n"
    "- Remove the unused `legacy_flag` from `backend/src/config/settings.py`.\n"
    "- `backend/src/infrastructure/adapters/repositories/mongodb_room_repository.py` is\n"
    "  removed: `MongoDBBookingRepository` stores rooms too.\n"
    "- Eliminar el archivo `backend/src/application/ports/room_repository.py`.\n"
    "- The health route lists bookings through the existing `GetAllBookingsUseCase`.\n"
)


def test_a_file_is_deleted_only_where_the_session_says_it_goes(tmp_path: Path) -> None:
    """A removal word elsewhere in the paragraph naming a file ("drops out of
    rotation"), or removing something *from* a file, leaves the file to be modified;
    a file that is the object of the removal, in any of its phrasings, is deleted."""
    root = repo_with(tmp_path, "health", MENTIONS)
    session, plan = drafted(root, "health")
    scope = session.scope_result
    assert scope is not None
    assert f"{B}/app.py" in scope.touched
    assert f"{B}/config/settings.py" in scope.touched
    assert set(scope.deleted) == {
        f"{B}/infrastructure/adapters/repositories/mongodb_room_repository.py",
        f"{B}/application/ports/room_repository.py",
    }
    changes = planned(plan)
    assert changes[f"{B}/app.py"] == MODIFY
    assert changes[f"{B}/config/settings.py"] == MODIFY
    assert changes[f"{B}/application/ports/room_repository.py"] == DELETE
    assert_sound(root, plan)


def test_a_file_the_session_names_carries_the_sessions_words_about_it(tmp_path: Path) -> None:
    """What goes in a file the session names is what the session says of it; a class
    used as it is ("with the existing `X`") leaves its file alone."""
    root = repo_with(tmp_path, "health", MENTIONS)
    _, plan = drafted(root, "health")
    by_path = {c.path: c for c in plan.changes}
    assert (
        "`backend/src/app.py:12` mounts the bookings router but no health route, so "
        in (by_path[f"{B}/app.py"].details[0])
    )
    assert by_path[f"{B}/config/settings.py"].details[0] == (
        "Remove the unused `legacy_flag` from `backend/src/config/settings.py`."
    )
    assert by_path[f"{B}/application/ports/room_repository.py"].details == (
        "Eliminar el archivo `backend/src/application/ports/room_repository.py`.",
    )
    assert f"{B}/application/use_cases/booking/get_all_bookings_use_case.py" not in by_path


RENDERED = """# Booking receipt PDF

## What Changes

- Generate a PDF receipt for each booking with `reportlab`, downloadable from
  `GET /bookings/{booking_id}/receipt`.
"""


def test_a_file_the_feature_renders_itself_is_no_remote_system(tmp_path: Path) -> None:
    """A PDF the feature renders in process gets a port named after the feature, and
    the sections speak of rendering (CPU-bound, personal data), not of a remote
    system's credentials and timeouts."""
    root = repo_with(tmp_path, "booking_pdf", RENDERED)
    session, plan = drafted(root, "booking_pdf")
    scope = session.scope_result
    assert scope and "pdf" in scope.externals
    changes = planned(plan)
    assert changes[f"{B}/application/ports/booking_pdf_service.py"] == CREATE
    assert not any(s.startswith("pdf:") for s in (*plan.security, *plan.performance))
    assert any(s.startswith("Rendering the pdf is CPU-bound") for s in plan.performance)
    assert any(s.startswith("Each pdf may hold personal data") for s in plan.security)
    assert_sound(root, plan)


NOT_RESOURCES = """# Bookings: persistence records

## What Changes

- **Booking Access**: only the guest who made a booking may read it.
- **Booking types**: single, double and suite.
- **Credentials**: production and test environments of the payment gateway.
- The ORM maps `BookingRecord` and `RoomRecord` dataclasses instead of the entities;
  a converter turns each `Record` into its entity.
"""


def test_a_role_of_an_existing_resource_or_a_singular_label_is_no_new_resource(
    tmp_path: Path,
) -> None:
    """``BookingRecord`` stores a booking, which exists; "**Booking Access**:" is no
    plural, "**Booking types**:" describes bookings and "**Credentials**:" are
    settings: none lays out a new resource's slice of files."""
    root = repo_with(tmp_path, "booking_records", NOT_RESOURCES)
    session, plan = drafted(root, "booking_records")
    scope = session.scope_result
    assert scope is not None and scope.new_resources == ()
    created = [c.path for c in plan.changes if c.action == CREATE]
    assert not [p for p in created if "/entities/" in p or "/routers/" in p or "/dto/" in p]
    assert_sound(root, plan)


FULL_STACK = """# Bookings: a note per booking

## What Changes

- `backend/src/domain/entities/booking.py` gets a `note: str` field.
- `frontend/src/components/BookingForm.tsx` shows the note; `frontend/src/api/bookings.ts`
  sends it.
"""


def test_frontend_files_the_session_names_stay_out_of_the_backend_plan(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "booking_note", FULL_STACK)
    session, plan = drafted(root, "booking_note")
    scope = session.scope_result
    assert scope is not None
    assert scope.outside == (
        "frontend/src/components/BookingForm.tsx",
        "frontend/src/api/bookings.ts",
    )
    assert f"{B}/domain/entities/booking.py" in scope.touched
    assert not [c.path for c in plan.changes if c.path.startswith("frontend/")]
    assert any("`frontend/src/components/BookingForm.tsx`" in note for note in plan.notes)
    assert_sound(root, plan)


CHANGED_USE_CASE = """# Bookings: reject overlapping bookings

## What Changes

- `backend/src/application/use_cases/booking/create_booking_use_case.py` rejects a
  booking that overlaps another of the same room.
"""


def test_the_tests_of_changed_code_are_in_the_tests_section(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "no_overlap", CHANGED_USE_CASE)
    _, plan = drafted(root, "no_overlap")
    test = "backend/tests/use_cases/test_create_booking.py"
    assert planned(plan)[test] == MODIFY
    assert [(t.kind, t.covers) for t in plan.tests if t.path == test] == [
        ("existing", ("exercises code the feature changes",))
    ]
    assert_sound(root, plan)


def test_the_approach_speaks_of_the_parts_of_the_hexagon_the_plan_touches(
    tmp_path: Path,
) -> None:
    root = repo_with(tmp_path, "no_overlap", CHANGED_USE_CASE)
    _, plan = drafted(root, "no_overlap")
    assert "HTTP" not in plan.approach and "routes receive" not in " ".join(plan.rationale)
    assert plan.approach.startswith(
        "Follow the repository's hexagon: the use cases in an application service"
    )
    sample = api.sample_path()
    copy = tmp_path / "sample"
    shutil.copytree(sample, copy, ignore=shutil.ignore_patterns("__pycache__"))
    _, full = drafted(copy, "password_reset")
    assert full.approach == (
        "Follow the repository's hexagon: HTTP parsing in the routes, the use cases in an "
        "application service that depends only on ports, one adapter per technology plus an "
        "in-memory one for tests, and the wiring in the container. New files copy the "
        "folders, names and idioms of the closest existing feature."
    )


def test_a_package_goes_to_the_manifest_of_the_code_the_feature_changes(tmp_path: Path) -> None:
    """Another project of the repository (a worker with its own ``pyproject.toml``,
    its own source root) keeps its manifest: the backend's gets the package."""
    root = repo_with(tmp_path, "booking_email", INTEGRATION)
    worker = root / "tools" / "zz_worker"
    worker.mkdir(parents=True)
    (worker / "pyproject.toml").write_text('[project]\nname = "worker"\nversion = "1"\n')
    (worker / "jobs.py").write_text("def run() -> None:\n    pass\n")
    (worker / "main.py").write_text("import jobs\n\njobs.run()\n")
    session, plan = drafted(root, "booking_email")
    assert "tools/zz_worker" in session.known.analysis.scan.source_roots
    changes = planned(plan)
    assert changes["backend/pyproject.toml"] == MODIFY
    assert "tools/zz_worker/pyproject.toml" not in changes


FRENCH_SPEC = """# Spécification : bouton d'inscription sur liste d'attente (waitlist)

**Input**: « Quand une chambre est complète, le client peut s'inscrire sur la
waitlist ; l'équipe voit la waitlist dans le panneau d'administration. »

## Exigences

- **FR-001** : le système DOIT enregistrer chaque inscription sur la waitlist avec
  le nom et l'adresse du client.
- **FR-002** : le panneau DOIT lister la waitlist, triée par date.

### Entités clés

- **Inscription** : une demande unique, avec son statut (nouvelle, traitée).
"""


def test_a_session_naming_nothing_the_code_uses_gets_the_resource_its_feature_names(
    tmp_path: Path,
) -> None:
    """A session in another language names no file, class or route of the code and
    its entity in its own words: the feature's name gives the resource (a word the
    session borrows), laid out like the others, rather than no plan."""
    root = repo_with(tmp_path, "waitlist-signup-button", FRENCH_SPEC)
    session = api.plan_session(str(root), "waitlist-signup-button")
    assert session.scope().data.new_resources == ()  # nothing before the draft
    result = session.draft()
    assert "from the feature's name" in "\n".join(result.details)
    assert session.scope_result is not None
    assert session.scope_result.new_resources == ("waitlist",)
    session.validate()
    assert session.plan is not None
    changes = planned(session.plan)
    created = [path for path, action in changes.items() if action == CREATE]
    assert created and all("waitlist" in path for path in created), created
    assert f"{B}/infrastructure/web/routers/waitlists.py" in created
    assert not any("signup" in path or "button" in path for path in changes)
    assert_sound(root, session.plan)


def test_a_feature_name_the_session_never_uses_still_gives_no_plan(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "queue-entry-button", FRENCH_SPEC)
    session = api.plan_session(str(root), "queue-entry-button")
    with pytest.raises(EmptyPlanError, match="names no file to change"):
        session.draft()


RECORD_SPEC = """# Discounts at checkout

Guests can enter a code at checkout to get a discount on a booking.

## API

- `GET /api/bookings/{booking_id}/discount` shows the discount applied.

## Coupon Data Structure

### Coupon Record
```json
{"code": "SPRING", "percent": 10, "valid_until": "2026-06-01"}
```

### Request Record
The code the guest typed.
"""


def test_a_heading_setting_out_a_record_names_a_new_resource(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "checkout-discounts", RECORD_SPEC)
    session, plan = drafted(root, "checkout-discounts")
    scope = session.scope_result
    assert scope is not None
    assert "coupon" in scope.new_resources and "request" not in scope.new_resources
    changes = planned(plan)
    assert changes.get(f"{B}/domain/entities/coupon.py") == CREATE
    assert changes.get(f"{B}/application/ports/coupon_repository.py") == CREATE
    assert_sound(root, plan)


CLIENT_CODE = """# Booking notes

Guests can add a note to a booking.

## API

- `PATCH /api/bookings/{booking_id}/note` stores the note.

## Client state

```typescript
interface BookingNoteForm {
  note: string;
  validation: NoteValidationState;
}
```

```python
class BookingNoteRequest(BaseModel):
    note: str
```
"""


def test_code_in_the_client_s_language_names_no_backend_code(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "booking-notes", CLIENT_CODE)
    session = api.plan_session(str(root), "booking-notes")
    context = session.read_context().data
    assert "BookingNoteForm" not in context.code_names
    assert "NoteValidationState" not in context.identifiers
    assert "BookingNoteRequest" in context.code_names  # Python still names code
    session.validate()
    assert session.plan is not None
    changes = planned(session.plan)
    assert not any("note_form" in path or "validation_state" in path for path in changes)


LIBRARIES_IN_USE = """# Rules search

Answers quote the house rules. The rules index already built on Qdrant gains a
filter by room; the archive of old rules stays on pgvector as before.

- Search the rules with the room as a filter.
"""


def test_a_library_the_code_imports_is_no_new_system_a_pinned_one_still_is(
    tmp_path: Path,
) -> None:
    """A session naming what the code already builds on (``qdrant_client`` imported by
    a module named otherwise) plans no new port or adapter for it; a package the
    project pins but nothing imports yet (``pgvector``) is still the feature's to
    start using."""
    root = repo_with(tmp_path, "rules_filter", LIBRARIES_IN_USE)
    index = root / B / "infrastructure" / "adapters" / "repositories" / "rules_index.py"
    index.write_text(
        "from qdrant_client import QdrantClient\n\n\nclass RulesIndex:\n"
        "    def __init__(self, client: QdrantClient) -> None:\n        self.client = client\n"
    )
    manifest = root / "backend" / "pyproject.toml"
    pinned = manifest.read_text().replace('motor = "^3.3"', 'motor = "^3.3"\npgvector = "^0.3"')
    manifest.write_text(pinned)
    session = api.plan_session(str(root), "rules_filter")
    scope = session.scope().data
    assert scope.externals == ("pgvector",)


COMPOUND_SPEC = """# Spécification : bons cadeaux (gift voucher)

**Input** : « Un client offre un séjour : il achète un voucher qu'un autre client
utilise à la réservation ; l'équipe voit les vouchers vendus. »

## Exigences

- **FR-001** : le système DOIT enregistrer chaque voucher vendu avec son montant.
- **FR-002** : le panneau DOIT lister les vouchers, triés par date.
"""


def test_two_words_of_the_feature_s_name_the_title_writes_together_name_one_resource(
    tmp_path: Path,
) -> None:
    """``gift-voucher`` with "(gift voucher)" in the title is a ``gift_voucher``, not a
    ``voucher``: the whole name is the thing the session designs."""
    root = repo_with(tmp_path, "gift-voucher", COMPOUND_SPEC)
    session = api.plan_session(str(root), "gift-voucher")
    session.draft()
    assert session.scope_result is not None
    assert session.scope_result.new_resources == ("gift_voucher",)
    session.validate()
    assert session.plan is not None
    created = [c.path for c in session.plan.changes if c.action == CREATE]
    assert created and all("gift_voucher" in path for path in created), created
    assert_sound(root, session.plan)
