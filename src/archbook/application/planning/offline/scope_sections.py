"""Security, performance and migration notes that follow from a feature's scope: what
this feature needs (a payment callback's signature, an AI call's timeout and cost, a
purge's index), so the plan's sections say something specific or stay short."""

from __future__ import annotations

from archbook.application.planning.offline.recipe import Recipe
from archbook.application.planning.scoping.scope import Scope
from archbook.domain.project import is_schema_revision

PAYMENT_SYSTEMS = frozenset(("redsys", "stripe", "paypal"))
MODEL_SYSTEMS = frozenset(("openai", "anthropic", "whisper"))
# Frontend files a plan's note lists by name.
FRONTEND_SHOWN = 5
# What a feature renders itself (with a library, in this process), not a system it calls.
PRODUCTS = frozenset(("image", "pdf"))
GENERIC_SECURITY = (
    "Validate every request body with Pydantic models; never log "
    "tokens, passwords or e-mail contents."
)
NEW_FIELDS_NOTE = (
    "New stored fields ({}) arrive in a schema migration of their own: add each column "
    "nullable or with a server default, so existing rows stay valid and the upgrade does "
    "not rewrite the table; backfill in a separate step before making a column required."
)
NEW_TABLES_NOTE = (
    "The revision creates {} empty, with the indexes and foreign keys the feature's "
    "queries need; nothing to backfill, and `downgrade()` drops what it created."
)
GENERIC_PERFORMANCE = (
    "No awaited I/O inside loops on the request path; fetch in one "
    "query and send slow work (e-mail) after the response."
)


def add_scope_sections(recipe: Recipe, scope: Scope) -> None:
    """Put the scope's own notes first; the generic line of a section goes when the
    scope has something specific to say there."""
    security, performance, migration = _notes(scope)
    if security:
        recipe.security[:] = security + [s for s in recipe.security if s != GENERIC_SECURITY]
    if performance:
        recipe.performance[:] = performance + [
            s for s in recipe.performance if s != GENERIC_PERFORMANCE
        ]
    recipe.migration[:] = migration + recipe.migration
    if scope.outside:
        shown = ", ".join(f"`{path}`" for path in scope.outside[:FRONTEND_SHOWN])
        more = len(scope.outside) - FRONTEND_SHOWN
        recipe.notes.append(
            f"The session also names frontend files ({shown}"
            + (f" and {more} more" if more > 0 else "")
            + "): they are outside this backend plan; the API they call is the one above."
        )


def _notes(scope: Scope) -> tuple[list[str], list[str], list[str]]:
    security: list[str] = []
    performance: list[str] = []
    migration: list[str] = []
    for system in scope.externals:
        if system in PRODUCTS:
            security.append(
                f"Each {system} may hold personal data: serve it only to whoever may see it, "
                "and never build its file name or path from request input."
            )
            performance.append(
                f"Rendering the {system} is CPU-bound: keep it off the event loop "
                "(`run_in_threadpool` or a background task), and reuse a rendered "
                f"{system} until its data changes."
            )
            continue
        security.append(
            f"{system}: credentials and endpoints come from settings, never from code or logs."
        )
        if system in PAYMENT_SYSTEMS:
            security.append(
                f"{system}: verify the signature of every callback before changing a payment, "
                "and make the callback idempotent (the gateway may send it twice)."
            )
        if system in MODEL_SYSTEMS:
            performance.append(
                f"{system}: bound every call with a timeout, keep it off the event loop when "
                "it is CPU-bound, and log its duration and cost per request."
            )
        else:
            performance.append(
                f"{system}: call it with a timeout; a slow or failing {system} must not "
                "hold the request open."
            )
    if scope.settings:
        security.append(
            "New settings (" + ", ".join(scope.settings[:6]) + ") get safe defaults and are "
            "documented in the example environment file."
        )
    if "deletion" in scope.kinds:
        performance.append(
            "Delete in bounded batches on an indexed column (the expiry or owner the "
            "deletion filters on), never row by row."
        )
        migration.append("Index the column the deletion filters on before it first runs.")
    if scope.stored_fields:
        performance.append(
            "Index a new column only if queries filter or sort on it; on a large "
            "PostgreSQL table build the index concurrently (`op.create_index(..., "
            "postgresql_concurrently=True)` inside `op.get_context().autocommit_block()`) "
            "so writes are not blocked while it builds."
        )
    for names, note in (
        (scope.stored_fields, NEW_FIELDS_NOTE),
        (scope.new_tables, NEW_TABLES_NOTE),
    ):
        if names:
            migration.append(note.format(", ".join(f"`{name}`" for name in names)))
    if (scope.stored_fields or scope.new_tables) and any(map(is_schema_revision, scope.created)):
        migration.append(
            "Run the migration (`alembic upgrade head`) before deploying code that reads "
            "the new columns or tables."
        )
    elif scope.stored_fields or scope.new_tables:
        migration.append(
            "This plan writes no migration revision (the repository keeps none): a SQL "
            "schema changes the way the repository deploys it, and `create_all()` at "
            "start-up creates missing tables but never adds a column to an existing one; "
            "documents stored before this change lack the new field, so give it a default."
        )
    elif "data_model" in scope.kinds:
        migration.append(
            "Records stored before this change lack the new field: give it a default or "
            "backfill it, and keep reads tolerant of its absence."
        )
    if "refactor" in scope.kinds:
        migration.append(
            "Move in small steps that each keep the tests green; old import paths may be "
            "re-exported until their callers move."
        )
    return security, performance, migration
