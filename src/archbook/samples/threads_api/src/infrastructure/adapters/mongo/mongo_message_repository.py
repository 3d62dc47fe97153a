"""MongoDB implementation of the message repository."""

from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ASCENDING

from src.application.ports.message_repository import MessageRepository
from src.domain.entities.message import Message
from src.domain.value_objects.thread_filters import Pagination

_PAGE_PROJECTION = {"_id": 1, "author_id": 1, "author_name": 1, "body": 1, "created_at": 1}


class MongoMessageRepository(MessageRepository):
    """Stores messages in the ``messages`` collection, one document per message."""

    def __init__(self, database: AsyncIOMotorDatabase) -> None:
        self._collection = database["messages"]

    async def add(self, message: Message) -> None:
        """Insert ``message``."""
        await self._collection.insert_one(
            {
                "_id": message.id,
                "thread_id": message.thread_id,
                "author_id": message.author_id,
                "author_name": message.author_name,
                "body": message.body,
                "created_at": message.created_at,
            }
        )

    async def list_for_thread(self, thread_id: str, pagination: Pagination) -> list[Message]:
        """Return one page of the thread's messages using the (thread_id, created_at) index."""
        cursor = (
            self._collection.find({"thread_id": thread_id}, _PAGE_PROJECTION)
            .sort("created_at", ASCENDING)
            .skip(pagination.offset)
            .limit(pagination.limit)
        )
        documents = await cursor.to_list(length=pagination.limit)
        return [_to_entity(document, thread_id) for document in documents]


def _to_entity(document: dict[str, Any], thread_id: str) -> Message:
    """Map a projected document of ``thread_id`` back to a message."""
    return Message(
        id=document["_id"],
        thread_id=thread_id,
        author_id=document["author_id"],
        author_name=document["author_name"],
        body=document["body"],
        created_at=document["created_at"],
    )
