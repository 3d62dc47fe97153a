"""In-memory implementation of the message repository."""

from src.application.ports.message_repository import MessageRepository
from src.domain.entities.message import Message
from src.domain.value_objects.thread_filters import Pagination


class InMemoryMessageRepository(MessageRepository):
    """Keeps each thread's messages in posting order; used by tests and local runs."""

    def __init__(self) -> None:
        self._by_thread: dict[str, list[Message]] = {}

    async def add(self, message: Message) -> None:
        """Append ``message`` to its thread."""
        self._by_thread.setdefault(message.thread_id, []).append(message)

    async def list_for_thread(self, thread_id: str, pagination: Pagination) -> list[Message]:
        """Return one page of the thread's messages, oldest first."""
        messages = sorted(self._by_thread.get(thread_id, []), key=lambda item: item.created_at)
        return messages[pagination.offset : pagination.offset + pagination.limit]
