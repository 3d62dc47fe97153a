"""Message use cases."""

from dataclasses import dataclass
from uuid import uuid4

from src.application.ports.clock import Clock
from src.application.ports.message_repository import MessageRepository
from src.application.ports.thread_repository import ThreadRepository
from src.domain.entities.message import Message
from src.domain.entities.user import User
from src.domain.errors import NotFound
from src.domain.value_objects.thread_filters import Pagination


@dataclass(frozen=True, slots=True)
class MessagePage:
    """One page of a thread's messages."""

    items: list[Message]
    page: int
    size: int


class MessageService:
    """Post and read the messages of a thread."""

    def __init__(
        self,
        messages: MessageRepository,
        threads: ThreadRepository,
        clock: Clock,
    ) -> None:
        self._messages = messages
        self._threads = threads
        self._clock = clock

    async def post_message(self, thread_id: str, author: User, body: str) -> Message:
        """Add a message to an open thread and bump the thread's activity."""
        thread = await self._threads.get_by_id(thread_id)
        if thread is None:
            raise NotFound(f"thread {thread_id} not found")
        now = self._clock.now()
        thread.record_message(now)
        message = Message(
            id=uuid4().hex,
            thread_id=thread_id,
            author_id=author.id,
            author_name=author.display_name,
            body=body.strip(),
            created_at=now,
        )
        await self._messages.add(message)
        await self._threads.update(thread)
        return message

    async def list_messages(self, thread_id: str, pagination: Pagination) -> MessagePage:
        """Return one page of a thread's messages, oldest first."""
        if not await self._threads.exists(thread_id):
            raise NotFound(f"thread {thread_id} not found")
        items = await self._messages.list_for_thread(thread_id, pagination)
        return MessagePage(items=items, page=pagination.page, size=pagination.size)
