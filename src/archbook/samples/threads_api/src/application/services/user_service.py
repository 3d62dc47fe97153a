"""Profile use cases."""

from src.application.ports.user_repository import UserRepository
from src.domain.entities.user import User
from src.domain.errors import NotFound


class UserService:
    """Read and edit user profiles."""

    def __init__(self, users: UserRepository) -> None:
        self._users = users

    async def get_user(self, user_id: str) -> User:
        """Return the user with ``user_id`` or raise ``NotFound``."""
        user = await self._users.get_by_id(user_id)
        if user is None:
            raise NotFound(f"user {user_id} not found")
        return user

    async def rename(self, user_id: str, display_name: str) -> User:
        """Change a user's display name."""
        user = await self.get_user(user_id)
        user.rename(display_name)
        await self._users.update(user)
        return user
