from uuid import UUID

from src.application.ports.order_repository import OrderRepository
from src.application.ports.user_repository import UserRepository
from src.domain.exceptions import OrderNotFoundError, UserNotFoundError
from src.domain.order import Order, OrderLine


class OrderService:
    def __init__(self, orders: OrderRepository, users: UserRepository) -> None:
        self._orders = orders
        self._users = users

    async def place_order(self, user_id: UUID, lines: list[tuple[str, int, int]]) -> Order:
        if await self._users.get(user_id) is None:
            raise UserNotFoundError(user_id)
        order = Order.place(
            user_id=user_id,
            lines=[OrderLine(sku=sku, quantity=qty, unit_price_cents=price) for sku, qty, price in lines],
        )
        await self._orders.save(order)
        return order

    async def get(self, order_id: UUID) -> Order:
        order = await self._orders.get(order_id)
        if order is None:
            raise OrderNotFoundError(order_id)
        return order
