from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
class User:
    email: str
    nickname: str
    password_hash: str
    id: int | None = None
    is_admin: bool = False
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def promote(self) -> None:
        self.is_admin = True


class DuplicateEmailOrNicknameError(Exception):
    pass


class UserNotFoundError(Exception):
    pass
