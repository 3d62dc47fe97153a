from uuid import UUID

from app.application.ports.shipping_repository import ShippingRepository
from app.domain.entities.shipping import Shipping
from app.infrastructure.db.base import Base
from app.infrastructure.db.session import Session


class SqlShippingRepository(ShippingRepository, Base):
    session = Session

    def get(self, id: UUID) -> Shipping:
        return Shipping(id=id)
