from abc import ABC, abstractmethod
from uuid import UUID

from app.domain.entities.shipping import Shipping


class ShippingRepository(ABC):
    @abstractmethod
    def get(self, id: UUID) -> Shipping: ...
