from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, Database
from app.orders.domain.entity.order import Order, OrderItem, OrderStatus
from app.orders.domain.repository.order_repository import OrderRepository


class OrderRow(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    items: Mapped[list] = mapped_column(JSON)


class SQLAlchemyOrderRepository(OrderRepository):
    def __init__(self, database: Database) -> None:
        self._database = database

    async def save(self, order: Order) -> Order:
        row = OrderRow(
            user_id=order.user_id,
            status=order.status.value,
            items=[
                {"product_id": i.product_id, "quantity": i.quantity, "unit_price": str(i.unit_price)}
                for i in order.items
            ],
        )
        async with self._database.session() as session:
            session.add(row)
            await session.flush()
            order.id = row.id
        return order

    async def list_for_user(self, user_id: int) -> list[Order]:
        query = select(OrderRow).where(OrderRow.user_id == user_id).order_by(OrderRow.id.desc())
        async with self._database.session() as session:
            rows = (await session.execute(query)).scalars().all()
        return [
            Order(
                id=row.id,
                user_id=row.user_id,
                status=OrderStatus(row.status),
                items=[OrderItem(i["product_id"], i["quantity"], Decimal(i["unit_price"])) for i in row.items],
            )
            for row in rows
        ]
