"""Add the notes table."""

import sqlalchemy as sa
from alembic import op

from notes.db.tables import notes_table

revision = "a1b2c3"
down_revision = None


def upgrade() -> None:
    op.create_table(notes_table.name, sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table(notes_table.name)
