"""Tables of the notes database."""

import sqlalchemy

metadata = sqlalchemy.MetaData()
notes_table = sqlalchemy.Table(
    "notes", metadata, sqlalchemy.Column("id", sqlalchemy.Integer, primary_key=True)
)
