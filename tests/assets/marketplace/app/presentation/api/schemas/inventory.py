from dataclasses import dataclass
from uuid import UUID


@dataclass
class InventoryOut:
    id: UUID
