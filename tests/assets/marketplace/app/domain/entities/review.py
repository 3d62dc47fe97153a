from dataclasses import dataclass, field
from uuid import UUID

from app.domain.value_objects.ids import new_id
from app.infrastructure.db.base import Base


@dataclass
class Review:
    id: UUID = field(default_factory=new_id)
