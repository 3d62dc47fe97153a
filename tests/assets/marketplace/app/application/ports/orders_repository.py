from abc import ABC, abstractmethod
from uuid import UUID

from app.domain.entities.order import Order


class OrderRepository(ABC):
    @abstractmethod
    def get(self, id: UUID) -> Order: ...
