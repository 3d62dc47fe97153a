from dataclasses import dataclass
from uuid import UUID


@dataclass
class OrderOut:
    id: UUID
