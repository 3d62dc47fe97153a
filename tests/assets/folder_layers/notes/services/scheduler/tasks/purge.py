"""Scheduled job: forget notes left empty."""

from notes.services.notes_service import create_note


def purge(texts: list[str]) -> list[dict[str, str]]:
    return [create_note(t) for t in texts if t.strip()]
