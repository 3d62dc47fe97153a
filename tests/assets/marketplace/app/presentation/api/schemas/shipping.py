from dataclasses import dataclass
from uuid import UUID


@dataclass
class ShippingOut:
    id: UUID
