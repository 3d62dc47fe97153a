from abc import ABC, abstractmethod
from uuid import UUID

from app.domain.entities.inventory import Inventory


class InventoryRepository(ABC):
    @abstractmethod
    def get(self, id: UUID) -> Inventory: ...
