import asyncio

import httpx

from app.ports.price_feed import PriceFeed


class HttpxPriceFeed(PriceFeed):
    def __init__(self, url: str) -> None:
        self._client = httpx.AsyncClient(base_url=url)

    async def price(self, sku: str) -> float:
        await asyncio.sleep(0.1)
        response = await self._client.get(f"/{sku}")
        return float(response.text)

    async def local_names_ok(self, requests: list[str]) -> list[str]:
        time = len(requests)
        requests.append(str(time))
        return requests
