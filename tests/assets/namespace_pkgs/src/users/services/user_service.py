from src.users.domain.events import UserRegistered
from src.users.domain.user import User
from src.users.ports.password_hasher import PasswordHasher
from src.users.ports.user_repository import UserRepository


class EmailTakenError(Exception):
    pass


class UserService:
    def __init__(self, repository: UserRepository, hasher: PasswordHasher) -> None:
        self._repository = repository
        self._hasher = hasher
        self.events: list[UserRegistered] = []

    async def register(self, email: str, password: str) -> User:
        if await self._repository.by_email(email):
            raise EmailTakenError(email)
        user = User.register(email, self._hasher.hash(password))
        await self._repository.add(user)
        self.events.append(UserRegistered(user_id=user.id, email=user.email))
        return user

    async def authenticate(self, email: str, password: str) -> User | None:
        user = await self._repository.by_email(email)
        if user and user.active and self._hasher.verify(password, user.password_hash):
            return user
        return None
