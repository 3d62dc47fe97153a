"""Use case: add an entry to the catalogue."""

from notes.catalog.domain.entries import Entry
from notes.catalog.domain.repositories import EntryRepository


def add_entry(repository: EntryRepository, slug: str) -> Entry:
    entry = Entry(slug)
    repository.add(entry)
    return entry
