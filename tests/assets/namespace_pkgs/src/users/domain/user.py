from dataclasses import dataclass
from typing import NewType
from uuid import UUID, uuid4

UserId = NewType("UserId", UUID)


@dataclass
class User:
    id: UserId
    email: str
    password_hash: str
    active: bool = True

    @classmethod
    def register(cls, email: str, password_hash: str) -> "User":
        return cls(id=UserId(uuid4()), email=email.lower(), password_hash=password_hash)

    def deactivate(self) -> None:
        self.active = False
