"""Port for storing messages."""

from abc import ABC, abstractmethod

from src.domain.entities.message import Message
from src.domain.value_objects.thread_filters import Pagination


class MessageRepository(ABC):
    """Persistence of :class:`Message` entities."""

    @abstractmethod
    async def add(self, message: Message) -> None:
        """Store a new message."""

    @abstractmethod
    async def list_for_thread(self, thread_id: str, pagination: Pagination) -> list[Message]:
        """Return one page of a thread's messages, oldest first."""
