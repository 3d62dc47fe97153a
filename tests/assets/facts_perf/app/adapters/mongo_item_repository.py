from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase

from app.ports.item_repository import ItemRepository

SUMMARY = {"_id": 1, "name": 1, "sku": 1}


class MongoItemRepository(ItemRepository):
    def __init__(self, database: AsyncIOMotorDatabase) -> None:
        self._items = database["items"]

    async def search(self, owner_id: str, tag: str | None) -> list[dict]:
        query: dict[str, Any] = {"owner_id": owner_id}
        if tag is not None:
            query["tags"] = tag
        cursor = self._items.find(query).sort("name", 1)
        return await cursor.to_list(None)

    async def recent(self, owner_id: str, size: int) -> list[dict]:
        cursor = self._items.find({"owner_id": owner_id}, SUMMARY).sort("created_at", -1).limit(size)
        return await cursor.to_list(length=size)

    async def find(self, item_id: str) -> dict | None:
        return await self._items.find_one({"_id": item_id}, SUMMARY)

    async def projection_keyword_ok(self, sku: str) -> list[dict]:
        cursor = self._items.find({"sku": sku}, projection={"name": 1}).limit(10)
        return await cursor.to_list(10)

    async def skip_only_bad(self, owner_id: str, offset: int) -> list[dict]:
        cursor = self._items.find({"owner_id": owner_id}, SUMMARY).skip(offset)
        return [document async for document in cursor]

    async def sort_list_bad(self, owner_id: str) -> list[dict]:
        cursor = self._items.find({"owner_id": owner_id}, SUMMARY).sort([("price", -1)]).limit(5)
        return await cursor.to_list(length=5)

    async def filter_literal_bad(self, colour: str) -> list[dict]:
        return await self._items.find({"colour": colour, "$comment": "by colour"}, SUMMARY).to_list(20)

    async def to_list_bare_bad(self, owner_id: str) -> list[dict]:
        return await self._items.find({"owner_id": owner_id}, SUMMARY).limit(5).to_list()

    async def own_find_ok(self, item_ids: list[str]) -> list[dict | None]:
        return [await self.find(item_ids[0])] if item_ids else []
