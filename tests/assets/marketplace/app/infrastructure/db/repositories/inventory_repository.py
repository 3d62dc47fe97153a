from uuid import UUID

from app.application.ports.inventory_repository import InventoryRepository
from app.domain.entities.inventory import Inventory
from app.infrastructure.db.base import Base
from app.infrastructure.db.session import Session


class SqlInventoryRepository(InventoryRepository, Base):
    session = Session

    def get(self, id: UUID) -> Inventory:
        return Inventory(id=id)
