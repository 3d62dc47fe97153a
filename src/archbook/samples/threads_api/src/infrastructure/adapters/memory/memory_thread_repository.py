"""In-memory implementation of the thread repository."""

from copy import deepcopy

from src.application.ports.thread_repository import ThreadRepository
from src.domain.entities.thread import Thread
from src.domain.value_objects.thread_filters import ThreadFilters, ThreadSort


class InMemoryThreadRepository(ThreadRepository):
    """Keeps threads in a dict; used by tests and local runs without MongoDB."""

    def __init__(self) -> None:
        self._threads: dict[str, Thread] = {}

    async def add(self, thread: Thread) -> None:
        """Store a copy of ``thread``."""
        self._threads[thread.id] = deepcopy(thread)

    async def get_by_id(self, thread_id: str) -> Thread | None:
        """Return a copy of the thread with ``thread_id``, if any."""
        thread = self._threads.get(thread_id)
        return deepcopy(thread) if thread else None

    async def exists(self, thread_id: str) -> bool:
        """Tell whether the thread exists."""
        return thread_id in self._threads

    async def update(self, thread: Thread) -> None:
        """Replace the stored copy of ``thread``."""
        self._threads[thread.id] = deepcopy(thread)

    async def list(self, filters: ThreadFilters) -> list[Thread]:
        """Return copies of the matching threads ordered by last activity."""
        matching = [thread for thread in self._threads.values() if _matches(thread, filters)]
        matching.sort(
            key=lambda thread: thread.last_activity_at,
            reverse=filters.sort is ThreadSort.RECENT_ACTIVITY,
        )
        return deepcopy(matching)


def _matches(thread: Thread, filters: ThreadFilters) -> bool:
    """Apply the listing criteria the way the MongoDB query does."""
    if filters.author_id is not None and thread.author_id != filters.author_id:
        return False
    if filters.tag is not None and filters.tag not in thread.tags:
        return False
    if filters.status is not None and thread.status is not filters.status:
        return False
    if filters.text is not None:
        text = filters.text.lower()
        return text in thread.title.lower() or text in thread.body.lower()
    return True
