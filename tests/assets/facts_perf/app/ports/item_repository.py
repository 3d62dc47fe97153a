from abc import ABC, abstractmethod


class ItemRepository(ABC):
    @abstractmethod
    async def search(self, owner_id: str, tag: str | None) -> list[dict]: ...

    @abstractmethod
    async def recent(self, owner_id: str, size: int) -> list[dict]: ...

    @abstractmethod
    async def find(self, item_id: str) -> dict | None: ...
