from abc import ABC, abstractmethod
from uuid import UUID

from src.domain.order import Order


class OrderRepository(ABC):
    @abstractmethod
    async def save(self, order: Order) -> None: ...

    @abstractmethod
    async def get(self, order_id: UUID) -> Order | None: ...
