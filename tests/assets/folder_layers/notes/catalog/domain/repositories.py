"""The interface the domain needs to keep entries."""

from abc import ABC, abstractmethod

from notes.catalog.domain.entries import Entry


class EntryRepository(ABC):
    @abstractmethod
    def add(self, entry: Entry) -> None: ...
