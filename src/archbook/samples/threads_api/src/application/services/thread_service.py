"""Thread use cases."""

from dataclasses import dataclass
from uuid import uuid4

from src.application.ports.clock import Clock
from src.application.ports.thread_repository import ThreadRepository
from src.application.ports.user_repository import UserRepository
from src.domain.entities.thread import Thread
from src.domain.entities.user import User
from src.domain.errors import NotFound
from src.domain.value_objects.thread_filters import ThreadFilters

UNKNOWN_AUTHOR = "[deleted]"


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    """A thread together with the display name of its author."""

    thread: Thread
    author_name: str


@dataclass(frozen=True, slots=True)
class ThreadPage:
    """One page of a thread listing and the number of matching threads."""

    items: list[ThreadSummary]
    total: int
    page: int
    size: int


class ThreadService:
    """Start, read, list and close threads."""

    def __init__(self, threads: ThreadRepository, users: UserRepository, clock: Clock) -> None:
        self._threads = threads
        self._users = users
        self._clock = clock

    async def start_thread(self, author: User, title: str, body: str, tags: list[str]) -> Thread:
        """Open a new thread authored by ``author``."""
        thread = Thread.start(
            thread_id=uuid4().hex,
            title=title,
            body=body,
            author_id=author.id,
            tags=tags,
            now=self._clock.now(),
        )
        await self._threads.add(thread)
        return thread

    async def get_thread(self, thread_id: str) -> ThreadSummary:
        """Return a thread and its author's name or raise ``NotFound``."""
        thread = await self._load(thread_id)
        author = await self._users.get_by_id(thread.author_id)
        return ThreadSummary(thread, author.display_name if author else UNKNOWN_AUTHOR)

    async def list_threads(self, filters: ThreadFilters) -> ThreadPage:
        """Return the requested page of threads matching ``filters``."""
        threads = await self._threads.list(filters)
        start = filters.pagination.offset
        items: list[ThreadSummary] = []
        for thread in threads[start : start + filters.pagination.limit]:
            author = await self._users.get_by_id(thread.author_id)
            items.append(ThreadSummary(thread, author.display_name if author else UNKNOWN_AUTHOR))
        return ThreadPage(
            items=items,
            total=len(threads),
            page=filters.pagination.page,
            size=filters.pagination.size,
        )

    async def close_thread(self, thread_id: str, user: User) -> Thread:
        """Close a thread on behalf of its author."""
        thread = await self._load(thread_id)
        thread.close(user.id, self._clock.now())
        await self._threads.update(thread)
        return thread

    async def _load(self, thread_id: str) -> Thread:
        """Fetch a thread or raise ``NotFound``."""
        thread = await self._threads.get_by_id(thread_id)
        if thread is None:
            raise NotFound(f"thread {thread_id} not found")
        return thread
