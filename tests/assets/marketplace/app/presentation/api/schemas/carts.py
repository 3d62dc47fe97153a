from dataclasses import dataclass
from uuid import UUID


@dataclass
class CartOut:
    id: UUID
