from uuid import UUID

from app.application.ports.carts_repository import CartRepository
from app.domain.entities.cart import Cart
from app.infrastructure.db.base import Base
from app.infrastructure.db.session import Session


class SqlCartRepository(CartRepository, Base):
    session = Session

    def get(self, id: UUID) -> Cart:
        return Cart(id=id)
