from abc import ABC, abstractmethod

from app.orders.application.dto.order_dto import PlaceOrderCommand
from app.orders.domain.entity.order import Order


class PlaceOrderUseCase(ABC):
    @abstractmethod
    async def place(self, command: PlaceOrderCommand) -> Order:
        """Validate and store a new order."""

    @abstractmethod
    async def history(self, user_id: int) -> list[Order]:
        """Return the user's orders."""
