import re
import uuid
from dataclasses import dataclass

from shared.domain import DomainError

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InvalidEmailError(DomainError):
    code = "invalid_email"


@dataclass(frozen=True, slots=True)
class EntityId:
    value: uuid.UUID

    @classmethod
    def generate(cls) -> "EntityId":
        return cls(uuid.uuid4())

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Email:
    value: str

    def __post_init__(self) -> None:
        if not _EMAIL_RE.match(self.value):
            raise InvalidEmailError(f"invalid email: {self.value!r}")
