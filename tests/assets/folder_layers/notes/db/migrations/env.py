"""Alembic environment: runs the revisions against the notes database."""

from alembic import context

from notes.db.tables import metadata

context.configure(target_metadata=metadata)
