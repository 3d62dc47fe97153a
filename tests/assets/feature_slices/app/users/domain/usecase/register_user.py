from abc import ABC, abstractmethod

from app.users.application.dto.user_dto import RegisterUserCommand
from app.users.domain.entity.user import User


class RegisterUserUseCase(ABC):
    @abstractmethod
    async def register(self, command: RegisterUserCommand) -> User:
        """Create a new account."""

    @abstractmethod
    async def get_user(self, user_id: int) -> User:
        """Load an existing account."""
