from abc import ABC, abstractmethod


class PriceFeed(ABC):
    @abstractmethod
    async def price(self, sku: str) -> float: ...
