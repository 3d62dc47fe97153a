from abc import ABC, abstractmethod

from src.users.domain.user import User, UserId


class UserRepository(ABC):
    @abstractmethod
    async def add(self, user: User) -> None: ...

    @abstractmethod
    async def get(self, user_id: UserId) -> User | None: ...

    @abstractmethod
    async def by_email(self, email: str) -> User | None: ...
