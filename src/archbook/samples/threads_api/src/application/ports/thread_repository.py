"""Port for storing threads."""

from abc import ABC, abstractmethod

from src.domain.entities.thread import Thread
from src.domain.value_objects.thread_filters import ThreadFilters


class ThreadRepository(ABC):
    """Persistence of :class:`Thread` entities."""

    @abstractmethod
    async def add(self, thread: Thread) -> None:
        """Store a new thread."""

    @abstractmethod
    async def get_by_id(self, thread_id: str) -> Thread | None:
        """Return the thread with ``thread_id``, if any."""

    @abstractmethod
    async def exists(self, thread_id: str) -> bool:
        """Tell whether a thread with ``thread_id`` exists."""

    @abstractmethod
    async def update(self, thread: Thread) -> None:
        """Persist the changes made to an existing thread."""

    @abstractmethod
    async def list(self, filters: ThreadFilters) -> list[Thread]:
        """Return the threads matching ``filters`` in the order they request."""
