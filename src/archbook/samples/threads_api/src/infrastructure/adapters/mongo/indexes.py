"""Index declarations for the service's MongoDB collections."""

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ASCENDING, TEXT


async def ensure_indexes(database: AsyncIOMotorDatabase) -> None:
    """Create the indexes the repositories' queries rely on; safe to run on every start."""
    await database["users"].create_index([("email", ASCENDING)], unique=True, name="email_unique")
    await database["threads"].create_index([("author_id", ASCENDING)], name="author_id")
    await database["threads"].create_index([("status", ASCENDING)], name="status")
    await database["threads"].create_index([("title", TEXT), ("body", TEXT)], name="text_search")
    await database["messages"].create_index(
        [("thread_id", ASCENDING), ("created_at", ASCENDING)], name="thread_id_created_at"
    )
