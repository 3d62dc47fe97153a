from abc import ABC, abstractmethod
from uuid import UUID

from app.domain.entities.product import Product


class ProductRepository(ABC):
    @abstractmethod
    def get(self, id: UUID) -> Product: ...
