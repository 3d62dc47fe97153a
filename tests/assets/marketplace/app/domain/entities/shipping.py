from dataclasses import dataclass, field
from uuid import UUID

from app.domain.value_objects.ids import new_id


@dataclass
class Shipping:
    id: UUID = field(default_factory=new_id)
