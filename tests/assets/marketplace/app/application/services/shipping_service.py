from uuid import UUID

from app.application.ports.shipping_repository import ShippingRepository
from app.domain.entities.shipping import Shipping
from app.domain.errors import NotFound


class ShippingService:
    def __init__(self, repository: ShippingRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> Shipping:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
