from dataclasses import dataclass

from src.users.domain.user import UserId


@dataclass(frozen=True)
class UserRegistered:
    user_id: UserId
    email: str


@dataclass(frozen=True)
class UserDeactivated:
    user_id: UserId
