from uuid import UUID

from app.application.ports.inventory_repository import InventoryRepository
from app.domain.entities.inventory import Inventory
from app.domain.errors import NotFound


class InventoryService:
    def __init__(self, repository: InventoryRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> Inventory:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
