from abc import ABC, abstractmethod
from uuid import UUID

from app.domain.entities.cart import Cart


class CartRepository(ABC):
    @abstractmethod
    def get(self, id: UUID) -> Cart: ...
