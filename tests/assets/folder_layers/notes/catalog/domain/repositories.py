"""The interfaces the domain needs to keep entries."""

from abc import ABC, abstractmethod

from notes.catalog.domain.entries import Entry


class Repository(ABC):
    @abstractmethod
    def add(self, entry: Entry) -> None: ...


class EntryRepository(Repository):
    """Entries, with the methods every repository declares."""
