import typing

from app.domain.order import Order


class OrderStore(typing.Protocol):
    async def get(self, order_id: str) -> Order | None: ...

    async def save(self, order: Order) -> None: ...
