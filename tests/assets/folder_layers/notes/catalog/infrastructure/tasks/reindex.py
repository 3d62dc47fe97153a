"""A queued job that adds entries: it drives the use case like an endpoint does."""

from notes.catalog.application.add_entry import add_entry
from notes.catalog.infrastructure.memory import MemoryEntries


def reindex(slugs: list[str]) -> None:
    for slug in slugs:
        add_entry(MemoryEntries(), slug)
