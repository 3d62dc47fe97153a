from app.domain.order import Order
from app.ports.notifier import Notifier
from app.ports.order_store import OrderStore


class OrderService:
    def __init__(self, store: OrderStore, notifier: Notifier) -> None:
        self._store = store
        self._notifier = notifier

    async def confirm(self, order_id: str) -> Order:
        order = await self._load(order_id)
        order.confirm()
        await self._store.save(order)
        await self._notifier.send(order.email, "your order is confirmed")
        return order

    async def find(self, order_id: str) -> Order:
        return await self._load(order_id)

    async def _load(self, order_id: str) -> Order:
        order = await self._store.get(order_id)
        if order is None:
            raise LookupError(order_id)
        return order
