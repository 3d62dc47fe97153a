from dataclasses import dataclass
from uuid import UUID


@dataclass
class ProductOut:
    id: UUID
