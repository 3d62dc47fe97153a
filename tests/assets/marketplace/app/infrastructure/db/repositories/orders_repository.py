from uuid import UUID

from app.application.ports.orders_repository import OrderRepository
from app.domain.entities.order import Order
from app.infrastructure.db.base import Base
from app.infrastructure.db.session import Session


class SqlOrderRepository(OrderRepository, Base):
    session = Session

    def get(self, id: UUID) -> Order:
        return Order(id=id)
