from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID, uuid4

from src.domain.exceptions import InvalidEmailError


@dataclass
class User:
    id: UUID
    email: str
    full_name: str
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def create(cls, email: str, full_name: str) -> "User":
        if "@" not in email:
            raise InvalidEmailError(email)
        return cls(id=uuid4(), email=email.lower(), full_name=full_name.strip())
