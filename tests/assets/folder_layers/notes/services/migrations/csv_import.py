"""Imports notes exported by another application as CSV."""

import csv
import io

from notes.services.notes_service import create_note


def import_csv(text: str) -> list[dict[str, str]]:
    return [create_note(row[0]) for row in csv.reader(io.StringIO(text)) if row]
