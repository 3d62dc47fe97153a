from dataclasses import dataclass
from uuid import UUID


@dataclass
class ReviewOut:
    id: UUID
