from uuid import UUID

from sqlalchemy import JSON, String, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from src.application.ports.order_repository import OrderRepository
from src.domain.order import Order, OrderLine, OrderStatus


class Base(DeclarativeBase):
    pass


class OrderRow(Base):
    __tablename__ = "orders"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16))
    lines: Mapped[list] = mapped_column(JSON)


def create_session_factory(database_url: str) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(create_async_engine(database_url), expire_on_commit=False)


class SqlAlchemyOrderRepository(OrderRepository):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def save(self, order: Order) -> None:
        async with self._session_factory() as session, session.begin():
            await session.merge(
                OrderRow(
                    id=order.id,
                    user_id=order.user_id,
                    status=order.status.value,
                    lines=[vars(line) for line in order.lines],
                )
            )

    async def get(self, order_id: UUID) -> Order | None:
        async with self._session_factory() as session:
            row = (await session.execute(select(OrderRow).where(OrderRow.id == order_id))).scalar_one_or_none()
        if row is None:
            return None
        return Order(
            id=row.id,
            user_id=row.user_id,
            lines=[OrderLine(**line) for line in row.lines],
            status=OrderStatus(row.status),
        )
