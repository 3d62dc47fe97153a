from abc import ABC, abstractmethod

from app.users.domain.entity.user import User


class UserRepository(ABC):
    @abstractmethod
    async def get_by_id(self, user_id: int) -> User | None:
        """Return a user or None."""

    @abstractmethod
    async def get_by_email_or_nickname(self, email: str, nickname: str) -> User | None:
        """Return a user matching either field."""

    @abstractmethod
    async def save(self, user: User) -> User:
        """Persist and return the user with its id."""
