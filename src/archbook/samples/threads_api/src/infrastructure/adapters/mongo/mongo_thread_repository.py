"""MongoDB implementation of the thread repository."""

from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ASCENDING, DESCENDING

from src.application.ports.thread_repository import ThreadRepository
from src.domain.entities.thread import Thread, ThreadStatus
from src.domain.value_objects.thread_filters import ThreadFilters, ThreadSort


class MongoThreadRepository(ThreadRepository):
    """Stores threads in the ``threads`` collection, keyed by their id."""

    def __init__(self, database: AsyncIOMotorDatabase) -> None:
        self._collection = database["threads"]

    async def add(self, thread: Thread) -> None:
        """Insert ``thread``."""
        await self._collection.insert_one(_to_document(thread))

    async def get_by_id(self, thread_id: str) -> Thread | None:
        """Return the thread with ``thread_id``, if any."""
        document = await self._collection.find_one({"_id": thread_id})
        return _to_entity(document) if document else None

    async def exists(self, thread_id: str) -> bool:
        """Tell whether the thread exists without loading it."""
        return await self._collection.find_one({"_id": thread_id}, {"_id": 1}) is not None

    async def update(self, thread: Thread) -> None:
        """Save the fields of ``thread`` that change after creation."""
        await self._collection.update_one(
            {"_id": thread.id},
            {
                "$set": {
                    "status": thread.status.value,
                    "last_activity_at": thread.last_activity_at,
                    "message_count": thread.message_count,
                }
            },
        )

    async def list(self, filters: ThreadFilters) -> list[Thread]:
        """Return the threads matching ``filters`` ordered by last activity."""
        query: dict[str, Any] = {}
        if filters.author_id is not None:
            query["author_id"] = filters.author_id
        if filters.tag is not None:
            query["tags"] = filters.tag
        if filters.status is not None:
            query["status"] = filters.status.value
        if filters.text is not None:
            query["$text"] = {"$search": filters.text}
        direction = DESCENDING if filters.sort is ThreadSort.RECENT_ACTIVITY else ASCENDING
        cursor = self._collection.find(query).sort("last_activity_at", direction)
        documents = await cursor.to_list(None)
        return [_to_entity(document) for document in documents]


def _to_document(thread: Thread) -> dict[str, Any]:
    """Map a thread to its stored shape."""
    return {
        "_id": thread.id,
        "title": thread.title,
        "body": thread.body,
        "author_id": thread.author_id,
        "tags": thread.tags,
        "status": thread.status.value,
        "created_at": thread.created_at,
        "last_activity_at": thread.last_activity_at,
        "message_count": thread.message_count,
    }


def _to_entity(document: dict[str, Any]) -> Thread:
    """Map a stored document back to a thread."""
    return Thread(
        id=document["_id"],
        title=document["title"],
        body=document["body"],
        author_id=document["author_id"],
        tags=list(document["tags"]),
        status=ThreadStatus(document["status"]),
        created_at=document["created_at"],
        last_activity_at=document["last_activity_at"],
        message_count=document.get("message_count", 0),
    )
