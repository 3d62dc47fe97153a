from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ASCENDING, DESCENDING, IndexModel


async def create_indexes(database: AsyncIOMotorDatabase) -> None:
    await database["items"].create_index([("owner_id", ASCENDING), ("created_at", DESCENDING)])
    await database["items"].create_indexes([IndexModel([("sku", ASCENDING)], unique=True)])
    await database["prices"].create_index("sku")
