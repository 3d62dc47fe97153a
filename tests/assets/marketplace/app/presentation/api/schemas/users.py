from dataclasses import dataclass
from uuid import UUID


@dataclass
class UserOut:
    id: UUID
