import asyncio

from app.ports.item_repository import ItemRepository
from app.ports.price_feed import PriceFeed


class ItemService:
    def __init__(self, items: ItemRepository, prices: PriceFeed) -> None:
        self._items = items
        self._prices = prices

    async def search_with_prices(self, owner_id: str, tag: str | None) -> list[dict]:
        found = await self._items.search(owner_id, tag)
        for item in found:
            item["price"] = await self._prices.price(item["sku"])
        return found

    async def recent_with_prices(self, owner_id: str) -> list[dict]:
        found = await self._items.recent(owner_id, 20)
        prices = await asyncio.gather(*(self._prices.price(item["sku"]) for item in found))
        return [{**item, "price": price} for item, price in zip(found, prices, strict=True)]

    async def item(self, item_id: str) -> dict | None:
        return await self._items.find(item_id)

    async def drain_bad(self, queue: asyncio.Queue[str]) -> list[float]:
        prices = []
        while not queue.empty():
            prices.append(await self._prices.price(queue.get_nowait()))
        return prices

    async def comprehension_bad(self, skus: list[str]) -> list[float]:
        return [await self._prices.price(sku) for sku in skus]

    async def loop_over_awaited_ok(self, owner_id: str) -> list[str]:
        names = []
        for item in await self._items.recent(owner_id, 10):
            names.append(item["name"])
        return names
