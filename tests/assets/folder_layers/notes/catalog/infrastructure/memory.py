"""Entries kept in memory."""

from notes.catalog.domain.entries import Entry
from notes.catalog.domain.repositories import EntryRepository


class MemoryEntries(EntryRepository):
    def __init__(self) -> None:
        self.rows: list[Entry] = []

    def add(self, entry: Entry) -> None:
        self.rows.append(entry)
