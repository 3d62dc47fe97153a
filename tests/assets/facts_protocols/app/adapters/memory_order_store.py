from app.domain.order import Order


class InMemoryOrderStore:
    def __init__(self) -> None:
        self._orders: dict[str, Order] = {}

    async def get(self, order_id: str) -> Order | None:
        return self._orders.get(order_id)

    async def save(self, order: Order) -> None:
        self._orders[order.id] = order


class OrderReader:
    """Has ``get`` but not ``save``: half of OrderStore is no implementation."""

    def __init__(self, store: InMemoryOrderStore) -> None:
        self._store = store

    async def get(self, order_id: str) -> Order | None:
        return await self._store.get(order_id)
