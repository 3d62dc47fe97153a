from uuid import UUID

from src.application.ports.notifier import Notifier
from src.application.ports.user_repository import UserRepository
from src.domain.exceptions import EmailAlreadyRegisteredError, UserNotFoundError
from src.domain.user import User


class UserService:
    def __init__(self, users: UserRepository, notifier: Notifier) -> None:
        self._users = users
        self._notifier = notifier

    async def register(self, email: str, full_name: str) -> User:
        if await self._users.get_by_email(email) is not None:
            raise EmailAlreadyRegisteredError(email)
        user = User.create(email=email, full_name=full_name)
        await self._users.add(user)
        await self._notifier.send_welcome(user)
        return user

    async def get(self, user_id: UUID) -> User:
        user = await self._users.get(user_id)
        if user is None:
            raise UserNotFoundError(user_id)
        return user
