"""Entries the application reads, as an interface of its own."""

from typing import Protocol

from notes.catalog.domain.entries import Entry


class EntryReader(Protocol):
    def get(self, slug: str) -> Entry: ...
