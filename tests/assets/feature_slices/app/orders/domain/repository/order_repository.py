from abc import ABC, abstractmethod

from app.orders.domain.entity.order import Order


class OrderRepository(ABC):
    @abstractmethod
    async def save(self, order: Order) -> Order:
        """Persist the order."""

    @abstractmethod
    async def list_for_user(self, user_id: int) -> list[Order]:
        """Orders placed by a user, newest first."""
